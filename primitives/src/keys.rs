//! Umbral public keys as their compressed SEC1 bytes.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;
use umbral_pre::PublicKey;

use crate::error::UmbralError;

/// The size of a compressed secp256k1 point.
pub const PUBLIC_KEY_LEN: usize = 33;

/// An Umbral [`PublicKey`] as its 33-byte compressed SEC1 point: what umbral-pre's
/// `PublicKey::to_compressed_bytes` returns and NuCypher's packages call the key's bytes.
#[derive(
	Clone,
	Copy,
	Debug,
	PartialEq,
	Eq,
	PartialOrd,
	Ord,
	Hash,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
)]
pub struct UmbralPublicKey(pub [u8; PUBLIC_KEY_LEN]);

impl UmbralPublicKey {
	/// Takes exactly [`PUBLIC_KEY_LEN`] bytes; the point is checked by [`Self::to_umbral`].
	pub fn try_from_bytes(bytes: &[u8]) -> Result<Self, UmbralError> {
		match <[u8; PUBLIC_KEY_LEN]>::try_from(bytes) {
			Ok(array) => Ok(Self(array)),
			Err(_) if bytes.len() > PUBLIC_KEY_LEN => Err(UmbralError::TooLong),
			Err(_) => Err(UmbralError::Truncated),
		}
	}

	/// The compressed bytes of `pk`.
	pub fn from_umbral(pk: &PublicKey) -> Result<Self, UmbralError> {
		Self::try_from_bytes(&pk.to_compressed_bytes()).map_err(|_| UmbralError::EncodingFailed)
	}

	/// Decompresses the point: fails with [`UmbralError::InvalidPoint`] unless it is a point
	/// of the curve in compressed form (tag `0x02` or `0x03`; umbral-pre alone would also
	/// take the "compact" tag `0x05`).
	pub fn to_umbral(&self) -> Result<PublicKey, UmbralError> {
		match self.0 {
			[0x02 | 0x03, ..] => {
				PublicKey::try_from_compressed_bytes(&self.0).map_err(|_| UmbralError::InvalidPoint)
			}
			_ => Err(UmbralError::InvalidPoint),
		}
	}

	/// The raw bytes.
	pub fn as_bytes(&self) -> &[u8; PUBLIC_KEY_LEN] {
		&self.0
	}
}

impl TryFrom<&[u8]> for UmbralPublicKey {
	type Error = UmbralError;

	fn try_from(bytes: &[u8]) -> Result<Self, UmbralError> {
		Self::try_from_bytes(bytes)
	}
}

impl From<[u8; PUBLIC_KEY_LEN]> for UmbralPublicKey {
	fn from(bytes: [u8; PUBLIC_KEY_LEN]) -> Self {
		Self(bytes)
	}
}

impl AsRef<[u8]> for UmbralPublicKey {
	fn as_ref(&self) -> &[u8] {
		&self.0
	}
}
