//! The exact MessagePack layouts umbral-pre 0.11 writes, and the bridge to `messagepack-serde`.
//!
//! umbral-pre's `to_bytes()` is `rmp_serde::to_vec`, which writes a struct as an array of its
//! fields, while `messagepack_serde::to_vec` writes it as a map keyed by field names. Both
//! read either. So [`encode`] serializes with `messagepack-serde` and rewrites its map form
//! into the array form (checking every field name on the way); decoding first [`check`]s
//! the input against the canonical array layout and only then [`deserialize`]s it with
//! `messagepack-serde`.
//!
//! That check also keeps umbral-pre away from inputs it panics on: it accepts the identity
//! point (the one-byte SEC1 encoding `0x00`) when deserializing, then panics when it hashes
//! or re-serializes it. Here every point must be 33 bytes starting with `0x02` or `0x03`.

use alloc::vec::Vec;

use serde::{de::DeserializeOwned, Serialize};

use crate::curve::CURVE_ORDER;
use crate::error::UmbralError;

const BIN8: u8 = 0xc4;
const FALSE: u8 = 0xc2;
const TRUE: u8 = 0xc3;
const FIXARRAY: u8 = 0x90;
const FIXMAP: u8 = 0x80;
const FIXSTR: u8 = 0xa0;

/// One field of an umbral-pre object, as umbral-pre serializes it.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Field {
	/// A compressed SEC1 point: `bin8` of 33 bytes, the first `0x02` or `0x03`.
	Point,
	/// A big-endian scalar below the curve order: `bin8` of 32 bytes.
	Scalar,
	/// An ECDSA signature `r || s`, both in `1..n`: `bin8` of 64 bytes.
	Signature,
	/// Opaque bytes of this size (below 256): `bin8`.
	Bytes(u8),
	/// A boolean.
	Bool,
	/// A struct (fewer than 16 fields, names shorter than 32 bytes): a `fixarray` of its
	/// fields in declaration order.
	Struct(&'static [(&'static str, Field)]),
}

impl Field {
	/// The size of the canonical encoding.
	pub(crate) const fn encoded_len(&self) -> usize {
		match self {
			Self::Point => 2 + 33,
			Self::Scalar => 2 + 32,
			Self::Signature => 2 + 64,
			Self::Bytes(n) => 2 + *n as usize,
			Self::Bool => 1,
			Self::Struct(fields) => {
				let mut len = 1;
				let mut rest = *fields;
				while let [(_, field), tail @ ..] = rest {
					len += field.encoded_len();
					rest = tail;
				}
				len
			},
		}
	}
}

use Field::*;

/// `umbral_pre::Capsule`: 105 bytes.
pub(crate) const CAPSULE: Field =
	Struct(&[("point_e", Point), ("point_v", Point), ("signature", Scalar)]);

/// `umbral_pre::CapsuleFrag`: 381 bytes.
pub(crate) const CAPSULE_FRAG: Field = Struct(&[
	("point_e1", Point),
	("point_v1", Point),
	("kfrag_id", Bytes(32)),
	("precursor", Point),
	(
		"proof",
		Struct(&[
			("point_e2", Point),
			("point_v2", Point),
			("kfrag_commitment", Point),
			("kfrag_pok", Point),
			("signature", Scalar),
			("kfrag_signature", Signature),
		]),
	),
]);

/// `umbral_pre::KeyFrag`: 310 bytes.
pub(crate) const KEY_FRAG: Field = Struct(&[
	("params", Struct(&[("u", Point)])),
	("id", Bytes(32)),
	("key", Scalar),
	("precursor", Point),
	(
		"proof",
		Struct(&[
			("commitment", Point),
			("signature_for_proxy", Signature),
			("signature_for_receiver", Signature),
			("delegating_key_signed", Bool),
			("receiving_key_signed", Bool),
		]),
	),
]);

/// Which MessagePack form a struct is read in.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Form {
	/// rmp-serde's (and umbral-pre's): an array of field values.
	Array,
	/// messagepack-serde's: a map of field names to values.
	Map,
}

/// A cursor that never reads past the end of its input.
struct Reader<'a> {
	rest: &'a [u8],
}

impl<'a> Reader<'a> {
	fn take(&mut self, n: usize) -> Result<&'a [u8], UmbralError> {
		let (head, rest) = self.rest.split_at_checked(n).ok_or(UmbralError::Truncated)?;
		self.rest = rest;
		Ok(head)
	}

	fn byte(&mut self) -> Result<u8, UmbralError> {
		let (&b, rest) = self.rest.split_first().ok_or(UmbralError::Truncated)?;
		self.rest = rest;
		Ok(b)
	}

	fn expect(&mut self, b: u8) -> Result<(), UmbralError> {
		if self.byte()? == b {
			Ok(())
		} else {
			Err(UmbralError::Malformed)
		}
	}
}

/// `0 < x < n` (or `x < n` if zero is allowed), for a big-endian `x` of 32 bytes.
fn check_scalar(x: &[u8], allow_zero: bool) -> Result<(), UmbralError> {
	let in_range = x.len() == CURVE_ORDER.len() && x < &CURVE_ORDER[..];
	if in_range && (allow_zero || x.iter().any(|&b| b != 0)) {
		Ok(())
	} else {
		Err(UmbralError::InvalidScalar)
	}
}

/// Reads one field in `form`, checks it, and appends its canonical (array-form) encoding to
/// `out` if given.
fn walk(
	r: &mut Reader<'_>,
	field: &Field,
	form: Form,
	mut out: Option<&mut Vec<u8>>,
) -> Result<(), UmbralError> {
	let size = match field {
		Struct(fields) => {
			// Every layout above has fewer than 16 fields per struct and names shorter than
			// 32 bytes (see the `layouts` test), so the casts below are exact.
			let n = fields.len() as u8;
			r.expect(if form == Form::Array { FIXARRAY | n } else { FIXMAP | n })?;
			if let Some(out) = out.as_deref_mut() {
				out.push(FIXARRAY | n);
			}
			for (name, field) in fields.iter() {
				if form == Form::Map {
					r.expect(FIXSTR | name.len() as u8)?;
					if r.take(name.len())? != name.as_bytes() {
						return Err(UmbralError::Malformed);
					}
				}
				walk(r, field, form, out.as_deref_mut())?;
			}
			return Ok(());
		},
		Bool => {
			let b = r.byte()?;
			if b != FALSE && b != TRUE {
				return Err(UmbralError::Malformed);
			}
			if let Some(out) = out {
				out.push(b);
			}
			return Ok(());
		},
		Point => 33,
		Scalar => 32,
		Signature => 64,
		Bytes(n) => *n,
	};
	r.expect(BIN8)?;
	r.expect(size)?;
	let data = r.take(size.into())?;
	match field {
		Point => match data.first() {
			Some(0x02 | 0x03) => {},
			_ => return Err(UmbralError::InvalidPoint),
		},
		Scalar => check_scalar(data, true)?,
		Signature => {
			let (r, s) = data.split_at_checked(32).ok_or(UmbralError::Malformed)?;
			check_scalar(r, false)?;
			check_scalar(s, false)?;
		},
		_ => {},
	}
	if let Some(out) = out {
		out.extend_from_slice(&[BIN8, size]);
		out.extend_from_slice(data);
	}
	Ok(())
}

/// Checks that `bytes` is exactly one canonical encoding of `layout`.
pub(crate) fn check(bytes: &[u8], layout: &Field) -> Result<(), UmbralError> {
	let mut r = Reader { rest: bytes };
	walk(&mut r, layout, Form::Array, None)?;
	if r.rest.is_empty() {
		Ok(())
	} else {
		Err(UmbralError::TrailingBytes)
	}
}

/// Serializes `value` with `messagepack-serde` into umbral-pre's own bytes for `layout`.
pub(crate) fn encode<T: Serialize>(value: &T, layout: &Field) -> Result<Vec<u8>, UmbralError> {
	let map_form = messagepack_serde::to_vec(value).map_err(|_| UmbralError::EncodingFailed)?;
	let mut out = Vec::with_capacity(layout.encoded_len());
	let mut r = Reader { rest: &map_form };
	walk(&mut r, layout, Form::Map, Some(&mut out)).map_err(|_| UmbralError::EncodingFailed)?;
	if !r.rest.is_empty() {
		return Err(UmbralError::EncodingFailed);
	}
	Ok(out)
}

/// Deserializes bytes that passed [`check`] with `messagepack-serde`; a failure inside
/// umbral-pre comes back as [`UmbralError::InvalidValue`], for the caller to refine.
pub(crate) fn deserialize<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, UmbralError> {
	messagepack_serde::from_slice(bytes).map_err(|_| UmbralError::InvalidValue)
}

/// The data of every leaf field of a canonical encoding of `layout` (without its `bin8`
/// header), in order, each with its kind; only the leading fields if the bytes end early.
pub(crate) fn leaves<'a>(bytes: &'a [u8], layout: &Field) -> Vec<(Field, &'a [u8])> {
	fn collect<'a>(
		r: &mut Reader<'a>,
		field: &Field,
		out: &mut Vec<(Field, &'a [u8])>,
	) -> Option<()> {
		match field {
			Struct(fields) => {
				r.byte().ok()?;
				for (_, field) in fields.iter() {
					collect(r, field, out)?;
				}
			},
			Bool => out.push((*field, r.take(1).ok()?)),
			other => {
				r.take(2).ok()?;
				out.push((*other, r.take(other.encoded_len() - 2).ok()?));
			},
		}
		Some(())
	}
	let mut out = Vec::new();
	let _ = collect(&mut Reader { rest: bytes }, layout, &mut out);
	out
}

/// The compressed points of a canonical encoding of `layout`, in order.
pub(crate) fn points<'a>(bytes: &'a [u8], layout: &Field) -> Vec<&'a [u8]> {
	leaves(bytes, layout)
		.into_iter()
		.filter_map(|(field, data)| matches!(field, Point).then_some(data))
		.collect()
}

#[cfg(test)]
#[allow(clippy::indexing_slicing)]
mod tests {
	use super::*;

	/// Every struct fits a `fixarray`/`fixmap` and every name a `fixstr`.
	fn fits_fix_headers(field: &Field) -> bool {
		match field {
			Struct(fields) => {
				fields.len() < 16
					&& fields.iter().all(|(name, f)| name.len() < 32 && fits_fix_headers(f))
			},
			_ => true,
		}
	}

	#[test]
	fn layouts() {
		for layout in [CAPSULE, CAPSULE_FRAG, KEY_FRAG] {
			assert!(fits_fix_headers(&layout));
		}
		assert_eq!(CAPSULE.encoded_len(), 105);
		assert_eq!(CAPSULE_FRAG.encoded_len(), 381);
		assert_eq!(KEY_FRAG.encoded_len(), 310);
	}

	#[test]
	fn scalar_range() {
		let mut below = CURVE_ORDER;
		below[31] -= 1;
		assert_eq!(check_scalar(&below, false), Ok(()));
		assert_eq!(check_scalar(&CURVE_ORDER, true), Err(UmbralError::InvalidScalar));
		assert_eq!(check_scalar(&[0xff; 32], true), Err(UmbralError::InvalidScalar));
		assert_eq!(check_scalar(&[0; 32], true), Ok(()));
		assert_eq!(check_scalar(&[0; 32], false), Err(UmbralError::InvalidScalar));
		assert_eq!(check_scalar(&[1; 31], true), Err(UmbralError::InvalidScalar));
	}

	#[test]
	fn points_of_a_layout() {
		let mut bytes = alloc::vec![0x93];
		for (tag, len, fill) in [(0x21, 33, 2), (0x21, 33, 3), (0x20, 32, 9)] {
			bytes.extend_from_slice(&[BIN8, tag]);
			bytes.extend(core::iter::repeat_n(fill, len));
		}
		assert_eq!(check(&bytes, &CAPSULE), Ok(()));
		let points = points(&bytes, &CAPSULE);
		assert_eq!(points, [&[2u8; 33][..], &[3u8; 33][..]]);
		assert!(super::points(&bytes[..40], &CAPSULE).len() == 1);
	}
}
