//! No decoder panics on any input: random bytes, and random mutations of valid encodings.

mod common;

use codec::Decode;
use common::*;
use nkms_primitives::*;
use proptest::prelude::*;

/// Runs every decoder on `bytes`; each returns `Ok` or `Err`. Whatever decodes is canonical.
fn decode_everything(bytes: &[u8]) {
	let f = fixture();
	if let Ok(c) = CapsuleBytes::try_from_bytes(bytes).and_then(|b| b.to_umbral()) {
		assert_eq!(CapsuleBytes::from_umbral(&c).unwrap().as_bytes(), bytes);
	}
	if let Ok(c) = CapsuleFragBytes::try_from_bytes(bytes).and_then(|b| b.to_umbral()) {
		assert_eq!(CapsuleFragBytes::from_umbral(&c).unwrap().as_bytes(), bytes);
		let _ = c.verify(&f.capsule, &f.verifying_pk, &f.alice_pk, &f.bob_pk);
	}
	if let Ok(k) = KeyFragBytes::try_from_bytes(bytes).and_then(|b| b.to_umbral()) {
		assert_eq!(KeyFragBytes::from_umbral(&k).unwrap().as_bytes(), bytes);
		let _ = k.verify(&f.verifying_pk, Some(&f.alice_pk), Some(&f.bob_pk));
	}
	if let Ok(pk) = UmbralPublicKey::try_from_bytes(bytes).and_then(|b| b.to_umbral()) {
		assert_eq!(&pk.to_compressed_bytes()[..], bytes);
	}
	// As a capsule or a ciphertext of an encrypted kfrag.
	let _ =
		EncryptedKeyFrag::try_from_bytes(bytes, &[0u8; 350]).and_then(|e| e.decrypt(&f.node_sk));
	let _ = EncryptedKeyFrag::try_from_bytes(&f.capsule_bytes, bytes)
		.and_then(|e| e.decrypt(&f.node_sk));
	// SCALE.
	let _ = CapsuleBytes::decode(&mut &bytes[..]).map(|b| b.to_umbral());
	let _ = CapsuleFragBytes::decode(&mut &bytes[..]).map(|b| b.to_umbral());
	let _ = KeyFragBytes::decode(&mut &bytes[..]).map(|b| b.to_umbral());
	let _ = UmbralPublicKey::decode(&mut &bytes[..]).map(|b| b.to_umbral());
	let _ = EncryptedKeyFrag::decode(&mut &bytes[..]).map(|e| e.decrypt(&f.node_sk));
	let _ = UmbralError::decode(&mut &bytes[..]);
}

/// One valid encoding of each kind, umbral-pre's own.
fn valid_encoding() -> impl Strategy<Value = Vec<u8>> {
	let f = fixture();
	let ekfrag = {
		let (capsule, ciphertext) = umbral_pre::encrypt(&f.node_pk, &f.kfrag_bytes).unwrap();
		EncryptedKeyFrag::from_umbral(&capsule, &ciphertext).unwrap()
	};
	prop_oneof![
		Just(f.capsule_bytes.clone()),
		Just(f.cfrag_bytes.clone()),
		Just(f.kfrag_bytes.clone()),
		Just(f.alice_pk.to_compressed_bytes().to_vec()),
		Just(codec::Encode::encode(&ekfrag)),
	]
}

#[derive(Debug, Clone)]
enum Mutation {
	FlipBit(usize),
	SetByte(usize, u8),
	Truncate(usize),
	Insert(usize, u8),
	Remove(usize),
}

fn mutation() -> impl Strategy<Value = Mutation> {
	prop_oneof![
		any::<usize>().prop_map(Mutation::FlipBit),
		(any::<usize>(), any::<u8>()).prop_map(|(i, b)| Mutation::SetByte(i, b)),
		any::<usize>().prop_map(Mutation::Truncate),
		(any::<usize>(), any::<u8>()).prop_map(|(i, b)| Mutation::Insert(i, b)),
		any::<usize>().prop_map(Mutation::Remove),
	]
}

fn apply(bytes: &mut Vec<u8>, m: &Mutation) {
	let n = bytes.len();
	match *m {
		Mutation::FlipBit(i) => bytes[(i / 8) % n] ^= 1 << (i % 8),
		Mutation::SetByte(i, b) => bytes[i % n] = b,
		Mutation::Truncate(i) => bytes.truncate(i % n),
		Mutation::Insert(i, b) => bytes.insert(i % (n + 1), b),
		Mutation::Remove(i) => {
			bytes.remove(i % n);
		},
	}
}

proptest! {
	#![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

	#[test]
	fn random_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..600)) {
		decode_everything(&bytes);
	}

	#[test]
	fn msgpack_shaped_bytes_never_panic(
		header in prop_oneof![Just(0x93u8), Just(0x95), Just(0x91)],
		body in proptest::collection::vec(
			prop_oneof![Just(0xc4u8), Just(0x21), Just(0x20), Just(0x40), Just(0x02), Just(0x03), any::<u8>()],
			0..400,
		),
	) {
		decode_everything(&[&[header][..], &body].concat());
	}

	#[test]
	fn mutated_encodings_never_panic(
		valid in valid_encoding(),
		mutations in proptest::collection::vec(mutation(), 1..4),
	) {
		let mut bytes = valid;
		for m in &mutations {
			if bytes.is_empty() {
				break;
			}
			apply(&mut bytes, m);
		}
		decode_everything(&bytes);
	}
}
