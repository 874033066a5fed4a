//! What the node has sent, kept in persistent off-chain storage so that nothing is sent twice
//! across blocks and restarts; signed transactions with consecutive nonces, and answers
//! authorized by the `nkms` key's signature without one.

use alloc::{collections::BTreeMap, vec::Vec};
use codec::{Decode, Encode};
use frame_system::{
	offchain::{
		AppCrypto, CreateAuthorizedTransaction, CreateSignedTransaction, CreateTransactionBase,
		SubmitTransaction,
	},
	pallet_prelude::BlockNumberFor,
};
use nkms_primitives::UmbralPublicKey;
use sp_runtime::{offchain::storage::StorageValueRef, traits::Saturating};

use crate::{Call, CfragsOf, Config, NodeAnswer, Pallet, RequestDigest, RequestId};

/// Blocks after which a transaction of the worker that did not make it on chain is sent again:
/// the runtime makes them mortal for fewer blocks, so the first can no longer land.
pub const RESEND_AFTER: u32 = 4;

/// The prefix of the keys of each staker's record of answers sent.
pub(crate) const ANSWERS: &[u8] = b"nkms/reencryption/answered/";
/// The prefix of the keys of each staker's record of decisions on arrangements sent.
pub(crate) const DECISIONS: &[u8] = b"nkms/reencryption/decided/";
/// The prefix of the keys of each staker's last Umbral key registration sent.
const REGISTRATION_PREFIX: &[u8] = b"nkms/reencryption/key-registration/";

/// The block this node sent something about each pending item (a request, a policy) of one
/// staker at.
pub(crate) struct Sent<T: Config, K> {
	key: Vec<u8>,
	sent: BTreeMap<K, BlockNumberFor<T>>,
}

impl<T: Config, K: Ord + Encode + Decode> Sent<T, K> {
	/// The record `kind` of `staker` at `now`, keeping only what may still land: what was sent
	/// in the last `RESEND_AFTER` blocks (a record from a later block, which this node did not
	/// write, counts for nothing).
	pub(crate) fn load(kind: &[u8], staker: &T::AccountId, now: BlockNumberFor<T>) -> Self {
		let key = (kind, staker).encode();
		let mut sent: BTreeMap<K, BlockNumberFor<T>> =
			StorageValueRef::persistent(&key).get().ok().flatten().unwrap_or_default();
		sent.retain(|_, at| *at <= now && now < resend_at::<T>(*at));
		Self { key, sent }
	}

	/// Whether what was sent about `item` may still land.
	pub(crate) fn in_flight(&self, item: &K) -> bool {
		self.sent.contains_key(item)
	}

	/// Notes that `item` was sent about at `now`, persistently.
	pub(crate) fn record(&mut self, item: K, now: BlockNumberFor<T>) {
		self.sent.insert(item, now);
		self.save();
	}

	/// Writes the record (after `load` dropped what can no longer land).
	pub(crate) fn save(&self) {
		StorageValueRef::persistent(&self.key).set(&self.sent);
	}
}

fn resend_at<T: Config>(sent: BlockNumberFor<T>) -> BlockNumberFor<T> {
	sent.saturating_add(RESEND_AFTER.into())
}

/// Whether a registration of `key` for `staker` sent earlier may still land.
pub(crate) fn registration_in_flight<T: Config>(
	staker: &T::AccountId,
	key: &UmbralPublicKey,
	now: BlockNumberFor<T>,
) -> bool {
	let sent = StorageValueRef::persistent(&(REGISTRATION_PREFIX, staker).encode())
		.get::<(UmbralPublicKey, BlockNumberFor<T>)>();
	matches!(sent, Ok(Some((sent, at))) if &sent == key && at <= now && now < resend_at::<T>(at))
}

/// Notes that a registration of `key` for `staker` was sent at `now`, persistently.
pub(crate) fn record_registration<T: Config>(
	staker: &T::AccountId,
	key: &UmbralPublicKey,
	now: BlockNumberFor<T>,
) {
	StorageValueRef::persistent(&(REGISTRATION_PREFIX, staker).encode()).set(&(key, now));
}

/// Signs and submits transactions of one `nkms` key, with consecutive nonces from the one on
/// chain.
pub(crate) struct Sender<T: Config> {
	public: T::Public,
	account: T::AccountId,
	nonce: T::Nonce,
}

impl<T: Config> Sender<T> {
	pub(crate) fn new(public: T::Public, account: T::AccountId) -> Self {
		let nonce = frame_system::Pallet::<T>::account_nonce(&account);
		Self { public, account, nonce }
	}

	/// Signs `call` and puts it in the transaction pool.
	pub(crate) fn send(
		&mut self,
		call: <T as CreateTransactionBase<Call<T>>>::RuntimeCall,
	) -> Result<(), &'static str> {
		let xt =
			<T as CreateSignedTransaction<Call<T>>>::create_signed_transaction::<T::AuthorityId>(
				call,
				self.public.clone(),
				self.account.clone(),
				self.nonce,
			)
			.ok_or("the nkms key did not sign")?;
		SubmitTransaction::<T, Call<T>>::submit_transaction(xt)
			.map_err(|()| "the transaction pool refused the transaction")?;
		self.nonce.saturating_inc();
		Ok(())
	}

	/// Signs the answer to request `id` with the `nkms` key and puts it in the pool as a
	/// general transaction authorized by that signature (`submit_node_answer`): it takes no
	/// nonce, and may be included until just before it is sent again.
	pub(crate) fn send_answer(
		&self,
		id: RequestId,
		digest: RequestDigest,
		cfrags: CfragsOf<T>,
		now: BlockNumberFor<T>,
	) -> Result<(), &'static str> {
		let valid_until = now.saturating_add(RESEND_AFTER.saturating_sub(1).into());
		let answer = NodeAnswer { id, digest, cfrags, key: self.public.clone(), valid_until };
		let signature = <T::AuthorityId as AppCrypto<T::Public, T::Signature>>::sign(
			&Pallet::<T>::answer_message(&answer),
			self.public.clone(),
		)
		.ok_or("the nkms key did not sign")?;
		let xt = <T as CreateAuthorizedTransaction<Call<T>>>::create_authorized_transaction(
			Call::<T>::submit_node_answer { answer, signature }.into(),
		);
		SubmitTransaction::<T, Call<T>>::submit_transaction(xt)
			.map_err(|()| "the transaction pool refused the answer")
	}
}
