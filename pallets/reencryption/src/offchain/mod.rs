//! The off-chain worker. At each block, for every `nkms` key in the node's keystore that acts
//! for a staker, it
//!
//! 1. registers the node's Umbral public key for the staker when the chain has another one
//!    ([`Config::RegisterUmbralKey`], signed by the `nkms` key);
//! 2. answers the staker's pending requests ([`NodeRequests`]): its key fragment of the policy
//!    is decrypted with the node's Umbral secret and checked with `KeyFrag::verify` once, then
//!    cached; every capsule is re-encrypted by umbral-pre (`reencrypt_with_rng`, seeded from the
//!    off-chain random seed) and one `submit_cfrags` is sent, an ordinary signed transaction of
//!    the `nkms` key.
//!
//! A lock in off-chain storage keeps two workers from running at once, and the record of sent
//! answers (persistent, so it survives restarts) keeps a request from being answered twice; an
//! answer that did not make it on chain is sent again after [`RESEND_AFTER`] blocks.

mod kfrags;
mod node_key;
mod submissions;

use alloc::vec::Vec;
use frame_system::{
	offchain::{AppCrypto, CreateTransactionBase},
	pallet_prelude::BlockNumberFor,
};
use nkms_primitives::{
	umbral_pre::{reencrypt_with_rng, SecretKey, VerifiedKeyFrag},
	UmbralError, UmbralPublicKey,
};
use rand_chacha::{rand_core::SeedableRng, ChaCha20Rng};
use sp_runtime::{
	offchain::storage_lock::{BlockAndTime, StorageLock},
	traits::{Convert, IdentifyAccount, Saturating},
	RuntimeAppPublic,
};

pub use submissions::RESEND_AFTER;

#[cfg(test)]
mod tests;
use submissions::{Answered, Sender};

use crate::*;

/// The log target of the worker.
const LOG_TARGET: &str = "runtime::nkms-reencryption";
/// The lock that keeps two workers from running at once.
const LOCK_KEY: &[u8] = b"nkms/reencryption/worker-lock";
/// A lock left by a worker that died expires after this many blocks and milliseconds.
const LOCK_BLOCKS: u32 = 3;
const LOCK_MILLIS: u64 = 20_000;
/// Requests answered per staker and block at most; the others wait for the next block.
pub const MAX_ANSWERS_PER_BLOCK: usize = 16;

/// Why the worker does not answer a request.
enum AnswerError {
	/// The request is gone, or its deadline is too close for an answer to land.
	TooLate,
	/// The policy was revoked or expired.
	PolicyNotLive,
	/// The node's key fragment is missing or wrong.
	Kfrag(kfrags::KfragError),
	/// A capsule or fragment does not convert.
	Umbral(UmbralError),
}

impl core::fmt::Display for AnswerError {
	fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
		match self {
			Self::TooLate => f.write_str("its deadline is too close"),
			Self::PolicyNotLive => f.write_str("its policy was revoked or expired"),
			Self::Kfrag(error) => write!(f, "the key fragment: {error}"),
			Self::Umbral(error) => write!(f, "{error}"),
		}
	}
}

/// The runtime's call type, which the worker's transactions carry.
type RuntimeCallOf<T> = <T as CreateTransactionBase<Call<T>>>::RuntimeCall;

impl<T: Config> Pallet<T> {
	pub(crate) fn run_offchain_worker(now: BlockNumberFor<T>) {
		let mut lock =
			StorageLock::<BlockAndTime<frame_system::Pallet<T>>>::with_block_and_time_deadline(
				LOCK_KEY,
				LOCK_BLOCKS,
				sp_runtime::offchain::Duration::from_millis(LOCK_MILLIS),
			);
		let Ok(_guard) = lock.try_lock() else {
			log::debug!(target: LOG_TARGET, "the worker of an earlier block is still running");
			return;
		};
		kfrags::forget_ended::<T>();
		let local_keys = Self::local_node_keys();
		if local_keys.is_empty() {
			return;
		}
		let Some(secret) = node_key::secret_key() else {
			log::error!(target: LOG_TARGET, "the node's Umbral key is unreadable");
			return;
		};
		let Ok(umbral_key) = UmbralPublicKey::from_umbral(&secret.public_key()) else {
			return;
		};
		for (public, account, staker) in local_keys {
			let mut sender = Sender::<T>::new(public, account);
			if T::Nodes::umbral_key_of(&staker) != Some(umbral_key) {
				Self::register_umbral_key(&mut sender, &staker, umbral_key, now);
			}
			Self::answer_requests(&mut sender, &staker, &secret, now);
		}
	}

	/// The `nkms` keys in the node's keystore that act for a staker: key, its account and the
	/// staker.
	fn local_node_keys() -> Vec<(T::Public, T::AccountId, T::AccountId)> {
		<T::AuthorityId as AppCrypto<T::Public, T::Signature>>::RuntimeAppPublic::all()
			.into_iter()
			.filter_map(|key| {
				let generic: <T::AuthorityId as AppCrypto<T::Public, T::Signature>>::GenericPublic =
					key.into();
				let public: T::Public = generic.into();
				let account = public.clone().into_account();
				let staker = T::Nodes::staker_acting_as(&account)?;
				Some((public, account, staker))
			})
			.collect()
	}

	fn register_umbral_key(
		sender: &mut Sender<T>,
		staker: &T::AccountId,
		key: UmbralPublicKey,
		now: BlockNumberFor<T>,
	) {
		if submissions::registration_in_flight::<T>(staker, &key, now) {
			return;
		}
		match sender.send(T::RegisterUmbralKey::convert(key)) {
			Ok(()) => {
				submissions::record_registration::<T>(staker, &key, now);
				log::info!(target: LOG_TARGET, "registering Umbral key {key:?} for {staker:?}");
			},
			Err(error) => log::warn!(target: LOG_TARGET, "Umbral key not registered: {error}"),
		}
	}

	fn answer_requests(
		sender: &mut Sender<T>,
		staker: &T::AccountId,
		secret: &SecretKey,
		now: BlockNumberFor<T>,
	) {
		let pending: Vec<RequestId> = NodeRequests::<T>::iter_key_prefix(staker).collect();
		let mut answered = Answered::<T>::load(staker, &pending);
		let mut sent = 0;
		for id in pending {
			if sent == MAX_ANSWERS_PER_BLOCK {
				break;
			}
			if answered.in_flight(id, now) {
				continue;
			}
			let call = match Self::answer(staker, secret, id, now) {
				Ok(call) => call,
				Err(error) => {
					log::warn!(target: LOG_TARGET, "not answering request {id}: {error}");
					continue;
				},
			};
			if let Err(error) = sender.send(RuntimeCallOf::<T>::from(call)) {
				log::warn!(target: LOG_TARGET, "answer to request {id} not sent: {error}");
				break;
			}
			answered.record(id, now);
			sent += 1;
			log::info!(target: LOG_TARGET, "answered request {id} for {staker:?}");
		}
		answered.save();
	}

	/// `staker`'s answer to request `id`: one fragment per capsule.
	fn answer(
		staker: &T::AccountId,
		secret: &SecretKey,
		id: RequestId,
		now: BlockNumberFor<T>,
	) -> Result<Call<T>, AnswerError> {
		let request = Requests::<T>::get(id).ok_or(AnswerError::TooLate)?;
		// The answer lands in a later block, which must come before the deadline.
		if now.saturating_add(1u32.into()) >= request.deadline {
			return Err(AnswerError::TooLate);
		}
		let policy = T::Policies::live_policy(&request.policy).ok_or(AnswerError::PolicyNotLive)?;
		let kfrag = kfrags::verified_kfrag::<T>(&request.policy, staker, &policy, secret)
			.map_err(AnswerError::Kfrag)?;
		let mut rng = ChaCha20Rng::from_seed(sp_io::offchain::random_seed());
		let cfrags = reencrypt_capsules::<T>(&mut rng, &request.capsules, &kfrag)
			.map_err(AnswerError::Umbral)?;
		Ok(Call::submit_cfrags { id, cfrags })
	}
}

/// The work of an answer: one fragment of each of `capsules` with `kfrag`, in order, made by
/// umbral-pre's constant-time `reencrypt_with_rng`.
pub fn reencrypt_capsules<T: Config>(
	rng: &mut ChaCha20Rng,
	capsules: &CapsulesOf<T>,
	kfrag: &VerifiedKeyFrag,
) -> Result<CfragsOf<T>, UmbralError> {
	let cfrags = capsules
		.iter()
		.map(|capsule| {
			let cfrag = reencrypt_with_rng(rng, &capsule.to_umbral()?, kfrag.clone());
			CapsuleFragBytes::from_umbral(&cfrag.unverify())
		})
		.collect::<Result<Vec<_>, _>>()?;
	// As many fragments as capsules, so within the same bound.
	CfragsOf::<T>::try_from(cfrags).map_err(|_| UmbralError::Malformed)
}
