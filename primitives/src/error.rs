use core::fmt;

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;

/// Why Umbral bytes could not be built, decoded or decrypted.
#[derive(
	Clone,
	Copy,
	Debug,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
)]
pub enum UmbralError {
	/// The input is longer than the type's bound.
	TooLong,
	/// The input ends before the encoded object does.
	Truncated,
	/// The input goes on after a complete encoded object.
	TrailingBytes,
	/// The bytes are not umbral-pre's MessagePack layout of this type: a wrong header, field
	/// size, field name or boolean; typically bytes of another type.
	Malformed,
	/// A curve point (or public key) is not a valid compressed point of secp256k1.
	InvalidPoint,
	/// A scalar or a signature component is not below the curve order (or is zero where
	/// that is forbidden).
	InvalidScalar,
	/// The capsule fails its self-check, or is degenerate (`E + V` is the identity point,
	/// so it could never be opened).
	InvalidCapsule,
	/// umbral-pre rejected the decoded fields for another reason.
	InvalidValue,
	/// Re-encoding the decoded object does not give back the input bytes.
	NonCanonical,
	/// umbral-pre's object could not be serialized into the expected layout.
	EncodingFailed,
	/// umbral-pre refused to encrypt the plaintext.
	EncryptionFailed,
	/// Authenticated decryption failed: a wrong secret key, or an altered capsule or
	/// ciphertext.
	Undecryptable,
}

impl fmt::Display for UmbralError {
	fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
		let msg = match self {
			Self::TooLong => "input is longer than the type's bound",
			Self::Truncated => "input ends before the encoded object",
			Self::TrailingBytes => "input has bytes after the encoded object",
			Self::Malformed => "input is not the MessagePack layout of this Umbral type",
			Self::InvalidPoint => "invalid secp256k1 point",
			Self::InvalidScalar => "scalar out of range",
			Self::InvalidCapsule => "capsule fails its self-check or is degenerate",
			Self::InvalidValue => "umbral-pre rejected the decoded fields",
			Self::NonCanonical => "encoding is not canonical",
			Self::EncodingFailed => "could not serialize the Umbral object",
			Self::EncryptionFailed => "encryption failed",
			Self::Undecryptable => "decryption failed: wrong key or altered ciphertext",
		};
		f.write_str(msg)
	}
}

impl core::error::Error for UmbralError {}
