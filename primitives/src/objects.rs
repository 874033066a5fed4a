//! Bounded byte types holding umbral-pre's own MessagePack of a capsule, a capsule fragment
//! and a key fragment.

use alloc::vec::Vec;

use bounded_collections::{BoundedVec, ConstU32};
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;
use umbral_pre::{Capsule, CapsuleFrag, KeyFrag, PublicKey};

use crate::cfrag_verification::PARAMETER_U;
use crate::error::UmbralError;
use crate::msgpack::{self, Field};

/// The size of umbral-pre 0.11's encoding of a [`Capsule`].
pub const CAPSULE_LEN: usize = msgpack::CAPSULE.encoded_len();
/// The size of umbral-pre 0.11's encoding of a [`CapsuleFrag`].
pub const CAPSULE_FRAG_LEN: usize = msgpack::CAPSULE_FRAG.encoded_len();
/// The size of umbral-pre 0.11's encoding of a [`KeyFrag`].
pub const KEY_FRAG_LEN: usize = msgpack::KEY_FRAG.encoded_len();

/// The bound of [`CapsuleBytes`]: [`CAPSULE_LEN`] (105) with headroom.
pub const MAX_CAPSULE_LEN: u32 = 128;
/// The bound of [`CapsuleFragBytes`]: [`CAPSULE_FRAG_LEN`] (381) with headroom.
pub const MAX_CAPSULE_FRAG_LEN: u32 = 512;
/// The bound of [`KeyFragBytes`]: [`KEY_FRAG_LEN`] (310) with headroom.
pub const MAX_KEY_FRAG_LEN: u32 = 512;

/// The id of a key fragment: 32 random bytes that `generate_kfrags` gives each fragment, which
/// every capsule fragment made with it carries.
pub type KeyFragId = [u8; 32];

/// The `index`-th leaf field of a canonical encoding of `layout`, as a key fragment id.
fn kfrag_id_at(bytes: &[u8], layout: &Field, index: usize) -> Option<KeyFragId> {
	msgpack::check(bytes, layout).ok()?;
	let leaves = msgpack::leaves(bytes, layout);
	match leaves.get(index) {
		Some((Field::Bytes(32), id)) => (*id).try_into().ok(),
		_ => None,
	}
}

/// Copies `bytes` into a `BoundedVec`, or fails with [`UmbralError::TooLong`].
pub(crate) fn bounded<const N: u32>(
	bytes: &[u8],
) -> Result<BoundedVec<u8, ConstU32<N>>, UmbralError> {
	BoundedVec::try_from(Vec::from(bytes)).map_err(|_| UmbralError::TooLong)
}

/// Turns a failure inside umbral-pre into a precise error: an invalid point if one of the
/// (already layout-checked) points does not decompress, else `otherwise`.
pub(crate) fn refine(bytes: &[u8], layout: &Field, otherwise: UmbralError) -> UmbralError {
	let bad_point = msgpack::points(bytes, layout)
		.into_iter()
		.any(|p| PublicKey::try_from_compressed_bytes(p).is_err());
	if bad_point {
		UmbralError::InvalidPoint
	} else {
		otherwise
	}
}

fn no_precheck(_: &[u8]) -> Result<(), UmbralError> {
	Ok(())
}

/// Rejects a layout-checked capsule whose `V` is `-E`: `E + V` is then the identity point,
/// which umbral-pre's `decrypt_original` cannot serialize (it panics).
pub(crate) fn check_not_degenerate(bytes: &[u8]) -> Result<(), UmbralError> {
	match msgpack::points(bytes, &msgpack::CAPSULE)[..] {
		[e, v] if e.get(1..) == v.get(1..) && e.first() != v.first() => {
			Err(UmbralError::InvalidCapsule)
		},
		[_, _] => Ok(()),
		_ => Err(UmbralError::Malformed),
	}
}

macro_rules! umbral_bytes {
	(
		$(#[$doc:meta])*
		$name:ident, $umbral:ty, $layout:expr, $max:ident, $precheck:expr, $on_reject:expr
	) => {
		$(#[$doc])*
		#[derive(
			Clone,
			Debug,
			PartialEq,
			Eq,
			Encode,
			Decode,
			DecodeWithMemTracking,
			MaxEncodedLen,
			TypeInfo,
		)]
		pub struct $name(BoundedVec<u8, ConstU32<$max>>);

		impl $name {
			/// Wraps `bytes` if they fit the bound; their contents are checked by
			/// [`Self::to_umbral`].
			pub fn try_from_bytes(bytes: &[u8]) -> Result<Self, UmbralError> {
				bounded(bytes).map(Self)
			}

			/// Serializes `obj` into umbral-pre's own bytes.
			pub fn from_umbral(obj: &$umbral) -> Result<Self, UmbralError> {
				Self::try_from_bytes(&msgpack::encode(obj, &$layout)?)
			}

			/// Decodes the umbral-pre object, rejecting anything but its canonical encoding.
			pub fn to_umbral(&self) -> Result<$umbral, UmbralError> {
				let bytes = self.as_bytes();
				msgpack::check(bytes, &$layout)?;
				$precheck(bytes)?;
				let obj: $umbral = msgpack::deserialize(bytes)
					.map_err(|_| refine(bytes, &$layout, $on_reject))?;
				if msgpack::encode(&obj, &$layout)? != bytes {
					return Err(UmbralError::NonCanonical);
				}
				Ok(obj)
			}

			/// The raw bytes.
			pub fn as_bytes(&self) -> &[u8] {
				&self.0
			}

			/// The bounded vector of the raw bytes.
			pub fn into_inner(self) -> BoundedVec<u8, ConstU32<$max>> {
				self.0
			}
		}

		impl TryFrom<&[u8]> for $name {
			type Error = UmbralError;

			fn try_from(bytes: &[u8]) -> Result<Self, UmbralError> {
				Self::try_from_bytes(bytes)
			}
		}

		impl From<BoundedVec<u8, ConstU32<$max>>> for $name {
			fn from(bytes: BoundedVec<u8, ConstU32<$max>>) -> Self {
				Self(bytes)
			}
		}

		impl AsRef<[u8]> for $name {
			fn as_ref(&self) -> &[u8] {
				self.as_bytes()
			}
		}
	};
}

umbral_bytes!(
	/// A [`Capsule`] in umbral-pre's MessagePack ([`CAPSULE_LEN`] bytes), bounded by
	/// [`MAX_CAPSULE_LEN`].
	///
	/// Besides the checks of umbral-pre (valid points, the capsule's self-check),
	/// [`Self::to_umbral`] rejects a degenerate capsule with `V = -E`, which passes
	/// umbral-pre's self-check but makes `decrypt_original` panic.
	CapsuleBytes,
	Capsule,
	msgpack::CAPSULE,
	MAX_CAPSULE_LEN,
	check_not_degenerate,
	UmbralError::InvalidCapsule
);

umbral_bytes!(
	/// A [`CapsuleFrag`] in umbral-pre's MessagePack ([`CAPSULE_FRAG_LEN`] bytes), bounded by
	/// [`MAX_CAPSULE_FRAG_LEN`]. Decoding does not verify it: use `CapsuleFrag::verify`.
	CapsuleFragBytes,
	CapsuleFrag,
	msgpack::CAPSULE_FRAG,
	MAX_CAPSULE_FRAG_LEN,
	no_precheck,
	UmbralError::InvalidValue
);

umbral_bytes!(
	/// A [`KeyFrag`] in umbral-pre's MessagePack ([`KEY_FRAG_LEN`] bytes), bounded by
	/// [`MAX_KEY_FRAG_LEN`]. Decoding does not verify it: use `KeyFrag::verify`.
	KeyFragBytes,
	KeyFrag,
	msgpack::KEY_FRAG,
	MAX_KEY_FRAG_LEN,
	no_precheck,
	UmbralError::InvalidValue
);

impl CapsuleFragBytes {
	/// The id of the key fragment this fragment was made with, if the bytes are in umbral-pre's
	/// layout.
	pub fn kfrag_id(&self) -> Option<KeyFragId> {
		kfrag_id_at(self.as_bytes(), &msgpack::CAPSULE_FRAG, 2)
	}
}

impl KeyFragBytes {
	/// The key fragment's id, if the bytes are in umbral-pre's layout.
	pub fn id(&self) -> Option<KeyFragId> {
		kfrag_id_at(self.as_bytes(), &msgpack::KEY_FRAG, 1)
	}

	/// Whether the key fragment's parameter `u` (its first field) is umbral-pre's standard one,
	/// which the chain verifies every capsule fragment against.
	pub fn has_standard_parameters(&self) -> bool {
		msgpack::check(self.as_bytes(), &msgpack::KEY_FRAG).is_ok()
			&& msgpack::points(self.as_bytes(), &msgpack::KEY_FRAG).first().copied()
				== Some(&PARAMETER_U[..])
	}
}
