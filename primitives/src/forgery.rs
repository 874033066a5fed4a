//! Key fragments that pass umbral-pre's `KeyFrag::verify` and still make every capsule fragment
//! the chain rejects: what a hostile Alice can hand a node. For tests (feature
//! `test-helpers`); the check that catches them is [`crate::check_key_fragment`].

use alloc::vec::Vec;
use k256::elliptic_curve::{group::GroupEncoding, ops::Reduce};
use k256::{ProjectivePoint, Scalar, U256};
use rand_core::{CryptoRng, RngCore};
use umbral_pre::{KeyFrag, PublicKey, SecretKey, Signer};

use crate::msgpack::{self, Field};
use crate::{KeyFragBytes, UmbralError};

/// The leaves of a key fragment, in umbral-pre's order.
const U: usize = 0;
const ID: usize = 1;
const KEY: usize = 2;
const PRECURSOR: usize = 3;
const COMMITMENT: usize = 4;
const SIGNATURE_FOR_PROXY: usize = 5;
const SIGNATURE_FOR_RECEIVER: usize = 6;

/// `kfrag` with its signature for the receiver replaced by a signature of other bytes:
/// `KeyFrag::verify` does not look at it, the chain's check of every capsule fragment does.
pub fn with_forged_receiver_signature(
	rng: &mut (impl CryptoRng + RngCore),
	kfrag: &KeyFrag,
	signer: &SecretKey,
) -> Result<KeyFrag, UmbralError> {
	let mut bytes = KeyFragBytes::from_umbral(kfrag)?.as_bytes().to_vec();
	let forged = Signer::new(signer.clone()).sign_with_rng(rng, b"not this key fragment");
	patch(&mut bytes, SIGNATURE_FOR_RECEIVER, &forged.to_be_bytes())?;
	KeyFragBytes::try_from_bytes(&bytes)?.to_umbral()
}

/// `kfrag` made over another parameter `u` (the multiple of the generator by a hash of its id)
/// with its commitment recomputed and both of Alice's signatures made anew by `signer`, as
/// `generate_kfrags` would have made them over that `u`: `KeyFrag::verify` accepts it, the
/// chain's check (over the standard `u`) rejects every capsule fragment made with it.
pub fn with_parameter_u(
	rng: &mut (impl CryptoRng + RngCore),
	kfrag: &KeyFrag,
	signer: &SecretKey,
	delegating: &PublicKey,
	receiving: &PublicKey,
) -> Result<KeyFrag, UmbralError> {
	let mut bytes = KeyFragBytes::from_umbral(kfrag)?.as_bytes().to_vec();
	let leaf = |bytes: &[u8], index: usize| -> Result<Vec<u8>, UmbralError> {
		msgpack::leaves(bytes, &msgpack::KEY_FRAG)
			.get(index)
			.map(|(_, data)| data.to_vec())
			.ok_or(UmbralError::Malformed)
	};
	let id = leaf(&bytes, ID)?;
	let key: [u8; 32] = leaf(&bytes, KEY)?.try_into().map_err(|_| UmbralError::Malformed)?;
	let factor = <Scalar as Reduce<U256>>::reduce_bytes(&sp_io::hashing::sha2_256(&id).into());
	let u = ProjectivePoint::GENERATOR * factor;
	let commitment = u * <Scalar as Reduce<U256>>::reduce_bytes(&key.into());
	patch(&mut bytes, U, &u.to_affine().to_bytes())?;
	patch(&mut bytes, COMMITMENT, &commitment.to_affine().to_bytes())?;

	let mut message = id;
	message.extend_from_slice(&commitment.to_affine().to_bytes());
	message.extend_from_slice(&leaf(&bytes, PRECURSOR)?);
	for key in [delegating, receiving] {
		message.push(1);
		message.extend_from_slice(&key.to_compressed_bytes());
	}
	let signer = Signer::new(signer.clone());
	for index in [SIGNATURE_FOR_PROXY, SIGNATURE_FOR_RECEIVER] {
		patch(&mut bytes, index, &signer.sign_with_rng(rng, &message).to_be_bytes())?;
	}
	KeyFragBytes::try_from_bytes(&bytes)?.to_umbral()
}

/// Overwrites the data of leaf `index` of the key fragment in `bytes` with `data`.
fn patch(bytes: &mut [u8], index: usize, data: &[u8]) -> Result<(), UmbralError> {
	let (field, at) = {
		let leaves = msgpack::leaves(bytes, &msgpack::KEY_FRAG);
		let (field, leaf) = leaves.get(index).ok_or(UmbralError::Malformed)?;
		(*field, leaf.as_ptr() as usize - bytes.as_ptr() as usize)
	};
	if matches!(field, Field::Bool) || field.encoded_len() - 2 != data.len() {
		return Err(UmbralError::Malformed);
	}
	bytes
		.get_mut(at..at + data.len())
		.ok_or(UmbralError::Malformed)?
		.copy_from_slice(data);
	Ok(())
}
