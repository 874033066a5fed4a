//! Checking a capsule inside the runtime at native speed, accepting exactly what
//! `CapsuleBytes::to_umbral` (umbral-pre's decoding, with its self-check) accepts.
//!
//! A capsule `(E, V, s)` holds if `s·G = V + h·E`, with `h = SHA-256(be32(14) ‖
//! "CAPSULE_POINTS" ‖ E ‖ V)` read big-endian, taken mod `n − 1`, plus 1: that is,
//! `h·E − s·G = −V`, one call to the host's `secp256k1_ecdsa_recover` (see `curve.rs`), which
//! also checks that `E` is a point. `V` is checked by comparison with the point it computed.

use k256::elliptic_curve::ops::Reduce;
use k256::{NonZeroScalar, U256};

use crate::cfrag_verification::concat;
use crate::curve::{self, Compressed};
use crate::error::UmbralError;
use crate::msgpack;
use crate::objects::{check_not_degenerate, refine, CapsuleBytes};

const CAPSULE_POINTS_DST: &[u8] = b"CAPSULE_POINTS";

impl CapsuleBytes {
	/// Checks that these bytes are a capsule, deciding as [`Self::to_umbral`] decides, with
	/// the same errors, but with the curve arithmetic done by the host: what the runtime checks
	/// of every capsule it stores.
	pub fn check(&self) -> Result<(), UmbralError> {
		let bytes = self.as_bytes();
		msgpack::check(bytes, &msgpack::CAPSULE)?;
		check_not_degenerate(bytes)?;
		if self_check_holds(bytes).unwrap_or(false) {
			return Ok(());
		}
		Err(refine(bytes, &msgpack::CAPSULE, UmbralError::InvalidCapsule))
	}
}

/// `h·E − s·G = −V` for a capsule in umbral-pre's layout; `None` if the layout does not hold.
fn self_check_holds(bytes: &[u8]) -> Option<bool> {
	let [(_, e), (_, v), (_, s)] = msgpack::leaves(bytes, &msgpack::CAPSULE)[..] else {
		return None;
	};
	let (e, v): (&Compressed, &Compressed) = (e.try_into().ok()?, v.try_into().ok()?);
	let s = curve::reduce(s.try_into().ok()?);
	let preimage = concat::<{ 4 + 14 + 2 * 33 }>(&[
		&(CAPSULE_POINTS_DST.len() as u32).to_be_bytes(),
		CAPSULE_POINTS_DST,
		e,
		v,
	])?;
	let digest = sp_io::hashing::sha2_256(&preimage);
	let h = <NonZeroScalar as Reduce<U256>>::reduce_bytes(&digest.into());
	let mut minus_v = *v;
	minus_v[0] ^= 1;
	// `None` from the host: `E` is no point, or `h·E − s·G` is the identity, which `−V` is not.
	Some(curve::mul_add(&h, e, &-s).and_then(|p| curve::compress(&p)) == Some(minus_v))
}
