//! Native time of verifying one capsule fragment: umbral-pre's `CapsuleFrag::verify` against
//! this crate's `verify_answer` per fragment of a 16-fragment answer (whose secp256k1 work the
//! host does; natively, the same libsecp256k1 code); and of re-encrypting one capsule:
//! umbral-pre's `reencrypt`, and the off-chain worker's whole work (decoding the capsule,
//! `reencrypt`, encoding the fragment). Used by `scripts/verification-speed.sh`, which sets them
//! against the runtime's weight for a fragment and the off-chain worker's re-encryption in Wasm.
//!
//! `cargo run --release -p nkms-primitives --example cfrag_verification_speed [fragments]`
//! prints `umbral_verify_us=…`, `nkms_verify_us=…`, `umbral_reencrypt_us=…` and
//! `worker_native_us=…`: medians over rounds, interleaved so that all see the same machine load.

use std::time::Instant;

use nkms_primitives::{
	policy::PolicyKeys, verify_answer, CapsuleBytes, CapsuleFragBytes, KeyFragBytes, KeyFragId,
	UmbralPublicKey,
};
use umbral_pre::{encrypt, generate_kfrags, reencrypt, CapsuleFrag, SecretKey, Signer};

/// The capsules of an answer, as in a request of `MaxCapsulesPerRequest` capsules.
const ANSWER: usize = 16;

/// One node's answer: `ANSWER` capsules re-encrypted with one key fragment.
struct Case {
	capsules: Vec<umbral_pre::Capsule>,
	kfrag: umbral_pre::VerifiedKeyFrag,
	cfrags: Vec<CapsuleFrag>,
	keys: [umbral_pre::PublicKey; 3],
	capsule_bytes: Vec<CapsuleBytes>,
	cfrag_bytes: Vec<CapsuleFragBytes>,
	policy_keys: PolicyKeys,
	kfrag_id: KeyFragId,
}

fn case() -> Case {
	let delegating = SecretKey::random();
	let signer = SecretKey::random();
	let receiving = SecretKey::random().public_key();
	let capsules: Vec<_> = (0..ANSWER)
		.map(|_| encrypt(&delegating.public_key(), b"message").unwrap().0)
		.collect();
	let kfrag =
		generate_kfrags(&delegating, &receiving, &Signer::new(signer.clone()), 1, 1, true, true)[0]
			.clone();
	let cfrags: Vec<_> = capsules
		.iter()
		.map(|capsule| reencrypt(capsule, kfrag.clone()).unverify())
		.collect();
	let keys = [signer.public_key(), delegating.public_key(), receiving];
	let [verifying, delegating, receiving] =
		keys.map(|key| UmbralPublicKey::from_umbral(&key).unwrap());
	Case {
		capsule_bytes: capsules.iter().map(|c| CapsuleBytes::from_umbral(c).unwrap()).collect(),
		cfrag_bytes: cfrags.iter().map(|c| CapsuleFragBytes::from_umbral(c).unwrap()).collect(),
		policy_keys: PolicyKeys { receiving, delegating, verifying },
		kfrag_id: KeyFragBytes::from_umbral(&kfrag.clone().unverify()).unwrap().id().unwrap(),
		capsules,
		kfrag,
		cfrags,
		keys,
	}
}

/// Microseconds per fragment for one pass of `work` over the answers of `cases`.
fn per_fragment(cases: &[Case], work: impl Fn(&Case) -> bool) -> f64 {
	let start = Instant::now();
	for case in cases {
		assert!(work(case), "a valid fragment was rejected");
	}
	start.elapsed().as_secs_f64() * 1e6 / (cases.len() * ANSWER) as f64
}

fn median(mut values: Vec<f64>) -> f64 {
	values.sort_by(f64::total_cmp);
	values[values.len() / 2]
}

fn main() {
	let fragments: usize = std::env::args().nth(1).and_then(|n| n.parse().ok()).unwrap_or(208);
	let cases: Vec<Case> = (0..fragments.div_ceil(ANSWER)).map(|_| case()).collect();
	let umbral = |case: &Case| {
		let [verifying, delegating, receiving] = &case.keys;
		case.cfrags.iter().zip(&case.capsules).all(|(cfrag, capsule)| {
			cfrag.clone().verify(capsule, verifying, delegating, receiving).is_ok()
		})
	};
	let ours = |case: &Case| {
		verify_answer(&case.capsule_bytes, &case.cfrag_bytes, &case.policy_keys, &case.kfrag_id)
			.is_ok()
	};
	let reencrypt_all = |case: &Case| {
		for capsule in &case.capsules {
			std::hint::black_box(reencrypt(capsule, case.kfrag.clone()));
		}
		true
	};
	// What the off-chain worker does per capsule (`offchain::reencrypt_capsules`).
	let worker = |case: &Case| {
		case.capsule_bytes.iter().all(|capsule| {
			let Ok(capsule) = capsule.to_umbral() else { return false };
			let cfrag = reencrypt(&capsule, case.kfrag.clone()).unverify();
			std::hint::black_box(CapsuleFragBytes::from_umbral(&cfrag)).is_ok()
		})
	};
	let mut times = [(); 4].map(|_| Vec::new());
	for _ in 0..7 {
		times[0].push(per_fragment(&cases, umbral));
		times[1].push(per_fragment(&cases, ours));
		times[2].push(per_fragment(&cases, reencrypt_all));
		times[3].push(per_fragment(&cases, worker));
	}
	let [umbral, ours, reencrypt, worker] = times.map(median);
	println!("umbral_verify_us={umbral:.1}");
	println!("nkms_verify_us={ours:.1}");
	println!("umbral_reencrypt_us={reencrypt:.1}");
	println!("worker_native_us={worker:.1}");
}
