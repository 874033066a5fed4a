//! The `nkms` session key: the sr25519 key a node's off-chain worker signs with.
//!
//! It is the third session key of every validator, next to Aura and GRANDPA, and is
//! registered with pallet-session's `set_keys`; the staking pallet maps it back to its staker.

use sp_application_crypto::KeyTypeId;

/// The key type of the `nkms` session key in the node's keystore (`key insert --key-type nkms`).
pub const NODE_KEY_TYPE: KeyTypeId = KeyTypeId(*b"nkms");

mod app {
	use sp_application_crypto::{app_crypto, sr25519};
	app_crypto!(sr25519, super::NODE_KEY_TYPE);
}

/// A node's `nkms` public key.
pub type NodeKey = app::Public;
/// A signature by a node's `nkms` key.
pub type NodeSignature = app::Signature;
/// A node's `nkms` key pair (node side only).
#[cfg(feature = "std")]
pub type NodeKeyPair = app::Pair;

/// The key type of the ed25519 key in the node's keystore from which its off-chain worker
/// derives the node's Umbral secret key (made by the worker on its first run; not a session
/// key). Keeping the secret's root in the keystore keeps it out of the off-chain database,
/// which RPC methods read and write.
pub const UMBRAL_ROOT_KEY_TYPE: KeyTypeId = KeyTypeId(*b"nkmu");
