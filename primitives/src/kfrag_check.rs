//! The check a node makes of the key fragment Alice made for it, before it accepts the
//! arrangement: everything the chain will later check of the capsule fragments made with it.
//!
//! umbral-pre's `KeyFrag::verify` checks the fragment's commitment against its own parameter
//! `u` and Alice's signature for the proxy; the chain checks each capsule fragment against the
//! standard `u` and Alice's signature for the receiver, which `KeyFrag::verify` does not look
//! at. So a fragment can pass `KeyFrag::verify` and still make every capsule fragment fail. The
//! check here closes that gap with the chain's own verifier: it re-encrypts a capsule of its
//! own making and runs [`verify_answer`] on the result.

use rand_core::{CryptoRng, RngCore};
use umbral_pre::{encrypt_with_rng, reencrypt_with_rng, SecretKey, VerifiedKeyFrag};

use crate::policy::{KfragFault, PolicyKeys};
use crate::{
	verify_answer, CapsuleBytes, CapsuleFragBytes, EncryptedKeyFrag, KeyFragBytes, KeyFragId,
	UmbralError,
};

/// Decrypts `encrypted` with the node's `secret` and checks it as the key fragment `kfrag_id`
/// of the policy with `keys`: its id, umbral-pre's standard parameter `u`, `KeyFrag::verify`
/// against the policy's keys, and the chain's verification of a fragment it makes of a fresh
/// capsule (`rng` makes the capsule and the fragment's proof). Returns the verified fragment,
/// or the first fault found.
pub fn check_key_fragment(
	rng: &mut (impl CryptoRng + RngCore),
	encrypted: &EncryptedKeyFrag,
	secret: &SecretKey,
	keys: &PolicyKeys,
	kfrag_id: &KeyFragId,
) -> Result<VerifiedKeyFrag, KfragFault> {
	let kfrag = encrypted.decrypt(secret).map_err(|error| match error {
		UmbralError::Undecryptable => KfragFault::Undecryptable,
		_ => KfragFault::Malformed,
	})?;
	let bytes = KeyFragBytes::from_umbral(&kfrag).map_err(|_| KfragFault::Malformed)?;
	if bytes.id().as_ref() != Some(kfrag_id) {
		return Err(KfragFault::WrongId);
	}
	if !bytes.has_standard_parameters() {
		return Err(KfragFault::NonStandardParameters);
	}
	let key = |key: &crate::UmbralPublicKey| key.to_umbral().map_err(|_| KfragFault::Unverified);
	let delegating = key(&keys.delegating)?;
	let verified = kfrag
		.verify(&key(&keys.verifying)?, Some(&delegating), Some(&key(&keys.receiving)?))
		.map_err(|_| KfragFault::Unverified)?;

	let probe = encrypt_with_rng(rng, &delegating, b"nkms/kfrag-probe")
		.map_err(|_| KfragFault::Unverified)?
		.0;
	let cfrag = reencrypt_with_rng(rng, &probe, verified.clone()).unverify();
	let (Ok(capsule), Ok(cfrag)) =
		(CapsuleBytes::from_umbral(&probe), CapsuleFragBytes::from_umbral(&cfrag))
	else {
		return Err(KfragFault::Malformed);
	};
	verify_answer(&[capsule], &[cfrag], keys, kfrag_id)
		.map_err(|rejected| KfragFault::Rejected(rejected.reason))?;
	Ok(verified)
}

#[cfg(test)]
mod tests {
	use rand_core::OsRng;
	use umbral_pre::{generate_kfrags, KeyFrag, PublicKey, Signer};

	use super::*;
	use crate::{forgery, UmbralPublicKey};

	/// A 2-of-3 delegation and one node's key.
	struct Grant {
		signer: SecretKey,
		delegating: SecretKey,
		receiving: SecretKey,
		kfrags: Vec<KeyFrag>,
		node: SecretKey,
	}

	fn grant() -> Grant {
		let (signer, delegating, receiving) =
			(SecretKey::random(), SecretKey::random(), SecretKey::random());
		let kfrags = generate_kfrags(
			&delegating,
			&receiving.public_key(),
			&Signer::new(signer.clone()),
			2,
			3,
			true,
			true,
		)
		.iter()
		.map(|kfrag| kfrag.clone().unverify())
		.collect();
		Grant { signer, delegating, receiving, kfrags, node: SecretKey::random() }
	}

	fn public(key: &SecretKey) -> UmbralPublicKey {
		UmbralPublicKey::from_umbral(&key.public_key()).unwrap()
	}

	impl Grant {
		fn keys(&self) -> PolicyKeys {
			PolicyKeys {
				receiving: public(&self.receiving),
				delegating: public(&self.delegating),
				verifying: public(&self.signer),
			}
		}

		fn id(&self, kfrag: &KeyFrag) -> KeyFragId {
			KeyFragBytes::from_umbral(kfrag).unwrap().id().unwrap()
		}

		/// Checks `kfrag`, encrypted to `to`, as the node's fragment with id `id`.
		fn check(
			&self,
			kfrag: &KeyFrag,
			to: &PublicKey,
			id: KeyFragId,
		) -> Result<VerifiedKeyFrag, KfragFault> {
			let encrypted = EncryptedKeyFrag::encrypt_with_rng(&mut OsRng, to, kfrag).unwrap();
			check_key_fragment(&mut OsRng, &encrypted, &self.node, &self.keys(), &id)
		}
	}

	#[test]
	fn an_honest_fragment_passes_and_makes_fragments_the_chain_accepts() {
		let g = grant();
		let kfrag = &g.kfrags[0];
		let verified = g.check(kfrag, &g.node.public_key(), g.id(kfrag)).unwrap();
		let (capsule, _) = umbral_pre::encrypt(&g.delegating.public_key(), b"data").unwrap();
		let cfrag = umbral_pre::reencrypt(&capsule, verified).unverify();
		let answer = [CapsuleFragBytes::from_umbral(&cfrag).unwrap()];
		let capsules = [CapsuleBytes::from_umbral(&capsule).unwrap()];
		assert_eq!(verify_answer(&capsules, &answer, &g.keys(), &g.id(kfrag)), Ok(()));
	}

	#[test]
	fn a_forged_receiver_signature_passes_umbral_pre_but_not_the_check() {
		let g = grant();
		let forged =
			forgery::with_forged_receiver_signature(&mut OsRng, &g.kfrags[0], &g.signer).unwrap();
		let keys = g.keys();
		let (verifying, delegating, receiving) = (
			keys.verifying.to_umbral().unwrap(),
			keys.delegating.to_umbral().unwrap(),
			keys.receiving.to_umbral().unwrap(),
		);
		assert!(forged.clone().verify(&verifying, Some(&delegating), Some(&receiving)).is_ok());
		assert_eq!(
			g.check(&forged, &g.node.public_key(), g.id(&forged)).unwrap_err(),
			KfragFault::Rejected(crate::CfragVerificationError::IncorrectKeyFragSignature)
		);
	}

	#[test]
	fn a_non_standard_u_passes_umbral_pre_but_not_the_check() {
		let g = grant();
		let forged = forgery::with_parameter_u(
			&mut OsRng,
			&g.kfrags[0],
			&g.signer,
			&g.delegating.public_key(),
			&g.receiving.public_key(),
		)
		.unwrap();
		let keys = g.keys();
		let verified = forged
			.clone()
			.verify(
				&keys.verifying.to_umbral().unwrap(),
				Some(&keys.delegating.to_umbral().unwrap()),
				Some(&keys.receiving.to_umbral().unwrap()),
			)
			.unwrap();
		// Fragments made with it fail the chain's check...
		let (capsule, _) = umbral_pre::encrypt(&g.delegating.public_key(), b"data").unwrap();
		let cfrag = umbral_pre::reencrypt(&capsule, verified).unverify();
		assert!(verify_answer(
			&[CapsuleBytes::from_umbral(&capsule).unwrap()],
			&[CapsuleFragBytes::from_umbral(&cfrag).unwrap()],
			&keys,
			&g.id(&forged)
		)
		.is_err());
		// ...and the node sees it before it accepts.
		assert_eq!(
			g.check(&forged, &g.node.public_key(), g.id(&forged)).unwrap_err(),
			KfragFault::NonStandardParameters
		);
	}

	#[test]
	fn a_fragment_for_another_key_does_not_decrypt() {
		let g = grant();
		let other = SecretKey::random().public_key();
		assert_eq!(
			g.check(&g.kfrags[0], &other, g.id(&g.kfrags[0])).unwrap_err(),
			KfragFault::Undecryptable
		);
	}

	#[test]
	fn junk_in_place_of_a_fragment_is_undecryptable_or_malformed() {
		let g = grant();
		let mut encrypted =
			EncryptedKeyFrag::encrypt_with_rng(&mut OsRng, &g.node.public_key(), &g.kfrags[0])
				.unwrap();
		let id = g.id(&g.kfrags[0]);
		let last = encrypted.ciphertext.len() - 1;
		encrypted.ciphertext[last] ^= 1;
		assert_eq!(
			check_key_fragment(&mut OsRng, &encrypted, &g.node, &g.keys(), &id).unwrap_err(),
			KfragFault::Undecryptable
		);
		let (capsule, ciphertext) =
			umbral_pre::encrypt(&g.node.public_key(), b"not a key fragment").unwrap();
		let junk = EncryptedKeyFrag::from_umbral(&capsule, &ciphertext).unwrap();
		assert_eq!(
			check_key_fragment(&mut OsRng, &junk, &g.node, &g.keys(), &id).unwrap_err(),
			KfragFault::Malformed
		);
	}

	#[test]
	fn a_fragment_named_by_another_id_or_of_another_delegation_is_refused() {
		let g = grant();
		let node = g.node.public_key();
		assert_eq!(
			g.check(&g.kfrags[0], &node, g.id(&g.kfrags[1])).unwrap_err(),
			KfragFault::WrongId
		);
		let other = grant();
		assert_eq!(
			g.check(&other.kfrags[0], &node, g.id(&other.kfrags[0])).unwrap_err(),
			KfragFault::Unverified
		);
	}
}
