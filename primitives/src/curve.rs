//! secp256k1 arithmetic for verification: `a·P + b·G` computed by the host through the
//! standard host function `secp256k1_ecdsa_recover`, the rest with `k256` inside the runtime.
//!
//! ECDSA public-key recovery computes `Q = r⁻¹·(s·R − m·G)`, where `R` is the point with
//! x-coordinate `r` (`r + n` for recovery ids 2 and 3) and the y-parity of the recovery id. With
//! `R = P`, `s = a·r` and `m = −b·r` it returns `a·P + b·G`: the trick NuCypher's Adjudicator
//! played with Ethereum's `ecrecover`. The host reaches a speed that Wasm arithmetic does not,
//! without a host function of our own.
//!
//! Everything here runs in variable time: only for public values, never for secrets.

use core::cmp::Ordering;

use k256::elliptic_curve::{
	group::GroupEncoding,
	ops::Reduce,
	sec1::{FromEncodedPoint, ToEncodedPoint},
};
use k256::{AffinePoint, EncodedPoint, NonZeroScalar, ProjectivePoint, Scalar, U256};

/// The secp256k1 group order `n`, big-endian.
pub(crate) const CURVE_ORDER: [u8; 32] = [
	0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xfe,
	0xba, 0xae, 0xdc, 0xe6, 0xaf, 0x48, 0xa0, 0x3b, 0xbf, 0xd2, 0x5e, 0x8c, 0xd0, 0x36, 0x41, 0x41,
];

/// A compressed SEC1 point: a tag `0x02`/`0x03` (the parity of `y`), then `x` big-endian.
pub(crate) type Compressed = [u8; 33];

/// Decompresses a point inside the runtime (one square root): for the rare paths.
pub(crate) fn decompress(point: &Compressed) -> Option<AffinePoint> {
	AffinePoint::from_bytes(point.into()).into()
}

/// The compressed form of `point`, or `None` for the identity.
pub(crate) fn compress(point: &AffinePoint) -> Option<Compressed> {
	point.to_encoded_point(true).as_bytes().try_into().ok()
}

/// `x mod n` for a 32-byte big-endian `x`.
pub(crate) fn reduce(x: &[u8; 32]) -> Scalar {
	<Scalar as Reduce<U256>>::reduce_bytes(x.into())
}

/// `a·P + b·G`, computed by the host, for `P` given compressed; `None` if `P` is not a point
/// of the curve or the result is the identity.
pub(crate) fn mul_add(a: &NonZeroScalar, p: &Compressed, b: &Scalar) -> Option<AffinePoint> {
	let [tag, x @ ..] = p;
	let parity = match tag {
		0x02 => 0,
		0x03 => 1,
		_ => return None,
	};
	match x.cmp(&CURVE_ORDER) {
		Ordering::Less => recover(&reduce(x), parity, a, b),
		// The host adds `n` back to `r` for recovery ids 2 and 3 (if `r < p − n`, which holds
		// for every point of the curve).
		Ordering::Greater => recover(&reduce(x), parity | 2, a, b),
		// `r` would be 0, which the host refuses: a·P + b·G = a·(P + G) + (b − a)·G, and P + G
		// has another x-coordinate (only ±P have x = n, and P + G = −P would make P = −G/2,
		// whose x-coordinate is not n: see the tests).
		Ordering::Equal => {
			let shifted = compress(
				&(ProjectivePoint::from(decompress(p)?) + ProjectivePoint::GENERATOR).to_affine(),
			)?;
			let [tag, x @ ..] = shifted;
			(x != CURVE_ORDER).then_some(())?;
			recover(&reduce(&x), tag & 1, a, &(b - a.as_ref()))
		},
	}
}

/// `a·R + b·G` through `secp256k1_ecdsa_recover`, where `R` is the point the host finds for
/// `(r, recovery_id)`.
fn recover(r: &Scalar, recovery_id: u8, a: &NonZeroScalar, b: &Scalar) -> Option<AffinePoint> {
	let mut signature = [0u8; 65];
	let (r_bytes, rest) = signature.split_at_mut(32);
	let (s_bytes, v) = rest.split_at_mut(32);
	r_bytes.copy_from_slice(&r.to_bytes());
	s_bytes.copy_from_slice(&(a.as_ref() * r).to_bytes());
	v.fill(recovery_id);
	let message: [u8; 32] = (-(b * r)).to_bytes().into();
	let xy = sp_io::crypto::secp256k1_ecdsa_recover(&signature, &message).ok()?;
	AffinePoint::from_encoded_point(&EncodedPoint::from_untagged_bytes(&xy.into())).into()
}

#[cfg(test)]
mod tests {
	use k256::elliptic_curve::bigint::Encoding;

	use super::*;

	fn random_scalar() -> NonZeroScalar {
		NonZeroScalar::random(&mut rand_core::OsRng)
	}

	/// The points of the curve with the given x-coordinate, if any.
	fn points_with_x(x: &[u8; 32]) -> Option<[AffinePoint; 2]> {
		let mut even = [0x02; 33];
		even[1..].copy_from_slice(x);
		let mut odd = even;
		odd[0] = 0x03;
		Some([decompress(&even)?, decompress(&odd)?])
	}

	fn expected(a: &NonZeroScalar, p: &AffinePoint, b: &Scalar) -> AffinePoint {
		(ProjectivePoint::from(*p) * a.as_ref() + ProjectivePoint::GENERATOR * b).to_affine()
	}

	fn check(p: &AffinePoint) {
		let compressed = compress(p).unwrap();
		for (a, b) in [
			(NonZeroScalar::new(Scalar::ONE).unwrap(), Scalar::ZERO),
			(NonZeroScalar::new(Scalar::from(2u64)).unwrap(), Scalar::ZERO),
			(NonZeroScalar::new(-Scalar::ONE).unwrap(), Scalar::ONE),
			(random_scalar(), Scalar::ZERO),
			(random_scalar(), *random_scalar()),
		] {
			assert_eq!(mul_add(&a, &compressed, &b), Some(expected(&a, p, &b)));
		}
	}

	#[test]
	fn random_points() {
		for _ in 0..20 {
			let p = (ProjectivePoint::GENERATOR * random_scalar().as_ref()).to_affine();
			check(&p);
		}
	}

	/// Points with `x ≥ n` (about 2⁻¹²⁸ of all points) go through recovery ids 2 and 3.
	#[test]
	fn points_with_x_above_the_order() {
		let mut found = 0;
		let mut x = U256::from_be_slice(&CURVE_ORDER);
		while found < 10 {
			x = x.wrapping_add(&U256::ONE);
			if let Some(points) = points_with_x(&x.to_be_bytes()) {
				points.iter().for_each(check);
				found += 1;
			}
		}
	}

	/// The two points with `x = n` go through `P + G`.
	#[test]
	fn points_with_x_equal_to_the_order() {
		let points = points_with_x(&CURVE_ORDER).expect("n³ + 7 is a square mod p");
		points.iter().for_each(check);
		// The fallback never meets `x = n` again: P + G = −P only for P = −G/2.
		let minus_half_g = ProjectivePoint::GENERATOR * -Scalar::from(2u64).invert().unwrap();
		assert_ne!(compress(&minus_half_g.to_affine()).unwrap()[1..], CURVE_ORDER);
	}

	#[test]
	fn identity_and_invalid_points_give_none() {
		let p = (ProjectivePoint::GENERATOR * Scalar::from(5u64)).to_affine();
		let compressed = compress(&p).unwrap();
		// 5·P − 25·G = O.
		let five = NonZeroScalar::new(Scalar::from(5u64)).unwrap();
		assert_eq!(mul_add(&five, &compressed, &-Scalar::from(25u64)), None);
		// Not on the curve: an x without a square root of x³ + 7.
		let bad = (1u8..)
			.map(|i| {
				let mut point = [0x02; 33];
				point[32] = i;
				point
			})
			.find(|point| decompress(point).is_none())
			.unwrap();
		assert_eq!(mul_add(&five, &bad, &Scalar::ZERO), None);
		// x ≥ p, and a wrong tag.
		let mut above_p = [0xff; 33];
		above_p[0] = 0x02;
		assert_eq!(mul_add(&five, &above_p, &Scalar::ZERO), None);
		let mut wrong_tag = compressed;
		wrong_tag[0] = 0x04;
		assert_eq!(mul_add(&five, &wrong_tag, &Scalar::ZERO), None);
	}
}
