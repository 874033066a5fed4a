//! Umbral objects made by umbral-pre itself, shared by the tests.

#![allow(dead_code)]

use std::sync::OnceLock;

use k256::elliptic_curve::{ops::Reduce, sec1::ToEncodedPoint};
use k256::{NonZeroScalar, ProjectivePoint, Scalar, U256};
use sha2::{Digest, Sha256};
use umbral_pre::{
	encrypt, generate_kfrags, reencrypt, Capsule, CapsuleFrag, DefaultSerialize, KeyFrag,
	PublicKey, SecretKey, Signer,
};

/// A delegation from Alice to Bob, re-encrypted by one proxy.
pub struct Fixture {
	pub alice_sk: SecretKey,
	pub alice_pk: PublicKey,
	pub bob_sk: SecretKey,
	pub bob_pk: PublicKey,
	pub verifying_pk: PublicKey,
	pub node_sk: SecretKey,
	pub node_pk: PublicKey,
	pub capsule: Capsule,
	pub ciphertext: Box<[u8]>,
	pub kfrags: Vec<KeyFrag>,
	pub cfrag: CapsuleFrag,
	/// umbral-pre's own `to_bytes()` of the above (`rmp-serde`).
	pub capsule_bytes: Vec<u8>,
	pub cfrag_bytes: Vec<u8>,
	pub kfrag_bytes: Vec<u8>,
}

pub const PLAINTEXT: &[u8] = b"peace at dawn";

pub fn fixture() -> &'static Fixture {
	static FIXTURE: OnceLock<Fixture> = OnceLock::new();
	FIXTURE.get_or_init(|| {
		let alice_sk = SecretKey::random();
		let alice_pk = alice_sk.public_key();
		let bob_sk = SecretKey::random();
		let bob_pk = bob_sk.public_key();
		let signer = Signer::new(SecretKey::random());
		let verifying_pk = signer.verifying_key();
		let node_sk = SecretKey::random();
		let node_pk = node_sk.public_key();
		let (capsule, ciphertext) = encrypt(&alice_pk, PLAINTEXT).unwrap();
		let vkfrags = generate_kfrags(&alice_sk, &bob_pk, &signer, 2, 3, true, true);
		let cfrag = reencrypt(&capsule, vkfrags[0].clone()).unverify();
		let kfrags: Vec<KeyFrag> = vkfrags.iter().map(|k| k.clone().unverify()).collect();
		Fixture {
			capsule_bytes: capsule.to_bytes().unwrap().into(),
			cfrag_bytes: cfrag.to_bytes().unwrap().into(),
			kfrag_bytes: kfrags[0].to_bytes().unwrap().into(),
			alice_sk,
			alice_pk,
			bob_sk,
			bob_pk,
			verifying_pk,
			node_sk,
			node_pk,
			capsule,
			ciphertext,
			kfrags,
			cfrag,
		}
	})
}

/// `bin8` of `data`.
pub fn bin8(data: &[u8]) -> Vec<u8> {
	let mut out = vec![0xc4, data.len() as u8];
	out.extend_from_slice(data);
	out
}

/// A capsule in umbral-pre's layout from raw fields.
pub fn capsule_from_fields(e: &[u8], v: &[u8], signature: &[u8]) -> Vec<u8> {
	[vec![0x93], bin8(e), bin8(v), bin8(signature)].concat()
}

fn compressed(p: &ProjectivePoint) -> Vec<u8> {
	p.to_affine().to_encoded_point(true).as_bytes().to_vec()
}

/// A capsule with `V = -E` that passes umbral-pre's self-check `g * s == V + E * h`,
/// with `h = H(E, V)`: for `E = g * k`, `s = (h - 1) * k`. `E + V` is the identity, so
/// umbral-pre's `decrypt_original` panics on it.
pub fn degenerate_capsule_bytes() -> Vec<u8> {
	let k = Scalar::from(0x1234_5678u64);
	let e = ProjectivePoint::GENERATOR * k;
	let v = -e;
	let (e, v) = (compressed(&e), compressed(&v));
	// umbral-pre's `hash_capsule_points`: SHA-256 of the length-prefixed DST and the points,
	// reduced to a non-zero scalar.
	let dst = b"CAPSULE_POINTS";
	let digest = Sha256::new()
		.chain_update((dst.len() as u32).to_be_bytes())
		.chain_update(dst)
		.chain_update(&e)
		.chain_update(&v)
		.finalize();
	let h: Scalar = *<NonZeroScalar as Reduce<U256>>::reduce_bytes(&digest);
	let s = (h - Scalar::ONE) * k;
	capsule_from_fields(&e, &v, &s.to_bytes())
}

/// The secp256k1 group order, big-endian.
pub const CURVE_ORDER: [u8; 32] = [
	0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xfe,
	0xba, 0xae, 0xdc, 0xe6, 0xaf, 0x48, 0xa0, 0x3b, 0xbf, 0xd2, 0x5e, 0x8c, 0xd0, 0x36, 0x41, 0x41,
];

/// An x-coordinate with no point on the curve (so `02 || x` is invalid).
pub fn x_not_on_curve() -> [u8; 32] {
	let mut x = [0u8; 32];
	for i in 1u8.. {
		x[31] = i;
		let mut candidate = vec![0x02];
		candidate.extend_from_slice(&x);
		if PublicKey::try_from_compressed_bytes(&candidate).is_err() {
			return x;
		}
	}
	unreachable!()
}

/// Valid points with unusual x-coordinates: `x = n` and the first `x > n`.
pub fn edge_points() -> Vec<Vec<u8>> {
	use k256::elliptic_curve::bigint::Encoding;
	let mut out = Vec::new();
	let mut x = U256::from_be_slice(&CURVE_ORDER);
	while out.len() < 4 {
		for tag in [0x02, 0x03] {
			let point = [&[tag][..], &x.to_be_bytes()].concat();
			if PublicKey::try_from_compressed_bytes(&point).is_ok() {
				out.push(point);
			}
		}
		x = x.wrapping_add(&U256::ONE);
	}
	out
}

/// Hex of `bytes`, for messages.
pub fn hex(bytes: &[u8]) -> String {
	bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// `bytes` with `data` written at `at`.
pub fn with(bytes: &[u8], at: usize, data: &[u8]) -> Vec<u8> {
	let mut out = bytes.to_vec();
	out[at..at + data.len()].copy_from_slice(data);
	out
}
