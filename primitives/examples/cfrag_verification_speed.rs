//! Native time of verifying one capsule fragment: umbral-pre's `CapsuleFrag::verify` against
//! this crate's `CapsuleFragBytes::verify` (whose secp256k1 work the host does; natively, the
//! same libsecp256k1 code); and of umbral-pre's `reencrypt` of one capsule. Used by
//! `scripts/verification-speed.sh`, which sets them against the runtime's weight for a fragment
//! and the off-chain worker's re-encryption in Wasm.
//!
//! `cargo run --release -p nkms-primitives --example cfrag_verification_speed [fragments]`
//! prints `umbral_verify_us=…`, `nkms_verify_us=…` and `umbral_reencrypt_us=…`: medians over
//! rounds, interleaved so that all see the same machine load.

use std::time::Instant;

use nkms_primitives::{CapsuleBytes, CapsuleFragBytes, UmbralPublicKey};
use umbral_pre::{encrypt, generate_kfrags, reencrypt, CapsuleFrag, SecretKey, Signer};

struct Case {
	capsule: umbral_pre::Capsule,
	kfrag: umbral_pre::VerifiedKeyFrag,
	cfrag: CapsuleFrag,
	keys: [umbral_pre::PublicKey; 3],
	capsule_bytes: CapsuleBytes,
	cfrag_bytes: CapsuleFragBytes,
	key_bytes: [UmbralPublicKey; 3],
}

fn case() -> Case {
	let delegating = SecretKey::random();
	let signer = SecretKey::random();
	let receiving = SecretKey::random().public_key();
	let (capsule, _) = encrypt(&delegating.public_key(), b"message").unwrap();
	let kfrag =
		generate_kfrags(&delegating, &receiving, &Signer::new(signer.clone()), 1, 1, true, true)[0]
			.clone();
	let cfrag = reencrypt(&capsule, kfrag.clone()).unverify();
	let keys = [signer.public_key(), delegating.public_key(), receiving];
	Case {
		capsule_bytes: CapsuleBytes::from_umbral(&capsule).unwrap(),
		cfrag_bytes: CapsuleFragBytes::from_umbral(&cfrag).unwrap(),
		key_bytes: keys.map(|key| UmbralPublicKey::from_umbral(&key).unwrap()),
		capsule,
		kfrag,
		cfrag,
		keys,
	}
}

/// Microseconds per case for one pass of `work` over `cases`.
fn per_fragment(cases: &[Case], work: impl Fn(&Case) -> bool) -> f64 {
	let start = Instant::now();
	for case in cases {
		assert!(work(case), "a valid fragment was rejected");
	}
	start.elapsed().as_secs_f64() * 1e6 / cases.len() as f64
}

fn median(mut values: Vec<f64>) -> f64 {
	values.sort_by(f64::total_cmp);
	values[values.len() / 2]
}

fn main() {
	let fragments = std::env::args().nth(1).and_then(|n| n.parse().ok()).unwrap_or(200);
	let cases: Vec<Case> = (0..fragments).map(|_| case()).collect();
	let umbral = |case: &Case| {
		let [verifying, delegating, receiving] = &case.keys;
		case.cfrag
			.clone()
			.verify(&case.capsule, verifying, delegating, receiving)
			.is_ok()
	};
	let ours = |case: &Case| {
		let [verifying, delegating, receiving] = &case.key_bytes;
		case.cfrag_bytes
			.verify(&case.capsule_bytes, verifying, delegating, receiving)
			.is_ok()
	};
	let reencrypt_one = |case: &Case| {
		let cfrag = reencrypt(&case.capsule, case.kfrag.clone());
		std::hint::black_box(cfrag);
		true
	};
	let (mut umbral_times, mut our_times, mut reencrypt_times) =
		(Vec::new(), Vec::new(), Vec::new());
	for _ in 0..7 {
		umbral_times.push(per_fragment(&cases, umbral));
		our_times.push(per_fragment(&cases, ours));
		reencrypt_times.push(per_fragment(&cases, reencrypt_one));
	}
	println!("umbral_verify_us={:.1}", median(umbral_times));
	println!("nkms_verify_us={:.1}", median(our_times));
	println!("umbral_reencrypt_us={:.1}", median(reencrypt_times));
}
