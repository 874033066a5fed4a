//! Key fragments encrypted to a node's key, as umbral-pre's `encrypt` makes them.

mod common;

use common::*;
use nkms_primitives::*;
use rand_core::OsRng;
use umbral_pre::{encrypt, DefaultSerialize, SecretKey};

fn encrypted() -> EncryptedKeyFrag {
	let f = fixture();
	EncryptedKeyFrag::encrypt_with_rng(&mut OsRng, &f.node_pk, &f.kfrags[0]).unwrap()
}

#[test]
fn round_trip() {
	let f = fixture();
	let ekfrag = encrypted();
	assert_eq!(ekfrag.capsule.as_bytes().len(), CAPSULE_LEN);
	assert_eq!(ekfrag.ciphertext.len(), KEY_FRAG_LEN + DEM_OVERHEAD);
	let kfrag = ekfrag.decrypt(&f.node_sk).unwrap();
	assert_eq!(kfrag, f.kfrags[0]);
	kfrag.verify(&f.verifying_pk, Some(&f.alice_pk), Some(&f.bob_pk)).unwrap();
}

#[test]
fn made_by_umbral_encrypt_of_to_bytes() {
	// What a client in any language does: encrypt `kfrag.to_bytes()` to the node's key.
	let f = fixture();
	let (capsule, ciphertext) = encrypt(&f.node_pk, &f.kfrags[1].to_bytes().unwrap()).unwrap();
	let ekfrag =
		EncryptedKeyFrag::try_from_bytes(&capsule.to_bytes().unwrap(), &ciphertext).unwrap();
	assert_eq!(ekfrag, EncryptedKeyFrag::from_umbral(&capsule, &ciphertext).unwrap());
	assert_eq!(ekfrag.decrypt(&f.node_sk).unwrap(), f.kfrags[1]);
}

#[test]
fn wrong_key_is_undecryptable() {
	let f = fixture();
	let ekfrag = encrypted();
	assert_eq!(ekfrag.decrypt(&SecretKey::random()), Err(UmbralError::Undecryptable));
	assert_eq!(ekfrag.decrypt(&f.alice_sk), Err(UmbralError::Undecryptable));
}

#[test]
fn to_umbral_checks_without_the_key() {
	let f = fixture();
	let ekfrag = encrypted();
	let (capsule, ciphertext) = ekfrag.to_umbral().unwrap();
	assert_eq!(
		umbral_pre::decrypt_original(&f.node_sk, &capsule, ciphertext).unwrap()[..],
		f.kfrag_bytes[..]
	);
	for len in 0..DEM_OVERHEAD {
		let short =
			EncryptedKeyFrag::try_from_bytes(ekfrag.capsule.as_bytes(), &ekfrag.ciphertext[..len])
				.unwrap();
		assert_eq!(short.to_umbral().err(), Some(UmbralError::Truncated));
		assert_eq!(short.decrypt(&f.node_sk), Err(UmbralError::Truncated));
	}
}

#[test]
fn every_truncation_fails() {
	let f = fixture();
	let ekfrag = encrypted();
	for len in 0..ekfrag.ciphertext.len() {
		let cut =
			EncryptedKeyFrag::try_from_bytes(ekfrag.capsule.as_bytes(), &ekfrag.ciphertext[..len])
				.unwrap();
		assert!(cut.decrypt(&f.node_sk).is_err(), "ciphertext cut to {len}");
	}
	for len in 0..ekfrag.capsule.as_bytes().len() {
		let cut =
			EncryptedKeyFrag::try_from_bytes(&ekfrag.capsule.as_bytes()[..len], &ekfrag.ciphertext)
				.unwrap();
		assert_eq!(cut.decrypt(&f.node_sk), Err(UmbralError::Truncated), "capsule cut to {len}");
	}
}

#[test]
fn every_bit_flip_fails() {
	let f = fixture();
	let ekfrag = encrypted();
	let (capsule, ciphertext) = (ekfrag.capsule.as_bytes(), &ekfrag.ciphertext[..]);
	for i in 0..ciphertext.len() * 8 {
		let mut bad = ciphertext.to_vec();
		bad[i / 8] ^= 1 << (i % 8);
		let bad = EncryptedKeyFrag::try_from_bytes(capsule, &bad).unwrap();
		assert_eq!(bad.decrypt(&f.node_sk), Err(UmbralError::Undecryptable), "ciphertext bit {i}");
	}
	for i in 0..capsule.len() * 8 {
		let mut bad = capsule.to_vec();
		bad[i / 8] ^= 1 << (i % 8);
		let bad = EncryptedKeyFrag::try_from_bytes(&bad, ciphertext).unwrap();
		assert!(bad.decrypt(&f.node_sk).is_err(), "capsule bit {i}");
	}
}

#[test]
fn oversized_ciphertext_is_rejected() {
	let f = fixture();
	let too_long = vec![0u8; MAX_ENCRYPTED_KEY_FRAG_LEN as usize + 1];
	assert_eq!(
		EncryptedKeyFrag::try_from_bytes(&f.capsule_bytes, &too_long),
		Err(UmbralError::TooLong)
	);
	let (capsule, ciphertext) = encrypt(&f.node_pk, &too_long).unwrap();
	assert_eq!(EncryptedKeyFrag::from_umbral(&capsule, &ciphertext), Err(UmbralError::TooLong));
}

#[test]
fn plaintext_that_is_not_a_kfrag_is_rejected() {
	let f = fixture();
	let encrypt_to_node = |plaintext: &[u8]| {
		let (capsule, ciphertext) = encrypt(&f.node_pk, plaintext).unwrap();
		EncryptedKeyFrag::from_umbral(&capsule, &ciphertext).and_then(|e| e.decrypt(&f.node_sk))
	};
	assert_eq!(encrypt_to_node(&f.cfrag_bytes), Err(UmbralError::Malformed));
	assert_eq!(encrypt_to_node(b""), Err(UmbralError::Truncated));
	assert_eq!(
		encrypt_to_node(&[f.kfrag_bytes.clone(), vec![0]].concat()),
		Err(UmbralError::TrailingBytes)
	);
	assert_eq!(encrypt_to_node(&[0u8; MAX_KEY_FRAG_LEN as usize + 1]), Err(UmbralError::TooLong));
}

#[test]
fn degenerate_capsule_is_rejected_before_decryption() {
	// umbral-pre accepts this capsule and then panics in `decrypt_original`.
	let f = fixture();
	let ekfrag =
		EncryptedKeyFrag::try_from_bytes(&degenerate_capsule_bytes(), &[0u8; 400]).unwrap();
	assert_eq!(ekfrag.decrypt(&f.node_sk), Err(UmbralError::InvalidCapsule));
}
