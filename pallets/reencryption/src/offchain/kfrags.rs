//! The node's verified key fragments, one per policy it serves, decrypted and checked once and
//! kept in persistent off-chain storage until the policy is revoked, expires or drops the node.

use alloc::vec::Vec;
use codec::Encode;
use nkms_primitives::{
	policy::{LivePolicy, Policies, PolicyId},
	umbral_pre::{KeyFrag, SecretKey, VerifiedKeyFrag},
	KeyFragBytes, UmbralError,
};
use sp_runtime::offchain::storage::{StorageRetrievalError, StorageValueRef};

use crate::Config;

/// The list of cached fragments: (policy, staker) pairs.
const INDEX_KEY: &[u8] = b"nkms/reencryption/kfrags";
/// The prefix of each cached fragment's key.
const KFRAG_PREFIX: &[u8] = b"nkms/reencryption/kfrag/";

/// Why a node cannot re-encrypt for a policy.
#[derive(Debug, PartialEq)]
pub(crate) enum KfragError {
	/// The policy holds no key fragment for the node.
	Missing,
	/// The fragment does not decrypt with the node's key (it was made for another key) or is
	/// not a key fragment.
	Undecryptable(UmbralError),
	/// The fragment fails `KeyFrag::verify` against the policy's keys.
	Unverified,
	/// The fragment's id is not the one the policy names for the node: its answers would be
	/// taken for copies and slashed.
	WrongId,
}

impl core::fmt::Display for KfragError {
	fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
		match self {
			Self::Missing => f.write_str("the policy has none for this node"),
			Self::Undecryptable(error) => {
				write!(f, "it does not decrypt with this node's key: {error}")
			},
			Self::Unverified => f.write_str("it fails verification against the policy's keys"),
			Self::WrongId => f.write_str("its id is not the one the policy names for this node"),
		}
	}
}

/// The cached fragments: (policy, staker) pairs.
type Index<AccountId> = Vec<(PolicyId, AccountId)>;

fn kfrag_key<AccountId: Encode>(policy: &PolicyId, staker: &AccountId) -> Vec<u8> {
	(KFRAG_PREFIX, policy, staker).encode()
}

/// `staker`'s verified key fragment of `policy`: from the cache, or decrypted with `secret`,
/// verified against the policy's keys, checked to have the id the policy names for `staker`,
/// and cached.
pub(crate) fn verified_kfrag<T: Config>(
	id: &PolicyId,
	staker: &T::AccountId,
	policy: &LivePolicy<T::AccountId, frame_system::pallet_prelude::BlockNumberFor<T>>,
	secret: &SecretKey,
) -> Result<VerifiedKeyFrag, KfragError> {
	let expected_id = policy.kfrag_id_of(staker).ok_or(KfragError::Missing)?;
	let cached_key = kfrag_key(id, staker);
	let cached = StorageValueRef::persistent(&cached_key);
	if let Ok(Some(bytes)) = cached.get::<KeyFragBytes>() {
		if bytes.id().as_ref() != Some(expected_id) {
			return Err(KfragError::WrongId);
		}
		if let Ok(kfrag) = bytes.to_umbral() {
			// Verified before it was stored in this node's own storage.
			return Ok(kfrag.skip_verification());
		}
	}
	let encrypted = T::Policies::encrypted_kfrag(id, staker).ok_or(KfragError::Missing)?;
	let kfrag: KeyFrag = encrypted.decrypt(secret).map_err(KfragError::Undecryptable)?;
	let key = |key: &nkms_primitives::UmbralPublicKey| key.to_umbral().ok();
	let keys = &policy.keys;
	let (Some(verifying), Some(delegating), Some(receiving)) =
		(key(&keys.verifying), key(&keys.delegating), key(&keys.receiving))
	else {
		return Err(KfragError::Unverified);
	};
	let verified = kfrag
		.verify(&verifying, Some(&delegating), Some(&receiving))
		.map_err(|_| KfragError::Unverified)?;
	let bytes = KeyFragBytes::from_umbral(&verified.clone().unverify())
		.map_err(KfragError::Undecryptable)?;
	if bytes.id().as_ref() != Some(expected_id) {
		return Err(KfragError::WrongId);
	}
	cached.set(&bytes);
	StorageValueRef::persistent(INDEX_KEY)
		.mutate(|index: Result<Option<Index<T::AccountId>>, StorageRetrievalError>| {
			let mut index = index.ok().flatten().unwrap_or_default();
			if !index.iter().any(|(policy, node)| policy == id && node == staker) {
				index.push((*id, staker.clone()));
			}
			Ok::<_, ()>(index)
		})
		.ok();
	Ok(verified)
}

/// Deletes the cached fragments of policies that are no longer live or no longer have the node.
pub(crate) fn forget_ended<T: Config>() {
	let index = StorageValueRef::persistent(INDEX_KEY);
	let Ok(Some(entries)) = index.get::<Index<T::AccountId>>() else {
		return;
	};
	let (live, ended): (Vec<_>, Vec<_>) = entries.into_iter().partition(|(id, staker)| {
		T::Policies::live_policy(id).is_some_and(|policy| policy.is_served_by(staker))
	});
	if ended.is_empty() {
		return;
	}
	for (id, staker) in &ended {
		StorageValueRef::persistent(&kfrag_key(id, staker)).clear();
	}
	index.set(&live);
}

/// Whether `staker`'s fragment of `policy` is cached.
#[cfg(test)]
pub(crate) fn is_cached<AccountId: Encode>(policy: &PolicyId, staker: &AccountId) -> bool {
	matches!(
		StorageValueRef::persistent(&kfrag_key(policy, staker)).get::<KeyFragBytes>(),
		Ok(Some(_))
	)
}
