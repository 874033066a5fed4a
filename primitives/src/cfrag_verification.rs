//! Verifying capsule fragments inside the runtime at native speed, deciding exactly as
//! umbral-pre's `CapsuleFrag::from_bytes` followed by `CapsuleFrag::verify` decide.
//!
//! A fragment `(E1, V1, id, precursor, E2, V2, U1, U2, z, σ)` of a capsule `(E, V)` holds if
//!
//! 1. Alice's signature `σ` (ECDSA over SHA-256, low `s`) of
//!    `id ‖ U1 ‖ precursor ‖ 0x01 ‖ delegating key ‖ 0x01 ‖ receiving key` verifies under the
//!    policy's verifying key, and
//! 2. with `h = SHA-256(be32(18) ‖ "CFRAG_VERIFICATION" ‖ E ‖ E1 ‖ E2 ‖ V ‖ V1 ‖ V2 ‖ U ‖ U1 ‖
//!    U2)` read big-endian, taken mod `n − 1`, plus 1 (`U` is umbral-pre's `Parameters::u`):
//!    `z·E − h·E1 = E2`, `z·V − h·V1 = V2` and `z·U − h·U1 = U2`.
//!
//! The seven scalar multiplications (six in the equations, one double multiplication in the
//! signature check) are done by the host's `secp256k1_ecdsa_recover` (see `curve.rs`); the
//! runtime hashes, inverts one scalar, takes one square root (the precursor must be a point)
//! and normalizes the three differences with one field inversion. Points are checked by use:
//! `E1`, `V1`, `U1` by the host, `E2`, `V2`, `U2` by comparison with points it computed. Only
//! a fragment that fails pays for decompressing every point, to tell an undecodable fragment
//! from a wrong one as umbral-pre does (decoding, then the signature, then the equations).
//!
//! A node's answer ([`verify_answer`]) is one fragment per capsule, all made with the node's
//! one key fragment: they share the key fragment's part (`id`, `U1`, `precursor`, `σ`), so its
//! signature and precursor are checked once, and the differences of all fragments are
//! normalized with one field inversion. Per fragment that leaves the six multiplications.

use alloc::vec::Vec;
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use k256::elliptic_curve::{ops::Reduce, point::BatchNormalize};
use k256::{AffinePoint, NonZeroScalar, ProjectivePoint, Scalar, U256};
use scale_info::TypeInfo;

use crate::curve::{self, Compressed};
use crate::error::UmbralError;
use crate::msgpack;
use crate::objects::{CapsuleBytes, CapsuleFragBytes, KeyFragId};
use crate::policy::PolicyKeys;
use crate::signature;
use crate::UmbralPublicKey;

/// umbral-pre's `Parameters::u`, compressed: the second generator of the re-encryption
/// proof's commitment.
pub(crate) const PARAMETER_U: Compressed = [
	0x03, 0x07, 0x93, 0x90, 0xd0, 0xfb, 0xe2, 0x20, 0xfc, 0x34, 0xaa, 0xb8, 0xec, 0xbf, 0x49, 0x09,
	0x80, 0x98, 0x03, 0x68, 0x20, 0xfa, 0xdb, 0x98, 0xc0, 0x31, 0x43, 0xe5, 0x5d, 0xb8, 0xec, 0x73,
	0xcd,
];

const CFRAG_VERIFICATION_DST: &[u8] = b"CFRAG_VERIFICATION";

/// Why a capsule fragment is rejected, in the order umbral-pre checks.
#[derive(
	Clone,
	Copy,
	Debug,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
)]
pub enum CfragVerificationError {
	/// The bytes are not a capsule fragment: umbral-pre would not decode them.
	Undecodable(UmbralError),
	/// The capsule's bytes are not a capsule (it is checked when it is stored, not here).
	InvalidCapsule,
	/// Alice's signature of the key fragment does not verify with the policy's keys: the
	/// fragment was not made with a key fragment of this policy.
	IncorrectKeyFragSignature,
	/// The proof of re-encryption does not hold: the fragment is not a re-encryption of this
	/// capsule by that key fragment.
	IncorrectReencryption,
	/// Not umbral-pre's: the fragment of an answer was made with another key fragment than
	/// the one Alice made for the node that sent it (its id differs, or its key fragment's part
	/// differs from the answer's first fragment), as when a node copies another's fragment.
	ForeignKeyFragment,
}

/// The first fragment of an answer that fails, and why.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RejectedFragment {
	/// Its position in the answer.
	pub index: u32,
	/// Why it fails.
	pub reason: CfragVerificationError,
}

/// The fields of a layout-checked fragment.
struct Fields<'a> {
	e1: &'a Compressed,
	v1: &'a Compressed,
	kfrag_id: &'a [u8],
	precursor: &'a Compressed,
	e2: &'a Compressed,
	v2: &'a Compressed,
	u1: &'a Compressed,
	u2: &'a Compressed,
	z: &'a [u8; 32],
	signature: &'a [u8; 64],
}

impl<'a> Fields<'a> {
	fn parse(bytes: &'a [u8]) -> Option<Self> {
		match msgpack::leaves(bytes, &msgpack::CAPSULE_FRAG)[..] {
			[(_, e1), (_, v1), (_, kfrag_id), (_, precursor), (_, e2), (_, v2), (_, u1), (_, u2), (_, z), (_, signature)] => {
				Some(Self {
					e1: e1.try_into().ok()?,
					v1: v1.try_into().ok()?,
					kfrag_id,
					precursor: precursor.try_into().ok()?,
					e2: e2.try_into().ok()?,
					v2: v2.try_into().ok()?,
					u1: u1.try_into().ok()?,
					u2: u2.try_into().ok()?,
					z: z.try_into().ok()?,
					signature: signature.try_into().ok()?,
				})
			},
			_ => None,
		}
	}

	fn points(&self) -> [&'a Compressed; 7] {
		[self.e1, self.v1, self.precursor, self.e2, self.v2, self.u1, self.u2]
	}

	/// What the fragment takes from its key fragment: equal in all fragments of one key
	/// fragment.
	fn kfrag_part(&self) -> (&'a [u8], &'a Compressed, &'a Compressed, &'a [u8; 64]) {
		(self.kfrag_id, self.u1, self.precursor, self.signature)
	}

	/// `E2`, `V2` and `U2`: what the differences of [`differences`] must equal.
	fn commitments(&self) -> [&'a Compressed; 3] {
		[self.e2, self.v2, self.u2]
	}
}

impl CapsuleFragBytes {
	/// Verifies this fragment as a re-encryption of `capsule` for the policy with these keys,
	/// deciding exactly as umbral-pre's `CapsuleFrag::verify` (after `from_bytes`) decides,
	/// with the same order of errors. `capsule` must be valid (`CapsuleBytes::to_umbral`
	/// accepted it); a capsule that is not even in the layout gives
	/// [`CfragVerificationError::InvalidCapsule`].
	pub fn verify(
		&self,
		capsule: &CapsuleBytes,
		verifying_key: &UmbralPublicKey,
		delegating_key: &UmbralPublicKey,
		receiving_key: &UmbralPublicKey,
	) -> Result<(), CfragVerificationError> {
		use CfragVerificationError::*;
		let bytes = self.as_bytes();
		msgpack::check(bytes, &msgpack::CAPSULE_FRAG).map_err(Undecodable)?;
		let cfrag = Fields::parse(bytes).ok_or(Undecodable(UmbralError::Malformed))?;
		let (e, v) = capsule_points(capsule).ok_or(InvalidCapsule)?;

		let signed = kfrag_signature_holds(&cfrag, verifying_key, delegating_key, receiving_key);
		let proven = signed
			&& differences(&cfrag, e, v).is_some_and(|differences| {
				let normalized =
					<ProjectivePoint as BatchNormalize<[ProjectivePoint; 3]>>::batch_normalize(
						&differences,
					);
				equal(&normalized, cfrag.commitments())
			});
		if proven && curve::decompress(cfrag.precursor).is_some() {
			return Ok(());
		}
		// Rejected: tell an undecodable fragment from a wrong one, as umbral-pre would.
		if cfrag.points().iter().any(|p| curve::decompress(p).is_none()) {
			return Err(Undecodable(UmbralError::InvalidPoint));
		}
		if curve::decompress(e).is_none() || curve::decompress(v).is_none() {
			return Err(InvalidCapsule);
		}
		Err(if signed { IncorrectReencryption } else { IncorrectKeyFragSignature })
	}
}

/// Verifies a node's answer: `cfrags[i]` a re-encryption of `capsules[i]` for the policy with
/// `keys`, every one made with the key fragment `kfrag_id` that Alice made for the node. The
/// caller checks that there are as many fragments as capsules; extra ones are not looked at.
///
/// The answer holds if every fragment passes umbral-pre's `from_bytes` and `verify`, carries
/// `kfrag_id` and has the same key fragment's part (id, commitment `U1`, precursor and Alice's
/// signature) as the first. Otherwise the first fragment that fails is named: with
/// [`CfragVerificationError::ForeignKeyFragment`] if it is in umbral-pre's layout but of
/// another key fragment, else with what [`CapsuleFragBytes::verify`] says of it.
pub fn verify_answer(
	capsules: &[CapsuleBytes],
	cfrags: &[CapsuleFragBytes],
	keys: &PolicyKeys,
	kfrag_id: &KeyFragId,
) -> Result<(), RejectedFragment> {
	use CfragVerificationError::*;
	// The first fragment that fails, with its reason if the cheap checks found it.
	let mut failure: Option<(usize, Option<CfragVerificationError>)> = None;
	let mut first: Option<Fields<'_>> = None;
	let mut computed = Vec::with_capacity(3 * cfrags.len());
	let mut expected = Vec::with_capacity(cfrags.len());
	for (index, (capsule, cfrag)) in capsules.iter().zip(cfrags).enumerate() {
		let bytes = cfrag.as_bytes();
		if let Err(error) = msgpack::check(bytes, &msgpack::CAPSULE_FRAG) {
			failure = Some((index, Some(Undecodable(error))));
			break;
		}
		let Some(fields) = Fields::parse(bytes) else {
			failure = Some((index, Some(Undecodable(UmbralError::Malformed))));
			break;
		};
		let own = match &first {
			None => fields.kfrag_id == kfrag_id,
			Some(first) => fields.kfrag_part() == first.kfrag_part(),
		};
		if !own {
			failure = Some((index, Some(ForeignKeyFragment)));
			break;
		}
		if first.is_none() {
			let signed =
				kfrag_signature_holds(&fields, &keys.verifying, &keys.delegating, &keys.receiving);
			if !signed || curve::decompress(fields.precursor).is_none() {
				failure = Some((index, None));
				break;
			}
		}
		let Some(points) = capsule_points(capsule).and_then(|(e, v)| differences(&fields, e, v))
		else {
			failure = Some((index, None));
			break;
		};
		computed.extend(points);
		expected.push(fields.commitments());
		if first.is_none() {
			first = Some(fields);
		}
	}
	// k256's batch inversion panics on an empty batch.
	if !computed.is_empty() {
		let normalized =
			<ProjectivePoint as BatchNormalize<[ProjectivePoint]>>::batch_normalize(&computed);
		if let Some(index) = normalized
			.chunks(3)
			.zip(&expected)
			.position(|(computed, expected)| !equal(computed, *expected))
		{
			failure = Some((index, None));
		}
	}
	let Some((index, reason)) = failure else { return Ok(()) };
	let reason = reason.unwrap_or_else(|| match (capsules.get(index), cfrags.get(index)) {
		(Some(capsule), Some(cfrag)) => cfrag
			.verify(capsule, &keys.verifying, &keys.delegating, &keys.receiving)
			.err()
			.unwrap_or(IncorrectReencryption),
		_ => IncorrectReencryption,
	});
	Err(RejectedFragment { index: index as u32, reason })
}

/// The points `E` and `V` of a capsule in umbral-pre's layout.
fn capsule_points(capsule: &CapsuleBytes) -> Option<(&Compressed, &Compressed)> {
	msgpack::check(capsule.as_bytes(), &msgpack::CAPSULE).ok()?;
	match msgpack::points(capsule.as_bytes(), &msgpack::CAPSULE)[..] {
		[e, v] => Some((e.try_into().ok()?, v.try_into().ok()?)),
		_ => None,
	}
}

/// The concatenation of `parts`, if their lengths add up to `N`.
pub(crate) fn concat<const N: usize>(parts: &[&[u8]]) -> Option<[u8; N]> {
	let mut out = [0u8; N];
	let mut rest = &mut out[..];
	for part in parts {
		let (head, tail) = rest.split_at_mut_checked(part.len())?;
		head.copy_from_slice(part);
		rest = tail;
	}
	rest.is_empty().then_some(out)
}

/// Alice's ECDSA signature of the key fragment (see [`signature::holds`]).
fn kfrag_signature_holds(
	cfrag: &Fields<'_>,
	verifying_key: &UmbralPublicKey,
	delegating_key: &UmbralPublicKey,
	receiving_key: &UmbralPublicKey,
) -> bool {
	let Some(message) = concat::<{ 32 + 33 + 33 + 1 + 33 + 1 + 33 }>(&[
		cfrag.kfrag_id,
		cfrag.u1,
		cfrag.precursor,
		&[1],
		delegating_key.as_bytes(),
		&[1],
		receiving_key.as_bytes(),
	]) else {
		return false;
	};
	signature::holds(&sp_io::hashing::sha2_256(&message), cfrag.signature, verifying_key.as_bytes())
}

/// `z·E − h·E1`, `z·V − h·V1` and `z·U − h·U1`, which the re-encryption proof says are `E2`,
/// `V2` and `U2`; `None` if a point is not on the curve or a product is the identity.
fn differences(cfrag: &Fields<'_>, e: &Compressed, v: &Compressed) -> Option<[ProjectivePoint; 3]> {
	let preimage = concat::<{ 4 + 18 + 9 * 33 }>(&[
		&(CFRAG_VERIFICATION_DST.len() as u32).to_be_bytes(),
		CFRAG_VERIFICATION_DST,
		e,
		cfrag.e1,
		cfrag.e2,
		v,
		cfrag.v1,
		cfrag.v2,
		&PARAMETER_U,
		cfrag.u1,
		cfrag.u2,
	])?;
	let digest = sp_io::hashing::sha2_256(&preimage);
	let h = <NonZeroScalar as Reduce<U256>>::reduce_bytes(&digest.into());
	let z = signature::scalar(cfrag.z)?;
	// `z = 0` is a valid encoding; `z·P` is then the identity, which the host cannot return.
	let z = Option::<NonZeroScalar>::from(NonZeroScalar::new(z));

	let difference = |p: &Compressed, p1: &Compressed| -> Option<ProjectivePoint> {
		let zp = match &z {
			Some(z) => curve::mul_add(z, p, &Scalar::ZERO)?.into(),
			None => ProjectivePoint::IDENTITY,
		};
		Some(zp - curve::mul_add(&h, p1, &Scalar::ZERO)?)
	};
	Some([difference(e, cfrag.e1)?, difference(v, cfrag.v1)?, difference(&PARAMETER_U, cfrag.u1)?])
}

/// Whether the normalized differences are the given points.
fn equal(computed: &[AffinePoint], given: [&Compressed; 3]) -> bool {
	computed.len() == given.len()
		&& computed
			.iter()
			.zip(given)
			.all(|(computed, given)| curve::compress(computed).as_ref() == Some(given))
}

#[cfg(test)]
mod tests {
	use umbral_pre::{generate_kfrags, DefaultSerialize, SecretKey, Signer};

	use super::*;

	#[test]
	fn parameter_u_is_umbral_pre_s() {
		let sk = SecretKey::random();
		let kfrags =
			generate_kfrags(&sk, &sk.public_key(), &Signer::new(sk.clone()), 1, 1, true, true);
		let bytes = kfrags[0].clone().unverify().to_bytes().unwrap();
		// The first field of a key fragment is its `Parameters`, whose one field is `u`.
		assert_eq!(msgpack::points(&bytes, &msgpack::KEY_FRAG)[0], &PARAMETER_U[..]);
	}
}
