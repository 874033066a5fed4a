//! The runtime's capsule-fragment verifier (`CapsuleFragBytes::verify`) against umbral-pre's
//! `CapsuleFrag::from_bytes` + `CapsuleFrag::verify`: on valid fragments, every field
//! tampered in every way, and random mutations, both give the same verdict.

mod common;

use std::panic::{catch_unwind, AssertUnwindSafe};

use common::*;
use k256::elliptic_curve::{sec1::ToEncodedPoint, Field, PrimeField};
use k256::{AffinePoint, ProjectivePoint, Scalar};
use nkms_primitives::*;
use proptest::prelude::*;
use umbral_pre::{
	encrypt, generate_kfrags, reencrypt, Capsule, CapsuleFrag, CapsuleFragVerificationError,
	DefaultDeserialize, DefaultSerialize, PublicKey, SecretKey, Signer,
};

/// Where each field's data starts in the 381 bytes of a fragment.
const E1: usize = 3;
const V1: usize = 38;
const KFRAG_ID: usize = 73;
const PRECURSOR: usize = 107;
const E2: usize = 143;
const V2: usize = 178;
const U1: usize = 213;
const U2: usize = 248;
const Z: usize = 283;
const SIGNATURE_R: usize = 317;
const SIGNATURE_S: usize = 349;
const POINTS: [usize; 7] = [E1, V1, PRECURSOR, E2, V2, U1, U2];

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Verdict {
	Valid,
	Undecodable,
	IncorrectKeyFragSignature,
	IncorrectReencryption,
}

/// A policy (2 of 3), a capsule, and the three fragments of it.
struct Case {
	capsule: Capsule,
	verifying_pk: PublicKey,
	delegating_pk: PublicKey,
	receiving_pk: PublicKey,
	cfrags: Vec<Vec<u8>>,
}

impl Case {
	fn new() -> Self {
		let delegating_sk = SecretKey::random();
		let receiving_pk = SecretKey::random().public_key();
		let signer = Signer::new(SecretKey::random());
		let (capsule, _) = encrypt(&delegating_sk.public_key(), b"data").unwrap();
		let cfrags = generate_kfrags(&delegating_sk, &receiving_pk, &signer, 2, 3, true, true)
			.iter()
			.map(|kfrag| reencrypt(&capsule, kfrag.clone()).unverify().to_bytes().unwrap().into())
			.collect();
		Self {
			capsule,
			verifying_pk: signer.verifying_key(),
			delegating_pk: delegating_sk.public_key(),
			receiving_pk,
			cfrags,
		}
	}

	/// umbral-pre's verdict: a fragment must decode and be canonical, then verify.
	fn umbral(&self, bytes: &[u8], capsule: &Capsule, keys: [&PublicKey; 3]) -> Verdict {
		let decoded = catch_unwind(AssertUnwindSafe(|| {
			let cfrag = CapsuleFrag::from_bytes(bytes).ok()?;
			(&*cfrag.to_bytes().ok()? == bytes).then_some(cfrag)
		}));
		let Ok(Some(cfrag)) = decoded else { return Verdict::Undecodable };
		match cfrag.verify(capsule, keys[0], keys[1], keys[2]) {
			Ok(_) => Verdict::Valid,
			Err((CapsuleFragVerificationError::IncorrectKeyFragSignature, _)) => {
				Verdict::IncorrectKeyFragSignature
			},
			Err((CapsuleFragVerificationError::IncorrectReencryption, _)) => {
				Verdict::IncorrectReencryption
			},
		}
	}

	/// The runtime verifier's verdict.
	fn ours(&self, bytes: &[u8], capsule: &Capsule, keys: [&PublicKey; 3]) -> Verdict {
		let Ok(cfrag) = CapsuleFragBytes::try_from_bytes(bytes) else {
			return Verdict::Undecodable;
		};
		let capsule = CapsuleBytes::from_umbral(capsule).unwrap();
		let [verifying, delegating, receiving] =
			keys.map(|key| UmbralPublicKey::from_umbral(key).unwrap());
		match cfrag.verify(&capsule, &verifying, &delegating, &receiving) {
			Ok(()) => Verdict::Valid,
			Err(CfragVerificationError::Undecodable(_)) => Verdict::Undecodable,
			Err(CfragVerificationError::IncorrectKeyFragSignature) => {
				Verdict::IncorrectKeyFragSignature
			},
			Err(CfragVerificationError::IncorrectReencryption) => Verdict::IncorrectReencryption,
			Err(CfragVerificationError::InvalidCapsule) => panic!("the capsule is valid"),
			Err(CfragVerificationError::ForeignKeyFragment) => panic!("only answers are foreign"),
		}
	}

	fn keys(&self) -> [&PublicKey; 3] {
		[&self.verifying_pk, &self.delegating_pk, &self.receiving_pk]
	}

	/// Both verdicts on `bytes` for this case's capsule and keys, which must agree.
	fn verdict(&self, bytes: &[u8]) -> Verdict {
		self.verdict_with(bytes, &self.capsule, self.keys())
	}

	fn verdict_with(&self, bytes: &[u8], capsule: &Capsule, keys: [&PublicKey; 3]) -> Verdict {
		let expected = self.umbral(bytes, capsule, keys);
		assert_eq!(self.ours(bytes, capsule, keys), expected, "fragment {}", hex(bytes));
		expected
	}
}

fn scalar_at(bytes: &[u8], at: usize) -> Scalar {
	Scalar::from_repr(<[u8; 32]>::try_from(&bytes[at..at + 32]).unwrap().into()).unwrap()
}

fn compressed(point: &AffinePoint) -> Vec<u8> {
	point.to_encoded_point(true).as_bytes().to_vec()
}

/// Every way of tampering with one field of a valid fragment.
fn tamperings(cfrag: &[u8]) -> Vec<(String, Vec<u8>)> {
	let mut out = Vec::new();
	let random_point = compressed(
		&(ProjectivePoint::GENERATOR * Scalar::random(&mut rand_core::OsRng)).to_affine(),
	);
	let off_curve = [&[0x02][..], &x_not_on_curve()].concat();
	let above_p = [&[0x03][..], &[0xff; 32]].concat();
	for at in POINTS {
		let negated = [&[cfrag[at] ^ 1][..], &cfrag[at + 1..at + 33]].concat();
		out.push((format!("{at}: negated"), with(cfrag, at, &negated)));
		out.push((format!("{at}: random point"), with(cfrag, at, &random_point)));
		out.push((format!("{at}: off the curve"), with(cfrag, at, &off_curve)));
		out.push((format!("{at}: x ≥ p"), with(cfrag, at, &above_p)));
		out.push((format!("{at}: tag 04"), with(cfrag, at, &[0x04])));
		for (i, point) in edge_points().iter().enumerate() {
			out.push((format!("{at}: edge point {i}"), with(cfrag, at, point)));
		}
	}
	let z = scalar_at(cfrag, Z);
	for (name, value) in [
		("z + 1", (z + Scalar::ONE).to_bytes().to_vec()),
		("-z", (-z).to_bytes().to_vec()),
		("z = 0", vec![0; 32]),
		("z = 1", Scalar::ONE.to_bytes().to_vec()),
		("z = n", CURVE_ORDER.to_vec()),
		("z = 2²⁵⁶ - 1", vec![0xff; 32]),
	] {
		out.push((name.into(), with(cfrag, Z, &value)));
	}
	out.push(("kfrag id".into(), with(cfrag, KFRAG_ID + 5, &[cfrag[KFRAG_ID + 5] ^ 0x10])));
	let (r, s) = (scalar_at(cfrag, SIGNATURE_R), scalar_at(cfrag, SIGNATURE_S));
	for (name, at, value) in [
		("r + 1", SIGNATURE_R, (r + Scalar::ONE).to_bytes().to_vec()),
		("r = 0", SIGNATURE_R, vec![0; 32]),
		("r = n", SIGNATURE_R, CURVE_ORDER.to_vec()),
		("s + 1", SIGNATURE_S, (s + Scalar::ONE).to_bytes().to_vec()),
		("high s", SIGNATURE_S, (-s).to_bytes().to_vec()),
		("s = 0", SIGNATURE_S, vec![0; 32]),
		("s = n", SIGNATURE_S, CURVE_ORDER.to_vec()),
	] {
		out.push((name.into(), with(cfrag, at, &value)));
	}
	out
}

#[test]
fn valid_fragments_are_accepted_and_every_tampering_judged_alike() {
	let mut seen = std::collections::BTreeMap::<String, usize>::new();
	for _ in 0..8 {
		let case = Case::new();
		for cfrag in &case.cfrags {
			assert_eq!(case.verdict(cfrag), Verdict::Valid);
			for (_, tampered) in tamperings(cfrag) {
				*seen.entry(format!("{:?}", case.verdict(&tampered))).or_default() += 1;
			}
		}
	}
	// Every kind of rejection occurred.
	for verdict in ["Undecodable", "IncorrectKeyFragSignature", "IncorrectReencryption"] {
		assert!(seen.get(verdict).is_some_and(|&n| n > 0), "{verdict} never occurred: {seen:?}");
	}
	assert!(!seen.contains_key("Valid"), "a tampered fragment was accepted: {seen:?}");
}

#[test]
fn fragments_of_other_capsules_and_keys_are_rejected_alike() {
	let case = Case::new();
	let other = Case::new();
	let cfrag = &case.cfrags[0];
	let [verifying, delegating, receiving] = case.keys();
	let stranger = &other.receiving_pk;
	assert_eq!(
		case.verdict_with(cfrag, &other.capsule, case.keys()),
		Verdict::IncorrectReencryption
	);
	for keys in [
		[stranger, delegating, receiving],
		[verifying, stranger, receiving],
		[verifying, delegating, stranger],
		[delegating, verifying, receiving],
	] {
		assert_eq!(
			case.verdict_with(cfrag, &case.capsule, keys),
			Verdict::IncorrectKeyFragSignature
		);
	}
	assert_eq!(case.verdict(&other.cfrags[0]), Verdict::IncorrectKeyFragSignature);
}

#[test]
fn a_capsule_outside_the_layout_is_reported() {
	let case = Case::new();
	let cfrag = CapsuleFragBytes::try_from_bytes(&case.cfrags[0]).unwrap();
	let key = UmbralPublicKey::from_umbral(&case.verifying_pk).unwrap();
	let junk = CapsuleBytes::try_from_bytes(b"not a capsule").unwrap();
	assert_eq!(cfrag.verify(&junk, &key, &key, &key), Err(CfragVerificationError::InvalidCapsule));
}

proptest! {
	#![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

	#[test]
	fn mutated_fragments_are_judged_alike(
		which in 0usize..3,
		changes in proptest::collection::vec((0usize..381, any::<u8>()), 1..4),
	) {
		let case = case();
		let mut bytes = case.cfrags[which].clone();
		for (at, value) in changes {
			bytes[at] = value;
		}
		case.verdict(&bytes);
	}

	#[test]
	fn random_bytes_are_judged_alike(bytes in proptest::collection::vec(any::<u8>(), 381)) {
		case().verdict(&bytes);
	}

	#[test]
	fn fragments_with_random_fields_are_judged_alike(
		field in proptest::sample::select(&[E1, V1, KFRAG_ID, PRECURSOR, E2, V2, U1, U2, Z, SIGNATURE_R, SIGNATURE_S][..]),
		data in proptest::array::uniform32(any::<u8>()),
		tag in prop_oneof![Just(0x02u8), Just(0x03)],
	) {
		let case = case();
		let data = if POINTS.contains(&field) { [&[tag][..], &data].concat() } else { data.to_vec() };
		case.verdict(&with(&case.cfrags[0], field, &data));
	}
}

fn case() -> &'static Case {
	static CASE: std::sync::OnceLock<Case> = std::sync::OnceLock::new();
	CASE.get_or_init(Case::new)
}

/// One node's answer: a fragment of each of several capsules, all made with one key fragment.
struct Answer {
	capsules: Vec<CapsuleBytes>,
	keys: policy::PolicyKeys,
	kfrag_id: KeyFragId,
	cfrags: Vec<Vec<u8>>,
}

impl Answer {
	fn new(capsules: usize) -> Self {
		let delegating_sk = SecretKey::random();
		let receiving_pk = SecretKey::random().public_key();
		let signer = Signer::new(SecretKey::random());
		let kfrag =
			generate_kfrags(&delegating_sk, &receiving_pk, &signer, 1, 1, true, true)[0].clone();
		let kfrag_id = KeyFragBytes::from_umbral(&kfrag.clone().unverify()).unwrap().id().unwrap();
		let capsules: Vec<Capsule> = (0..capsules)
			.map(|i| encrypt(&delegating_sk.public_key(), &[i as u8]).unwrap().0)
			.collect();
		let cfrags = capsules
			.iter()
			.map(|capsule| reencrypt(capsule, kfrag.clone()).unverify().to_bytes().unwrap().into())
			.collect();
		let key = |key: &PublicKey| UmbralPublicKey::from_umbral(key).unwrap();
		Self {
			capsules: capsules.iter().map(|c| CapsuleBytes::from_umbral(c).unwrap()).collect(),
			keys: policy::PolicyKeys {
				receiving: key(&receiving_pk),
				delegating: key(&delegating_sk.public_key()),
				verifying: key(&signer.verifying_key()),
			},
			kfrag_id,
			cfrags,
		}
	}

	/// `verify_answer`'s verdict on these fragments: the failing index and its reason.
	fn verdict(&self, cfrags: &[Vec<u8>]) -> Option<(u32, CfragVerificationError)> {
		let cfrags: Vec<_> = cfrags
			.iter()
			.map(|bytes| CapsuleFragBytes::try_from_bytes(bytes).unwrap())
			.collect();
		verify_answer(&self.capsules, &cfrags, &self.keys, &self.kfrag_id)
			.err()
			.map(|rejected| (rejected.index, rejected.reason))
	}

	/// `CapsuleFragBytes::verify`'s verdict on fragment `bytes` of capsule `index` (the
	/// differential tests above hold it to umbral-pre's).
	fn single(&self, index: usize, bytes: &[u8]) -> Result<(), CfragVerificationError> {
		let keys = &self.keys;
		CapsuleFragBytes::try_from_bytes(bytes).unwrap().verify(
			&self.capsules[index],
			&keys.verifying,
			&keys.delegating,
			&keys.receiving,
		)
	}
}

/// The fields a fragment takes from its key fragment, shared by all fragments of an answer.
const KFRAG_FIELDS: [usize; 5] = [KFRAG_ID, U1, PRECURSOR, SIGNATURE_R, SIGNATURE_S];

/// Where a tampering at byte `at` changed the fragment: the field it falls in.
fn field_of(at: usize) -> usize {
	[E1, V1, KFRAG_ID, PRECURSOR, E2, V2, U1, U2, Z, SIGNATURE_R, SIGNATURE_S]
		.into_iter()
		.filter(|start| *start <= at)
		.max()
		.unwrap()
}

/// The first byte that differs between two fragments.
fn first_difference(a: &[u8], b: &[u8]) -> usize {
	a.iter().zip(b).position(|(x, y)| x != y).unwrap_or(0)
}

#[test]
fn a_node_s_valid_answer_is_accepted_and_carries_its_kfrag_id() {
	for capsules in [1, 2, 5] {
		let answer = Answer::new(capsules);
		assert_eq!(answer.verdict(&answer.cfrags), None);
		for cfrag in &answer.cfrags {
			let bytes = CapsuleFragBytes::try_from_bytes(cfrag).unwrap();
			assert_eq!(bytes.kfrag_id(), Some(answer.kfrag_id));
		}
	}
}

#[test]
fn a_tampered_fragment_of_an_answer_is_named_with_its_reason() {
	let answer = Answer::new(3);
	for index in 0..3 {
		for (name, tampered) in tamperings(&answer.cfrags[index]) {
			let mut cfrags = answer.cfrags.clone();
			cfrags[index] = tampered.clone();
			let field = field_of(first_difference(&answer.cfrags[index], &tampered));
			let layout_ok = CapsuleFragBytes::try_from_bytes(&tampered)
				.is_ok_and(|bytes| bytes.kfrag_id().is_some());
			let expected = match answer.single(index, &tampered) {
				Ok(()) => panic!("{index}: {name}: a tampered fragment verifies"),
				// A changed key fragment's part, in the layout, is another key fragment's.
				Err(_)
					if layout_ok
						&& (field == KFRAG_ID || (index > 0 && KFRAG_FIELDS.contains(&field))) =>
				{
					CfragVerificationError::ForeignKeyFragment
				},
				Err(reason) => reason,
			};
			assert_eq!(answer.verdict(&cfrags), Some((index as u32, expected)), "{index}: {name}");
		}
	}
}

#[test]
fn the_key_fragment_s_part_changed_in_every_fragment_is_judged_as_one_fragment() {
	let answer = Answer::new(3);
	for field in [U1, PRECURSOR, SIGNATURE_R, SIGNATURE_S] {
		let first = &answer.cfrags[0];
		for (name, tampered) in tamperings(first) {
			if field_of(first_difference(first, &tampered)) != field {
				continue;
			}
			let len = if POINTS.contains(&field) { 33 } else { 32 };
			let part = &tampered[field..field + len];
			let cfrags: Vec<_> =
				answer.cfrags.iter().map(|cfrag| with(cfrag, field, part)).collect();
			let expected = answer.single(0, &cfrags[0]).err().map(|reason| (0, reason));
			assert_eq!(answer.verdict(&cfrags), expected, "{name}");
		}
	}
}

#[test]
fn the_first_failing_fragment_is_named() {
	let answer = Answer::new(4);
	let negate = |cfrag: &[u8], at: usize| with(cfrag, at, &[cfrag[at] ^ 1]);
	let mut cfrags = answer.cfrags.clone();
	// Fragment 2 fails the cheap checks, fragment 1 only the equations after them.
	cfrags[2] = with(&cfrags[2], 0, &[0x00]);
	cfrags[1] = negate(&cfrags[1], E2);
	assert_eq!(answer.verdict(&cfrags), Some((1, CfragVerificationError::IncorrectReencryption)));
	cfrags[0] = negate(&cfrags[0], E1);
	assert_eq!(answer.verdict(&cfrags).map(|(index, _)| index), Some(0));
}

#[test]
fn another_node_s_answer_is_foreign() {
	let answer = Answer::new(2);
	let mut other_id = answer.kfrag_id;
	other_id[0] ^= 1;
	let cfrags: Vec<_> = answer
		.cfrags
		.iter()
		.map(|bytes| CapsuleFragBytes::try_from_bytes(bytes).unwrap())
		.collect();
	assert_eq!(
		verify_answer(&answer.capsules, &cfrags, &answer.keys, &other_id),
		Err(RejectedFragment { index: 0, reason: CfragVerificationError::ForeignKeyFragment })
	);
}
