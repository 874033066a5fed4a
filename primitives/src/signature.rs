//! Umbral signatures (umbral-pre's `Signer`: ECDSA over secp256k1 with SHA-256) checked inside
//! the runtime, with one call to the host's `secp256k1_ecdsa_recover`.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use k256::elliptic_curve::{
	ops::{Invert, Reduce},
	point::AffineCoordinates,
	scalar::IsHigh,
};
use k256::{NonZeroScalar, Scalar, U256};
use scale_info::TypeInfo;
use umbral_pre::Signature;

use crate::curve::{self, Compressed};
use crate::error::UmbralError;
use crate::UmbralPublicKey;

/// The size of an Umbral signature: `r ‖ s`.
pub const SIGNATURE_LEN: usize = 64;

/// An Umbral [`Signature`] as umbral-pre's `Signature::to_be_bytes` writes it (NuCypher's JS and
/// Python packages call it `toBEBytes`/`to_be_bytes`): `r ‖ s`, 32 big-endian bytes each.
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
pub struct UmbralSignature(pub [u8; SIGNATURE_LEN]);

impl UmbralSignature {
	/// The bytes of `signature`.
	pub fn from_umbral(signature: &Signature) -> Result<Self, UmbralError> {
		let bytes = signature.to_be_bytes();
		<[u8; SIGNATURE_LEN]>::try_from(&bytes[..])
			.map(Self)
			.map_err(|_| UmbralError::EncodingFailed)
	}

	/// Whether this is `key`'s signature of `message`, decided as umbral-pre's
	/// `Signature::verify` decides (`s` must be low).
	pub fn verify(&self, key: &UmbralPublicKey, message: &[u8]) -> bool {
		holds(&sp_io::hashing::sha2_256(message), &self.0, key.as_bytes())
	}
}

/// Whether `signature` (`r ‖ s`) is `key`'s ECDSA signature of the SHA-256 `digest`, checked
/// as `k256` does (low `s` only): `x(u1·G + u2·K) mod n = r` with `u1 = e/s`, `u2 = r/s`, one
/// call to the host.
pub(crate) fn holds(digest: &[u8; 32], signature: &[u8; SIGNATURE_LEN], key: &Compressed) -> bool {
	let (r, s) = signature.split_at(32);
	let (Some(r), Some(s)) = (scalar(r), scalar(s)) else { return false };
	if bool::from(s.is_high()) {
		return false;
	}
	let Some(s_inv) = Option::<Scalar>::from(s.invert_vartime()) else { return false };
	let Some(u2) = Option::<NonZeroScalar>::from(NonZeroScalar::new(r * s_inv)) else {
		return false;
	};
	let u1 = curve::reduce(digest) * s_inv;
	curve::mul_add(&u2, key, &u1)
		.is_some_and(|x| <Scalar as Reduce<U256>>::reduce_bytes(&x.x()) == r)
}

/// A scalar below `n` from 32 big-endian bytes.
pub(crate) fn scalar(bytes: &[u8]) -> Option<Scalar> {
	let bytes: &[u8; 32] = bytes.try_into().ok()?;
	(bytes < &curve::CURVE_ORDER).then(|| curve::reduce(bytes))
}

#[cfg(test)]
mod tests {
	use umbral_pre::{SecretKey, Signer};

	use super::*;

	fn signed(message: &[u8]) -> (UmbralPublicKey, UmbralSignature) {
		let secret = SecretKey::random();
		let key = UmbralPublicKey::from_umbral(&secret.public_key()).unwrap();
		let signature = UmbralSignature::from_umbral(&Signer::new(secret).sign(message)).unwrap();
		(key, signature)
	}

	#[test]
	fn accepts_what_umbral_pre_signed() {
		for length in [0, 1, 32, 100] {
			let message = vec![7u8; length];
			let (key, signature) = signed(&message);
			assert!(signature.verify(&key, &message));
		}
	}

	#[test]
	fn refuses_other_messages_keys_and_altered_signatures() {
		let (key, signature) = signed(b"message");
		let (other_key, _) = signed(b"message");
		assert!(!signature.verify(&key, b"messagf"));
		assert!(!signature.verify(&other_key, b"message"));
		for byte in [0, 31, 32, 63] {
			let mut altered = signature;
			altered.0[byte] ^= 1;
			assert!(!altered.verify(&key, b"message"), "byte {byte} altered");
		}
		assert!(!UmbralSignature([0; 64]).verify(&key, b"message"));
		assert!(!UmbralSignature([0xff; 64]).verify(&key, b"message"));
	}

	#[test]
	fn refuses_high_s_as_umbral_pre_does() {
		let (key, signature) = signed(b"message");
		let s = curve::reduce(signature.0[32..].try_into().unwrap());
		let mut high = signature;
		high.0[32..].copy_from_slice(&(-s).to_bytes());
		let umbral = Signature::try_from_be_bytes(&high.0).unwrap();
		assert!(!umbral.verify(&key.to_umbral().unwrap(), b"message"));
		assert!(!high.verify(&key, b"message"));
	}
}
