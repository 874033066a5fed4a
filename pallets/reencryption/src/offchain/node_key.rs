//! The node's Umbral key pair, derived from an ed25519 key in the node's keystore (key type
//! [`UMBRAL_ROOT_KEY_TYPE`]): the seed is the hash of that key's signature of a fixed message,
//! and ed25519 signatures are deterministic, so the same keystore gives the same Umbral key
//! after every restart. No RPC method reads a keystore's secrets, and nothing secret is kept in
//! the off-chain database (which `offchain_localStorage*` reads and writes).

use alloc::vec::Vec;
use nkms_primitives::{
	umbral_pre::{SecretKey, SecretKeyFactory},
	UmbralPublicKey, UMBRAL_ROOT_KEY_TYPE,
};
use sp_runtime::{app_crypto::ed25519, offchain::storage::StorageValueRef};

/// Where the public key of the root key in use is noted, for when the chain has none of the
/// node's keys (a pointer, not a secret).
const ROOT_IN_USE: &[u8] = b"nkms/reencryption/umbral-root";

/// What the root key signs to make the seed.
const SEED_MESSAGE: &[u8] = b"nkms/umbral-secret";
/// The label the secret key is derived with from the seed.
const KEY_LABEL: &[u8] = b"nkms/node-umbral-key";

/// The node's Umbral secret key. Of the root keys in the keystore the node uses the one whose
/// Umbral key the chain has for one of its stakers (`registered`), else the one it noted as in
/// use, else the smallest, so that a root key added to the keystore later changes nothing. A
/// root key is made if the keystore has none. `None` if the keystore does not sign.
pub(crate) fn secret_key(registered: &[UmbralPublicKey]) -> Option<SecretKey> {
	let mut roots = sp_io::crypto::ed25519_public_keys(UMBRAL_ROOT_KEY_TYPE);
	if roots.is_empty() {
		roots.push(sp_io::crypto::ed25519_generate(UMBRAL_ROOT_KEY_TYPE, None));
	}
	roots.sort();
	let derived: Vec<(ed25519::Public, SecretKey)> =
		roots.into_iter().filter_map(|root| Some((root, derive(&root)?))).collect();
	let noted = StorageValueRef::persistent(ROOT_IN_USE).get::<ed25519::Public>().ok().flatten();
	let is_registered = |secret: &SecretKey| {
		UmbralPublicKey::from_umbral(&secret.public_key())
			.is_ok_and(|key| registered.contains(&key))
	};
	let index = derived
		.iter()
		.position(|(_, secret)| is_registered(secret))
		.or_else(|| derived.iter().position(|(root, _)| Some(root) == noted.as_ref()))
		.unwrap_or(0);
	let (root, secret) = derived.into_iter().nth(index)?;
	if noted != Some(root) {
		StorageValueRef::persistent(ROOT_IN_USE).set(&root);
	}
	Some(secret)
}

/// The Umbral secret key of root key `root`.
fn derive(root: &ed25519::Public) -> Option<SecretKey> {
	let signature = sp_io::crypto::ed25519_sign(UMBRAL_ROOT_KEY_TYPE, root, SEED_MESSAGE)?;
	let seed = sp_io::hashing::blake2_256(signature.as_ref());
	let factory = SecretKeyFactory::from_secure_randomness(&seed).ok()?;
	Some(factory.make_key(KEY_LABEL))
}
