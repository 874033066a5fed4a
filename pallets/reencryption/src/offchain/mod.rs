//! The off-chain worker. At each block, for every `nkms` key in the node's keystore that acts
//! for a staker, it
//!
//! 1. registers the node's Umbral public key for the staker when the chain has another one
//!    ([`Config::RegisterUmbralKey`], with the key's proof of possession, signed by the `nkms`
//!    key);
//! 2. decides on the staker's proposed arrangements ([`Policies::proposals`]): it decrypts its
//!    key fragment and checks it with the chain's own verifier
//!    ([`nkms_primitives::check_key_fragment`]), then accepts, or declines naming the fault
//!    ([`Config::PolicyCalls`]);
//! 3. answers the staker's pending requests ([`NodeRequests`]), the earliest deadline first,
//!    at most [`MAX_ANSWERS_PER_BLOCK`] a block: its key fragment is decrypted from the chain,
//!    every capsule is re-encrypted by umbral-pre (`reencrypt_with_rng`, seeded from the
//!    off-chain random seed), and the answer is checked with the chain's own [`verify_answer`]
//!    before one `submit_node_answer` is sent: a general transaction authorized by the `nkms`
//!    key's signature of the answer, which takes no account nonce, so an answer the chain no
//!    longer awaits (fulfilled by others meanwhile) holds up none of the others. An answer
//!    that fails is never sent: the node leaves the policy at once, naming the fault.
//!
//! The node's Umbral secret key never touches the off-chain database (see `node_key.rs`), and
//! no key fragment is cached there: a write to it cannot make the node sign anything. A lock in
//! off-chain storage keeps two workers from running at once, and the records of what was sent
//! (persistent, so they survive restarts) keep anything from being sent twice; what did not
//! make it on chain is sent again after [`RESEND_AFTER`] blocks.

mod node_key;
mod submissions;

use alloc::vec::Vec;
use frame_system::{offchain::AppCrypto, pallet_prelude::BlockNumberFor};
use nkms_primitives::{
	check_key_fragment,
	policy::{KfragFault, NodeDecision, Proposal},
	staking::umbral_key_proof_message,
	umbral_pre::{reencrypt_with_rng, SecretKey, Signer, VerifiedKeyFrag},
	UmbralError, UmbralPublicKey, UmbralSignature,
};
use rand_chacha::{rand_core::SeedableRng, ChaCha20Rng};
use sp_runtime::{
	offchain::storage_lock::{BlockAndTime, StorageLock},
	traits::{Convert, IdentifyAccount, Saturating, Zero},
	RuntimeAppPublic,
};

pub use submissions::RESEND_AFTER;

#[cfg(test)]
mod tests;
use submissions::{Sender, Sent, ANSWERS, DECISIONS};

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
	/// The request's deadline is too close for an answer to land.
	TooLate,
	/// The policy was revoked or expired.
	PolicyNotLive,
	/// The node's key fragment makes answers the chain rejects: it leaves the policy.
	Faulty(PolicyId, KfragFault),
	/// A capsule or fragment does not convert.
	Umbral(UmbralError),
}

impl core::fmt::Display for AnswerError {
	fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
		match self {
			Self::TooLate => f.write_str("its deadline is too close"),
			Self::PolicyNotLive => f.write_str("its policy was revoked or expired"),
			Self::Faulty(_, fault) => write!(f, "the key fragment is faulty: {fault:?}"),
			Self::Umbral(error) => write!(f, "{error}"),
		}
	}
}

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
		let local_keys = Self::local_node_keys();
		if local_keys.is_empty() {
			return;
		}
		let registered: Vec<UmbralPublicKey> = local_keys
			.iter()
			.filter_map(|(_, _, staker)| T::Nodes::umbral_key_of(staker))
			.collect();
		let Some(secret) = node_key::secret_key(&registered) else {
			log::error!(target: LOG_TARGET, "the keystore does not hold the node's Umbral root key");
			return;
		};
		let Ok(umbral_key) = UmbralPublicKey::from_umbral(&secret.public_key()) else {
			return;
		};
		let mut rng = ChaCha20Rng::from_seed(sp_io::offchain::random_seed());
		for (public, account, staker) in local_keys {
			let mut sender = Sender::<T>::new(public, account);
			if T::Nodes::umbral_key_of(&staker) != Some(umbral_key) {
				Self::register_umbral_key(&mut sender, &staker, &secret, &mut rng, now);
			}
			let mut decided = Sent::<T, PolicyId>::load(DECISIONS, &staker, now);
			Self::decide_on_proposals(&mut sender, &mut decided, &staker, &secret, &mut rng, now);
			Self::answer_requests(&mut sender, &mut decided, &staker, &secret, &mut rng, now);
			decided.save();
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

	/// Registers the key of `secret` for `staker`, with its proof of possession.
	fn register_umbral_key(
		sender: &mut Sender<T>,
		staker: &T::AccountId,
		secret: &SecretKey,
		rng: &mut ChaCha20Rng,
		now: BlockNumberFor<T>,
	) {
		let Ok(key) = UmbralPublicKey::from_umbral(&secret.public_key()) else { return };
		if submissions::registration_in_flight::<T>(staker, &key, now) {
			return;
		}
		let genesis = frame_system::Pallet::<T>::block_hash(BlockNumberFor::<T>::zero());
		let message = umbral_key_proof_message(staker, genesis.as_ref());
		let signature = Signer::new(secret.clone()).sign_with_rng(rng, &message);
		let Ok(proof) = UmbralSignature::from_umbral(&signature) else { return };
		match sender.send(T::RegisterUmbralKey::convert((key, proof))) {
			Ok(()) => {
				submissions::record_registration::<T>(staker, &key, now);
				log::info!(target: LOG_TARGET, "registering Umbral key {key:?} for {staker:?}");
			},
			Err(error) => log::warn!(target: LOG_TARGET, "Umbral key not registered: {error}"),
		}
	}

	/// Checks the key fragment of each of `staker`'s proposed arrangements and accepts or
	/// declines it.
	fn decide_on_proposals(
		sender: &mut Sender<T>,
		decided: &mut Sent<T, PolicyId>,
		staker: &T::AccountId,
		secret: &SecretKey,
		rng: &mut ChaCha20Rng,
		now: BlockNumberFor<T>,
	) {
		for proposal in T::Policies::proposals(staker) {
			if decided.in_flight(&proposal.policy) {
				continue;
			}
			let decision = Self::decide(&proposal, secret, rng);
			match sender.send(T::PolicyCalls::convert(decision.clone())) {
				Ok(()) => {
					decided.record(proposal.policy, now);
					log::info!(target: LOG_TARGET, "for {staker:?}: {decision:?}");
				},
				Err(error) => {
					log::warn!(target: LOG_TARGET, "decision not sent: {error}");
					break;
				},
			}
		}
	}

	/// The node's decision on `proposal`: accept if its key fragment passes every check of the
	/// chain, else decline naming the first fault.
	fn decide(
		proposal: &Proposal<BlockNumberFor<T>>,
		secret: &SecretKey,
		rng: &mut ChaCha20Rng,
	) -> NodeDecision {
		let (policy, digest) = (proposal.policy, proposal.digest());
		match check_key_fragment(rng, &proposal.kfrag, secret, &proposal.keys, &proposal.kfrag_id) {
			Ok(_) => NodeDecision::Accept { policy, digest },
			Err(fault) => NodeDecision::Decline { policy, digest, fault },
		}
	}

	fn answer_requests(
		sender: &mut Sender<T>,
		decided: &mut Sent<T, PolicyId>,
		staker: &T::AccountId,
		secret: &SecretKey,
		rng: &mut ChaCha20Rng,
		now: BlockNumberFor<T>,
	) {
		let mut answered = Sent::<T, RequestId>::load(ANSWERS, staker, now);
		let mut pending: Vec<(RequestId, RequestOf<T>)> =
			NodeRequests::<T>::iter_key_prefix(staker)
				.filter(|id| !answered.in_flight(id))
				.filter_map(|id| Requests::<T>::get(id).map(|request| (id, request)))
				.collect();
		// The earliest deadline first (then the oldest request), so that none is starved.
		pending.sort_unstable_by_key(|(id, request)| (request.deadline, *id));
		for (id, request) in pending.into_iter().take(MAX_ANSWERS_PER_BLOCK) {
			let sent = match Self::answer(staker, secret, rng, id, request, now) {
				Ok((digest, cfrags)) => sender.send_answer(id, digest, cfrags, now),
				Err(AnswerError::Faulty(policy, fault)) => {
					log::error!(
						target: LOG_TARGET,
						"not answering request {id}: fragments of {staker:?}'s key fragment of \
						 policy {policy:?} fail the chain's check ({fault:?}); leaving the policy"
					);
					if decided.in_flight(&policy) {
						continue;
					}
					decided.record(policy, now);
					sender.send(T::PolicyCalls::convert(NodeDecision::Leave { policy, fault }))
				},
				Err(error) => {
					log::warn!(target: LOG_TARGET, "not answering request {id}: {error}");
					continue;
				},
			};
			if let Err(error) = sent {
				log::warn!(target: LOG_TARGET, "transaction for request {id} not sent: {error}");
				break;
			}
			answered.record(id, now);
			log::info!(target: LOG_TARGET, "answered request {id} for {staker:?}");
		}
		answered.save();
	}

	/// `staker`'s answer to request `id`: its digest and one fragment per capsule, checked as
	/// the chain will check them.
	fn answer(
		staker: &T::AccountId,
		secret: &SecretKey,
		rng: &mut ChaCha20Rng,
		id: RequestId,
		request: RequestOf<T>,
		now: BlockNumberFor<T>,
	) -> Result<(RequestDigest, CfragsOf<T>), AnswerError> {
		// The answer lands in a later block, which must come before the deadline.
		if now.saturating_add(1u32.into()) >= request.deadline {
			return Err(AnswerError::TooLate);
		}
		let policy = T::Policies::live_policy(&request.policy).ok_or(AnswerError::PolicyNotLive)?;
		let faulty = |fault| AnswerError::Faulty(request.policy, fault);
		let kfrag_id = policy.kfrag_id_of(staker).ok_or(AnswerError::PolicyNotLive)?;
		let kfrag = T::Policies::encrypted_kfrag(&request.policy, staker)
			.ok_or(AnswerError::PolicyNotLive)?
			.decrypt(secret)
			.map_err(|_| faulty(KfragFault::Undecryptable))?
			.skip_verification();
		let cfrags =
			reencrypt_capsules::<T>(rng, &request.capsules, &kfrag).map_err(AnswerError::Umbral)?;
		verify_answer(&request.capsules, &cfrags, &policy.keys, kfrag_id)
			.map_err(|rejected| faulty(KfragFault::Rejected(rejected.reason)))?;
		Ok((request.digest(id), cfrags))
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
