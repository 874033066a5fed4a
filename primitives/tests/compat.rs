//! Our bytes are umbral-pre's own `to_bytes()`, and its bytes decode to equal objects.

mod common;

use common::*;
use nkms_primitives::*;
use umbral_pre::{decrypt_reencrypted, Capsule, CapsuleFrag, DefaultDeserialize, KeyFrag};

#[test]
fn documented_sizes() {
	let f = fixture();
	assert_eq!(f.capsule_bytes.len(), 105);
	assert_eq!(f.cfrag_bytes.len(), 381);
	assert_eq!(f.kfrag_bytes.len(), 310);
	assert_eq!((CAPSULE_LEN, CAPSULE_FRAG_LEN, KEY_FRAG_LEN), (105, 381, 310));
	assert_eq!(f.alice_pk.to_compressed_bytes().len(), PUBLIC_KEY_LEN);
	assert!(CAPSULE_LEN <= MAX_CAPSULE_LEN as usize);
	assert!(CAPSULE_FRAG_LEN <= MAX_CAPSULE_FRAG_LEN as usize);
	assert!(KEY_FRAG_LEN <= MAX_KEY_FRAG_LEN as usize);
	assert_eq!(MAX_ENCRYPTED_KEY_FRAG_LEN as usize, MAX_KEY_FRAG_LEN as usize + DEM_OVERHEAD);
}

#[test]
fn encoding_is_umbral_own_bytes() {
	let f = fixture();
	assert_eq!(CapsuleBytes::from_umbral(&f.capsule).unwrap().as_bytes(), &f.capsule_bytes[..]);
	assert_eq!(CapsuleFragBytes::from_umbral(&f.cfrag).unwrap().as_bytes(), &f.cfrag_bytes[..]);
	for kfrag in &f.kfrags {
		let ours = KeyFragBytes::from_umbral(kfrag).unwrap();
		assert_eq!(ours.as_bytes(), &umbral_pre::DefaultSerialize::to_bytes(kfrag).unwrap()[..]);
	}
	assert_eq!(
		UmbralPublicKey::from_umbral(&f.alice_pk).unwrap().as_bytes()[..],
		f.alice_pk.to_compressed_bytes()[..]
	);
}

#[test]
fn many_objects_encode_like_umbral() {
	// Fresh randomness each time: points with either parity, scalars of any size.
	for _ in 0..32 {
		let sk = umbral_pre::SecretKey::random();
		let (capsule, _) = umbral_pre::encrypt(&sk.public_key(), b"x").unwrap();
		let theirs = umbral_pre::DefaultSerialize::to_bytes(&capsule).unwrap();
		let ours = CapsuleBytes::from_umbral(&capsule).unwrap();
		assert_eq!(ours.as_bytes(), &theirs[..]);
		assert_eq!(ours.to_umbral().unwrap(), capsule);
	}
}

#[test]
fn umbral_bytes_decode_to_equal_objects() {
	let f = fixture();
	let capsule = CapsuleBytes::try_from(&f.capsule_bytes[..]).unwrap().to_umbral().unwrap();
	assert_eq!(capsule, f.capsule);
	let cfrag = CapsuleFragBytes::try_from(&f.cfrag_bytes[..]).unwrap().to_umbral().unwrap();
	assert_eq!(cfrag, f.cfrag);
	let kfrag = KeyFragBytes::try_from(&f.kfrag_bytes[..]).unwrap().to_umbral().unwrap();
	assert_eq!(kfrag, f.kfrags[0]);
	let pk = UmbralPublicKey::try_from(&f.alice_pk.to_compressed_bytes()[..]).unwrap();
	assert_eq!(pk.to_umbral().unwrap(), f.alice_pk);
}

#[test]
fn decoded_objects_still_work() {
	let f = fixture();
	let capsule = CapsuleBytes::from_umbral(&f.capsule).unwrap().to_umbral().unwrap();
	let kfrag = KeyFragBytes::from_umbral(&f.kfrags[1]).unwrap().to_umbral().unwrap();
	let vkfrag = kfrag.verify(&f.verifying_pk, Some(&f.alice_pk), Some(&f.bob_pk)).unwrap();
	let cfrag0 = CapsuleFragBytes::from_umbral(&f.cfrag).unwrap().to_umbral().unwrap();
	let cfrag1 = umbral_pre::reencrypt(&capsule, vkfrag).unverify();
	let cfrag1 = CapsuleFragBytes::from_umbral(&cfrag1).unwrap().to_umbral().unwrap();
	let verified: Vec<_> = [cfrag0, cfrag1]
		.into_iter()
		.map(|c| c.verify(&capsule, &f.verifying_pk, &f.alice_pk, &f.bob_pk).unwrap())
		.collect();
	let plaintext =
		decrypt_reencrypted(&f.bob_sk, &f.alice_pk, &capsule, verified, &f.ciphertext).unwrap();
	assert_eq!(&plaintext[..], PLAINTEXT);
}

#[test]
fn umbral_reads_our_bytes() {
	let f = fixture();
	let capsule = CapsuleBytes::from_umbral(&f.capsule).unwrap();
	assert_eq!(Capsule::from_bytes(capsule.as_bytes()).unwrap(), f.capsule);
	let cfrag = CapsuleFragBytes::from_umbral(&f.cfrag).unwrap();
	assert_eq!(CapsuleFrag::from_bytes(cfrag.as_bytes()).unwrap(), f.cfrag);
	let kfrag = KeyFragBytes::from_umbral(&f.kfrags[2]).unwrap();
	assert_eq!(KeyFrag::from_bytes(kfrag.as_bytes()).unwrap(), f.kfrags[2]);
}
