//! # NKMS Chain primitives
//!
//! The one place where NKMS Chain turns [Umbral](umbral_pre) objects into bytes and back; also
//! the `nkms` session key of a node ([`NodeKey`]) and, in [`staking`] and [`policy`], the types
//! and traits through which the pallets talk to each other.
//! Every type here is SCALE-encodable and bounded, so it can sit in extrinsics and storage,
//! and holds exactly the bytes NuCypher's Umbral packages (Rust `umbral-pre`, `umbral-pre`
//! for Python and JS) read and write:
//!
//! | type | bytes | size |
//! | --- | --- | --- |
//! | [`UmbralPublicKey`] | compressed SEC1 point (`PublicKey::to_compressed_bytes`) | 33 |
//! | [`CapsuleBytes`] | `Capsule::to_bytes()` | 105 ([`CAPSULE_LEN`]) |
//! | [`CapsuleFragBytes`] | `CapsuleFrag::to_bytes()` | 381 ([`CAPSULE_FRAG_LEN`]) |
//! | [`KeyFragBytes`] | `KeyFrag::to_bytes()` | 310 ([`KEY_FRAG_LEN`]) |
//! | [`EncryptedKeyFrag`] | a capsule and the DEM ciphertext of a kfrag's bytes | 105 + 350 |
//! | [`UmbralSignature`] | `r ‖ s` (`Signature::to_be_bytes`) | 64 ([`SIGNATURE_LEN`]) |
//!
//! umbral-pre's `to_bytes()` (feature `default-serialization`) is MessagePack written by
//! `rmp-serde`: each struct an array of its fields in declaration order, each curve point a
//! `bin8` of its 33 compressed bytes, each scalar a `bin8` of 32 big-endian bytes, each
//! signature a `bin8` of `r || s`. The sizes above are fixed for umbral-pre 0.11; the bounds
//! leave headroom.
//!
//! `rmp-serde` needs `std`, so inside the runtime this crate serializes with `no_std`
//! `messagepack-serde` and umbral-pre's own `serde` implementations, rewriting that crate's
//! map form of structs into the array form (see `msgpack.rs`). Decoding accepts only the
//! canonical encoding: it checks the exact layout (which rejects truncated, trailing,
//! oversized and wrong-type bytes), lets umbral-pre validate points, scalars and capsules,
//! and checks that re-encoding gives the input back. No function here panics on any input.
//!
//! ```
//! use nkms_primitives::{CapsuleBytes, UmbralError};
//!
//! let sk = umbral_pre::SecretKey::random();
//! let (capsule, _ciphertext) = umbral_pre::encrypt(&sk.public_key(), b"data").unwrap();
//!
//! let bytes = CapsuleBytes::from_umbral(&capsule)?; // what goes on chain
//! assert_eq!(bytes.as_bytes().len(), nkms_primitives::CAPSULE_LEN);
//! assert_eq!(bytes.to_umbral()?, capsule);
//!
//! let junk = CapsuleBytes::try_from(&b"not a capsule"[..])?; // within the bound...
//! assert_eq!(junk.to_umbral(), Err(UmbralError::Malformed)); // ...but not a capsule
//! # Ok::<(), UmbralError>(())
//! ```

#![cfg_attr(not(feature = "std"), no_std)]
#![warn(missing_docs)]
// Runtime code never panics; tests may.
#![cfg_attr(
	not(test),
	deny(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic)
)]

extern crate alloc;

mod capsule_verification;
mod cfrag_verification;
mod curve;
mod encrypted_kfrag;
mod error;
#[cfg(any(test, feature = "test-helpers"))]
pub mod forgery;
mod keys;
mod kfrag_check;
mod msgpack;
mod node_key;
mod objects;
pub mod policy;
mod signature;
pub mod staking;

pub use cfrag_verification::{verify_answer, CfragVerificationError, RejectedFragment};
pub use encrypted_kfrag::{
	EncryptedKeyFrag, DEM_NONCE_LEN, DEM_OVERHEAD, DEM_TAG_LEN, MAX_ENCRYPTED_KEY_FRAG_LEN,
};
pub use error::UmbralError;
pub use keys::{UmbralPublicKey, PUBLIC_KEY_LEN};
pub use kfrag_check::check_key_fragment;
#[cfg(feature = "std")]
pub use node_key::NodeKeyPair;
pub use node_key::{NodeKey, NodeSignature, NODE_KEY_TYPE, UMBRAL_ROOT_KEY_TYPE};
pub use objects::{
	CapsuleBytes, CapsuleFragBytes, KeyFragBytes, KeyFragId, CAPSULE_FRAG_LEN, CAPSULE_LEN,
	KEY_FRAG_LEN, MAX_CAPSULE_FRAG_LEN, MAX_CAPSULE_LEN, MAX_KEY_FRAG_LEN,
};
pub use signature::{UmbralSignature, SIGNATURE_LEN};
/// The umbral-pre this crate is built against.
pub use umbral_pre;
