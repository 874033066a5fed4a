//! Decoding rejects everything but umbral-pre's canonical bytes, with typed errors.

mod common;

use common::*;
use nkms_primitives::*;
use umbral_pre::{Capsule, CapsuleFrag, DefaultDeserialize};

fn capsule(bytes: &[u8]) -> Result<umbral_pre::Capsule, UmbralError> {
	CapsuleBytes::try_from_bytes(bytes)?.to_umbral()
}
fn cfrag(bytes: &[u8]) -> Result<umbral_pre::CapsuleFrag, UmbralError> {
	CapsuleFragBytes::try_from_bytes(bytes)?.to_umbral()
}
fn kfrag(bytes: &[u8]) -> Result<umbral_pre::KeyFrag, UmbralError> {
	KeyFragBytes::try_from_bytes(bytes)?.to_umbral()
}
fn public_key(bytes: &[u8]) -> Result<umbral_pre::PublicKey, UmbralError> {
	UmbralPublicKey::try_from_bytes(bytes)?.to_umbral()
}

#[test]
fn every_prefix_is_truncated() {
	let f = fixture();
	for len in 0..f.capsule_bytes.len() {
		assert_eq!(capsule(&f.capsule_bytes[..len]).err(), Some(UmbralError::Truncated), "{len}");
	}
	for len in 0..f.cfrag_bytes.len() {
		assert_eq!(cfrag(&f.cfrag_bytes[..len]).err(), Some(UmbralError::Truncated), "{len}");
	}
	for len in 0..f.kfrag_bytes.len() {
		assert_eq!(kfrag(&f.kfrag_bytes[..len]).err(), Some(UmbralError::Truncated), "{len}");
	}
	let pk = f.alice_pk.to_compressed_bytes();
	for len in 0..pk.len() {
		assert_eq!(public_key(&pk[..len]).err(), Some(UmbralError::Truncated), "{len}");
	}
}

#[test]
fn trailing_bytes_are_rejected() {
	let f = fixture();
	let extend = |bytes: &[u8], n| [bytes, &vec![0u8; n][..]].concat();
	assert_eq!(capsule(&extend(&f.capsule_bytes, 1)).err(), Some(UmbralError::TrailingBytes));
	assert_eq!(cfrag(&extend(&f.cfrag_bytes, 1)).err(), Some(UmbralError::TrailingBytes));
	assert_eq!(kfrag(&extend(&f.kfrag_bytes, 1)).err(), Some(UmbralError::TrailingBytes));
	// Up to the bound it is trailing bytes; past it, too long.
	let room = MAX_CAPSULE_LEN as usize - f.capsule_bytes.len();
	assert_eq!(capsule(&extend(&f.capsule_bytes, room)).err(), Some(UmbralError::TrailingBytes));
	assert_eq!(capsule(&extend(&f.capsule_bytes, room + 1)).err(), Some(UmbralError::TooLong));
}

#[test]
fn oversized_input_is_too_long() {
	let f = fixture();
	let big = |max: u32| vec![0x93u8; max as usize + 1];
	assert_eq!(CapsuleBytes::try_from_bytes(&big(MAX_CAPSULE_LEN)), Err(UmbralError::TooLong));
	assert_eq!(
		CapsuleFragBytes::try_from_bytes(&big(MAX_CAPSULE_FRAG_LEN)),
		Err(UmbralError::TooLong)
	);
	assert_eq!(KeyFragBytes::try_from_bytes(&big(MAX_KEY_FRAG_LEN)), Err(UmbralError::TooLong));
	assert_eq!(UmbralPublicKey::try_from_bytes(&[2u8; 34]), Err(UmbralError::TooLong));
	assert_eq!(CapsuleBytes::try_from_bytes(&f.cfrag_bytes), Err(UmbralError::TooLong));
	assert!(CapsuleBytes::try_from_bytes(&big(MAX_CAPSULE_LEN)[1..]).is_ok());
}

#[test]
fn wrong_type_is_malformed() {
	let f = fixture();
	assert_eq!(cfrag(&f.capsule_bytes).err(), Some(UmbralError::Malformed));
	assert_eq!(kfrag(&f.capsule_bytes).err(), Some(UmbralError::Malformed));
	assert_eq!(kfrag(&f.cfrag_bytes).err(), Some(UmbralError::Malformed));
	assert_eq!(cfrag(&f.kfrag_bytes).err(), Some(UmbralError::Malformed));
	assert_eq!(capsule(&f.kfrag_bytes[..CAPSULE_LEN]).err(), Some(UmbralError::Malformed));
	assert_eq!(capsule(&f.alice_pk.to_compressed_bytes()).err(), Some(UmbralError::Malformed));
	assert_eq!(public_key(&f.capsule_bytes[..33]).err(), Some(UmbralError::InvalidPoint));
}

#[test]
fn other_messagepack_encodings_are_malformed() {
	let f = fixture();
	// messagepack-serde's map form: umbral-pre reads it, we do not.
	let map_form = messagepack_serde::to_vec(&f.capsule).unwrap();
	assert!(Capsule::from_bytes(&map_form).is_ok());
	assert_eq!(capsule(&map_form).err(), Some(UmbralError::TooLong));
	let map_form = messagepack_serde::to_vec(&f.cfrag).unwrap();
	assert!(CapsuleFrag::from_bytes(&map_form).is_ok());
	assert_eq!(cfrag(&map_form).err(), Some(UmbralError::Malformed));
	// A point as `bin16` instead of `bin8`.
	let b = &f.capsule_bytes;
	let bin16 = [&[0x93, 0xc5, 0x00, 0x21][..], &b[3..]].concat();
	assert!(Capsule::from_bytes(&bin16).is_ok());
	assert_eq!(capsule(&bin16).err(), Some(UmbralError::Malformed));
	// An `array16` header.
	let array16 = [&[0xdc, 0x00, 0x03][..], &b[1..]].concat();
	assert_eq!(capsule(&array16).err(), Some(UmbralError::Malformed));
	// A boolean written as an integer.
	let mut k = f.kfrag_bytes.clone();
	*k.last_mut().unwrap() = 0x01;
	assert_eq!(kfrag(&k).err(), Some(UmbralError::Malformed));
	// Empty and random junk.
	assert_eq!(capsule(&[]).err(), Some(UmbralError::Truncated));
	assert_eq!(capsule(&[0xc1]).err(), Some(UmbralError::Malformed));
}

#[test]
fn invalid_points_are_rejected() {
	let f = fixture();
	let b = &f.capsule_bytes;
	let (e, v, s) = (&b[3..36], &b[38..71], &b[73..105]);
	let bad_x = x_not_on_curve();
	let off_curve = [&[0x02][..], &bad_x].concat();
	assert_eq!(
		capsule(&capsule_from_fields(&off_curve, v, s)).err(),
		Some(UmbralError::InvalidPoint)
	);
	// x >= p.
	let big_x = [&[0x03][..], &[0xff; 32]].concat();
	assert_eq!(capsule(&capsule_from_fields(e, &big_x, s)).err(), Some(UmbralError::InvalidPoint));
	// Uncompressed and "compact" tags; the identity point (which umbral-pre accepts when
	// decoding, then panics on).
	let compact = [&[0x05][..], &e[1..]].concat();
	assert_eq!(
		capsule(&capsule_from_fields(&compact, v, s)).err(),
		Some(UmbralError::InvalidPoint)
	);
	let identity = [&[0x93, 0xc4, 0x01, 0x00][..], &b[36..]].concat();
	assert_eq!(capsule(&identity).err(), Some(UmbralError::Malformed));
	// Points deep inside a cfrag and a kfrag.
	let mut c = f.cfrag_bytes.clone();
	let at = c.len() - 66 - 34 - 35 + 3; // proof.kfrag_pok's x
	c[at..at + 32].copy_from_slice(&bad_x);
	assert_eq!(cfrag(&c).err(), Some(UmbralError::InvalidPoint));
	let mut k = f.kfrag_bytes.clone();
	k[5..37].copy_from_slice(&bad_x); // params.u's x
	assert_eq!(kfrag(&k).err(), Some(UmbralError::InvalidPoint));
	k[4] = 0x00;
	assert_eq!(kfrag(&k).err(), Some(UmbralError::InvalidPoint));
	// Public keys.
	assert_eq!(public_key(&off_curve).err(), Some(UmbralError::InvalidPoint));
	assert_eq!(public_key(&compact).err(), Some(UmbralError::InvalidPoint));
	assert_eq!(public_key(&[0u8; 33]).err(), Some(UmbralError::InvalidPoint));
	let mut pk = f.alice_pk.to_compressed_bytes().to_vec();
	pk[0] = 0x04;
	assert_eq!(public_key(&pk).err(), Some(UmbralError::InvalidPoint));
}

#[test]
fn out_of_range_scalars_are_rejected() {
	let f = fixture();
	let b = &f.capsule_bytes;
	let (e, v) = (&b[3..36], &b[38..71]);
	assert_eq!(
		capsule(&capsule_from_fields(e, v, &CURVE_ORDER)).err(),
		Some(UmbralError::InvalidScalar)
	);
	assert_eq!(
		capsule(&capsule_from_fields(e, v, &[0xff; 32])).err(),
		Some(UmbralError::InvalidScalar)
	);
	// A zero scalar is in range, but this capsule then fails its self-check.
	assert_eq!(
		capsule(&capsule_from_fields(e, v, &[0; 32])).err(),
		Some(UmbralError::InvalidCapsule)
	);
	// Signature components must be in 1..n.
	let sig_at = f.cfrag_bytes.len() - 64;
	for (offset, value) in [(0, [0u8; 32]), (32, [0u8; 32]), (0, CURVE_ORDER), (32, [0xff; 32])] {
		let mut c = f.cfrag_bytes.clone();
		c[sig_at + offset..sig_at + offset + 32].copy_from_slice(&value);
		assert_eq!(cfrag(&c).err(), Some(UmbralError::InvalidScalar));
	}
}

#[test]
fn degenerate_capsule_is_invalid() {
	let bytes = degenerate_capsule_bytes();
	// umbral-pre accepts it (and would panic decrypting it)...
	assert!(Capsule::from_bytes(&bytes).is_ok());
	// ...we do not.
	assert_eq!(capsule(&bytes).err(), Some(UmbralError::InvalidCapsule));
}

#[test]
fn every_bit_flip_of_a_capsule_fails() {
	let f = fixture();
	for i in 0..f.capsule_bytes.len() * 8 {
		let mut bad = f.capsule_bytes.clone();
		bad[i / 8] ^= 1 << (i % 8);
		assert!(capsule(&bad).is_err(), "bit {i}");
	}
}

#[test]
fn every_bit_flip_of_a_cfrag_fails_to_decode_or_verify() {
	let f = fixture();
	for i in 0..f.cfrag_bytes.len() * 8 {
		let mut bad = f.cfrag_bytes.clone();
		bad[i / 8] ^= 1 << (i % 8);
		if let Ok(c) = cfrag(&bad) {
			assert!(
				c.verify(&f.capsule, &f.verifying_pk, &f.alice_pk, &f.bob_pk).is_err(),
				"bit {i}"
			);
		}
	}
}

#[test]
fn every_bit_flip_of_a_kfrag_fails_to_decode_or_verify_or_reencrypt() {
	let f = fixture();
	for i in 0..f.kfrag_bytes.len() * 8 {
		let mut bad = f.kfrag_bytes.clone();
		bad[i / 8] ^= 1 << (i % 8);
		let Ok(k) = kfrag(&bad) else { continue };
		let Ok(vk) = k.verify(&f.verifying_pk, Some(&f.alice_pk), Some(&f.bob_pk)) else {
			continue;
		};
		// The proxy does not check `signature_for_receiver`; Bob does, in the cfrag.
		let cfrag = umbral_pre::reencrypt(&f.capsule, vk).unverify();
		assert!(
			cfrag.verify(&f.capsule, &f.verifying_pk, &f.alice_pk, &f.bob_pk).is_err(),
			"bit {i}"
		);
	}
}

#[test]
fn bit_flips_of_the_header_bytes_are_malformed() {
	let f = fixture();
	for i in 0..8 {
		let mut bad = f.capsule_bytes.clone();
		bad[0] ^= 1 << i;
		assert_eq!(capsule(&bad).err(), Some(UmbralError::Malformed), "bit {i}");
	}
}
