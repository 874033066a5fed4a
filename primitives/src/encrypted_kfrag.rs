//! Key fragments encrypted to a node's Umbral public key.

use bounded_collections::{BoundedVec, ConstU32};
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use rand_core::{CryptoRng, RngCore};
use scale_info::TypeInfo;
use umbral_pre::{decrypt_original, encrypt_with_rng, Capsule, KeyFrag, PublicKey, SecretKey};

use crate::error::UmbralError;
use crate::objects::{bounded, CapsuleBytes, KeyFragBytes, MAX_KEY_FRAG_LEN};

/// The nonce umbral-pre's DEM (XChaCha20-Poly1305) puts before the ciphertext.
pub const DEM_NONCE_LEN: usize = 24;
/// The authentication tag umbral-pre's DEM appends to the ciphertext.
pub const DEM_TAG_LEN: usize = 16;
/// How much longer than its plaintext a DEM ciphertext is.
pub const DEM_OVERHEAD: usize = DEM_NONCE_LEN + DEM_TAG_LEN;
/// The bound of [`EncryptedKeyFrag::ciphertext`]: a [`KeyFragBytes`] at its bound, encrypted.
pub const MAX_ENCRYPTED_KEY_FRAG_LEN: u32 = MAX_KEY_FRAG_LEN + DEM_OVERHEAD as u32;

/// A [`KeyFrag`] encrypted to a node's Umbral public key with umbral-pre's own public-key
/// encryption: `(capsule, ciphertext) = umbral_pre::encrypt(node_pk, kfrag_bytes)`, where
/// `kfrag_bytes` is the kfrag's [`KeyFragBytes`] (umbral-pre's `kfrag.to_bytes()`). Any
/// Umbral implementation can so produce it, and only the node can read it, with
/// `umbral_pre::decrypt_original(node_sk, capsule, ciphertext)` ([`Self::decrypt`]).
#[derive(
	Clone, Debug, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo,
)]
pub struct EncryptedKeyFrag {
	/// The capsule of the encryption, in umbral-pre's MessagePack.
	pub capsule: CapsuleBytes,
	/// The DEM ciphertext: nonce, encrypted kfrag bytes, authentication tag.
	pub ciphertext: BoundedVec<u8, ConstU32<MAX_ENCRYPTED_KEY_FRAG_LEN>>,
}

impl EncryptedKeyFrag {
	/// Encrypts `kfrag` to `node_pk`.
	pub fn encrypt_with_rng(
		rng: &mut (impl CryptoRng + RngCore),
		node_pk: &PublicKey,
		kfrag: &KeyFrag,
	) -> Result<Self, UmbralError> {
		let kfrag = KeyFragBytes::from_umbral(kfrag)?;
		let (capsule, ciphertext) = encrypt_with_rng(rng, node_pk, kfrag.as_bytes())
			.map_err(|_| UmbralError::EncryptionFailed)?;
		Self::from_umbral(&capsule, &ciphertext)
	}

	/// Wraps the output of umbral-pre's `encrypt`.
	pub fn from_umbral(capsule: &Capsule, ciphertext: &[u8]) -> Result<Self, UmbralError> {
		Ok(Self { capsule: CapsuleBytes::from_umbral(capsule)?, ciphertext: bounded(ciphertext)? })
	}

	/// Wraps the bytes of a capsule and a ciphertext if they fit their bounds.
	pub fn try_from_bytes(capsule: &[u8], ciphertext: &[u8]) -> Result<Self, UmbralError> {
		Ok(Self {
			capsule: CapsuleBytes::try_from_bytes(capsule)?,
			ciphertext: bounded(ciphertext)?,
		})
	}

	/// Checks what can be checked without the node's secret key, with the host's help (see
	/// [`CapsuleBytes::check`]): the capsule is one and the ciphertext holds at least the DEM's
	/// nonce and tag. What the runtime checks of every encrypted key fragment it stores.
	pub fn check(&self) -> Result<(), UmbralError> {
		self.capsule.check()?;
		if self.ciphertext.len() < DEM_OVERHEAD {
			return Err(UmbralError::Truncated);
		}
		Ok(())
	}

	/// Checks what can be checked without the node's secret key: the capsule decodes and
	/// the ciphertext holds at least the DEM's nonce and tag. Returns the decoded capsule
	/// and the ciphertext.
	pub fn to_umbral(&self) -> Result<(Capsule, &[u8]), UmbralError> {
		let capsule = self.capsule.to_umbral()?;
		if self.ciphertext.len() < DEM_OVERHEAD {
			return Err(UmbralError::Truncated);
		}
		Ok((capsule, &self.ciphertext))
	}

	/// Decrypts with the node's secret key and decodes the key fragment (not verified: use
	/// `KeyFrag::verify`). A wrong key or altered bytes give [`UmbralError::Undecryptable`].
	pub fn decrypt(&self, node_sk: &SecretKey) -> Result<KeyFrag, UmbralError> {
		let (capsule, ciphertext) = self.to_umbral()?;
		let plaintext = decrypt_original(node_sk, &capsule, ciphertext)
			.map_err(|_| UmbralError::Undecryptable)?;
		KeyFragBytes::try_from_bytes(&plaintext)?.to_umbral()
	}
}
