//! The node's Umbral key pair: made once from the off-chain random seed, its secret kept only in
//! the node's persistent off-chain storage (it survives restarts and never leaves the node).

use nkms_primitives::umbral_pre::{SecretKey, SecretKeyFactory};
use sp_runtime::offchain::storage::{StorageRetrievalError, StorageValueRef};

/// Where the seed of the node's Umbral secret key is kept.
const SEED_KEY: &[u8] = b"nkms/reencryption/umbral-seed";
/// The label the secret key is derived with from the seed.
const KEY_LABEL: &[u8] = b"nkms/node-umbral-key";

/// The node's Umbral secret key, created on the first call. `None` if the stored seed is
/// unreadable (it is never overwritten) or another worker is creating it at the same moment.
pub(crate) fn secret_key() -> Option<SecretKey> {
	let seed = StorageValueRef::persistent(SEED_KEY)
		.mutate(|stored: Result<Option<[u8; 32]>, StorageRetrievalError>| match stored {
			Ok(Some(seed)) => Ok(seed),
			Ok(None) => Ok(sp_io::offchain::random_seed()),
			Err(unreadable) => Err(unreadable),
		})
		.ok()?;
	let factory = SecretKeyFactory::from_secure_randomness(&seed).ok()?;
	Some(factory.make_key(KEY_LABEL))
}
