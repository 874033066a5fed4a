//! What the node has sent, kept in persistent off-chain storage so that a request is answered
//! once across blocks and restarts, and signed transactions with consecutive nonces.

use alloc::{collections::BTreeMap, vec::Vec};
use codec::Encode;
use frame_system::{
	offchain::{CreateSignedTransaction, CreateTransactionBase, SubmitTransaction},
	pallet_prelude::BlockNumberFor,
};
use nkms_primitives::UmbralPublicKey;
use sp_runtime::{offchain::storage::StorageValueRef, traits::Saturating};

use crate::{Call, Config, RequestId};

/// Blocks after which a transaction of the worker that did not make it on chain is sent again:
/// the runtime makes them mortal for fewer blocks, so the first can no longer land.
pub const RESEND_AFTER: u32 = 4;

/// The prefix of the keys of each staker's record of answers sent.
const ANSWERS_PREFIX: &[u8] = b"nkms/reencryption/answered/";
/// The prefix of the keys of each staker's last Umbral key registration sent.
const REGISTRATION_PREFIX: &[u8] = b"nkms/reencryption/key-registration/";

/// The block each pending request of one staker was answered at, by this node.
pub(crate) struct Answered<T: Config> {
	key: Vec<u8>,
	sent: BTreeMap<RequestId, BlockNumberFor<T>>,
}

impl<T: Config> Answered<T> {
	/// The record of `staker`, keeping only the requests still in `pending`.
	pub(crate) fn load(staker: &T::AccountId, pending: &[RequestId]) -> Self {
		let key = (ANSWERS_PREFIX, staker).encode();
		let mut sent: BTreeMap<RequestId, BlockNumberFor<T>> =
			StorageValueRef::persistent(&key).get().ok().flatten().unwrap_or_default();
		sent.retain(|id, _| pending.contains(id));
		Self { key, sent }
	}

	/// Whether an answer to `id` sent earlier may still land.
	pub(crate) fn in_flight(&self, id: RequestId, now: BlockNumberFor<T>) -> bool {
		self.sent.get(&id).is_some_and(|at| now < resend_at::<T>(*at))
	}

	/// Notes that `id` was answered at `now`, persistently.
	pub(crate) fn record(&mut self, id: RequestId, now: BlockNumberFor<T>) {
		self.sent.insert(id, now);
		self.save();
	}

	/// Writes the record (after `load` dropped requests no longer pending).
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
	matches!(sent, Ok(Some((sent, at))) if &sent == key && now < resend_at::<T>(at))
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
}
