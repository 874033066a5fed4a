//! The runtime's capsule check (`CapsuleBytes::check`, the host does the curve arithmetic)
//! against `CapsuleBytes::to_umbral` (umbral-pre's decoding and self-check): valid capsules,
//! every field tampered, degenerate capsules and random mutations get the same verdict.

mod common;

use common::*;
use k256::elliptic_curve::{sec1::ToEncodedPoint, Field, PrimeField};
use k256::{ProjectivePoint, Scalar};
use nkms_primitives::*;
use proptest::prelude::*;
use umbral_pre::{encrypt, DefaultSerialize, SecretKey};

/// Where each field's data starts in the 105 bytes of a capsule.
const E: usize = 3;
const V: usize = 38;
const S: usize = 73;

/// Both verdicts on `bytes`, which must agree (errors included); whether they accept it.
fn accepted(bytes: &[u8]) -> bool {
	let capsule = CapsuleBytes::try_from_bytes(bytes).unwrap();
	let expected = capsule.to_umbral().map(|_| ());
	assert_eq!(capsule.check(), expected, "capsule {}", hex(bytes));
	expected.is_ok()
}

fn valid_capsule() -> Vec<u8> {
	let (capsule, _) = encrypt(&SecretKey::random().public_key(), b"data").unwrap();
	capsule.to_bytes().unwrap().into()
}

#[test]
fn valid_capsules_pass_and_every_tampering_is_judged_alike() {
	let random_point = ProjectivePoint::GENERATOR * Scalar::random(&mut rand_core::OsRng);
	let random_point = random_point.to_affine().to_encoded_point(true).as_bytes().to_vec();
	let off_curve = [&[0x02][..], &x_not_on_curve()].concat();
	let above_p = [&[0x03][..], &[0xff; 32]].concat();
	let mut rejected = 0;
	for _ in 0..16 {
		let capsule = valid_capsule();
		assert!(accepted(&capsule));
		for at in [E, V] {
			let negated = [&[capsule[at] ^ 1][..], &capsule[at + 1..at + 33]].concat();
			let mut points =
				vec![negated, random_point.clone(), off_curve.clone(), above_p.clone()];
			points.extend(edge_points());
			for point in points {
				rejected += !accepted(&with(&capsule, at, &point)) as usize;
			}
			assert!(!accepted(&with(&capsule, at, &[0x04])));
		}
		let s =
			Scalar::from_repr(<[u8; 32]>::try_from(&capsule[S..S + 32]).unwrap().into()).unwrap();
		for value in [
			(s + Scalar::ONE).to_bytes().to_vec(),
			(-s).to_bytes().to_vec(),
			vec![0; 32],
			CURVE_ORDER.to_vec(),
			vec![0xff; 32],
		] {
			rejected += !accepted(&with(&capsule, S, &value)) as usize;
		}
		// E and V swapped.
		let swapped = with(&with(&capsule, E, &capsule[V..V + 33]), V, &capsule[E..E + 33]);
		rejected += !accepted(&swapped) as usize;
	}
	assert_eq!(rejected, 16 * (2 * 8 + 5 + 1), "every tampering is rejected");
	assert!(!accepted(&degenerate_capsule_bytes()));
	let degenerate = CapsuleBytes::try_from_bytes(&degenerate_capsule_bytes()).unwrap();
	assert_eq!(degenerate.check(), Err(UmbralError::InvalidCapsule));
}

proptest! {
	#![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

	#[test]
	fn mutated_capsules_are_judged_alike(
		changes in proptest::collection::vec((0usize..105, any::<u8>()), 1..4),
	) {
		let mut bytes = fixture().capsule_bytes.clone();
		for (at, value) in changes {
			bytes[at] = value;
		}
		accepted(&bytes);
	}

	#[test]
	fn capsules_with_random_fields_are_judged_alike(
		field in proptest::sample::select(&[E, V, S][..]),
		data in proptest::array::uniform32(any::<u8>()),
		tag in prop_oneof![Just(0x02u8), Just(0x03)],
	) {
		let data = if field == S { data.to_vec() } else { [&[tag][..], &data].concat() };
		accepted(&with(&fixture().capsule_bytes, field, &data));
	}

	#[test]
	fn random_bytes_are_judged_alike(bytes in proptest::collection::vec(any::<u8>(), 0..128)) {
		accepted(&bytes);
	}
}
