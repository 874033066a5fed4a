//! SCALE encoding of the byte types.

mod common;

use codec::{Decode, DecodeAll, Encode, MaxEncodedLen};
use common::*;
use nkms_primitives::*;
use rand_core::OsRng;

fn round_trip<T: Encode + Decode + PartialEq + core::fmt::Debug + MaxEncodedLen>(value: &T) {
	let encoded = value.encode();
	assert!(encoded.len() <= T::max_encoded_len());
	assert_eq!(&T::decode_all(&mut &encoded[..]).unwrap(), value);
}

#[test]
fn scale_round_trips() {
	let f = fixture();
	round_trip(&CapsuleBytes::from_umbral(&f.capsule).unwrap());
	round_trip(&CapsuleFragBytes::from_umbral(&f.cfrag).unwrap());
	round_trip(&KeyFragBytes::from_umbral(&f.kfrags[0]).unwrap());
	round_trip(&UmbralPublicKey::from_umbral(&f.alice_pk).unwrap());
	round_trip(&EncryptedKeyFrag::encrypt_with_rng(&mut OsRng, &f.node_pk, &f.kfrags[0]).unwrap());
	for e in [UmbralError::TooLong, UmbralError::Undecryptable, UmbralError::InvalidCapsule] {
		round_trip(&e);
	}
}

#[test]
fn scale_layout() {
	let f = fixture();
	// A bounded byte vector: compact length, then the bytes.
	let capsule = CapsuleBytes::from_umbral(&f.capsule).unwrap();
	assert_eq!(capsule.encode(), f.capsule_bytes.encode());
	// A public key: its 33 bytes.
	let pk = UmbralPublicKey::from_umbral(&f.alice_pk).unwrap();
	assert_eq!(pk.encode(), f.alice_pk.to_compressed_bytes().to_vec());
	assert_eq!(UmbralPublicKey::max_encoded_len(), 33);
	assert_eq!(CapsuleBytes::max_encoded_len(), 2 + MAX_CAPSULE_LEN as usize);
	assert_eq!(CapsuleFragBytes::max_encoded_len(), 2 + MAX_CAPSULE_FRAG_LEN as usize);
	assert_eq!(KeyFragBytes::max_encoded_len(), 2 + MAX_KEY_FRAG_LEN as usize);
	assert_eq!(
		EncryptedKeyFrag::max_encoded_len(),
		CapsuleBytes::max_encoded_len() + 2 + MAX_ENCRYPTED_KEY_FRAG_LEN as usize
	);
}

#[test]
fn scale_decoding_enforces_the_bounds() {
	let over = |max: u32| vec![0u8; max as usize + 1].encode();
	let at = |max: u32| vec![0u8; max as usize].encode();
	assert!(CapsuleBytes::decode(&mut &over(MAX_CAPSULE_LEN)[..]).is_err());
	assert!(CapsuleBytes::decode(&mut &at(MAX_CAPSULE_LEN)[..]).is_ok());
	assert!(CapsuleFragBytes::decode(&mut &over(MAX_CAPSULE_FRAG_LEN)[..]).is_err());
	assert!(CapsuleFragBytes::decode(&mut &at(MAX_CAPSULE_FRAG_LEN)[..]).is_ok());
	assert!(KeyFragBytes::decode(&mut &over(MAX_KEY_FRAG_LEN)[..]).is_err());
	assert!(KeyFragBytes::decode(&mut &at(MAX_KEY_FRAG_LEN)[..]).is_ok());
	let capsule = at(MAX_CAPSULE_LEN);
	let ekfrag = |ct: Vec<u8>| [capsule.clone(), ct].concat();
	assert!(EncryptedKeyFrag::decode(&mut &ekfrag(over(MAX_ENCRYPTED_KEY_FRAG_LEN))[..]).is_err());
	assert!(EncryptedKeyFrag::decode(&mut &ekfrag(at(MAX_ENCRYPTED_KEY_FRAG_LEN))[..]).is_ok());
	// A huge declared length fails before allocating.
	let huge = codec::Compact(u32::MAX).encode();
	assert!(CapsuleBytes::decode(&mut &huge[..]).is_err());
	assert!(UmbralPublicKey::decode(&mut &[2u8; 32][..]).is_err());
}

#[test]
fn scale_decoded_bytes_are_still_checked() {
	// SCALE decoding only bounds the bytes; `to_umbral` checks them.
	let junk = CapsuleBytes::decode(&mut &vec![0x93u8; 105].encode()[..]).unwrap();
	assert_eq!(junk.to_umbral(), Err(UmbralError::Malformed));
}
