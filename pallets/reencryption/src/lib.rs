//! # NKMS re-encryption
//!
//! Bob asks the chain to re-encrypt capsules under a policy; each node of the policy
//! re-encrypts them in its off-chain worker and submits one capsule fragment per capsule; the
//! runtime verifies every fragment before it keeps it; Bob decrypts once `m` verified
//! fragments of each capsule are on chain. A wrong fragment is proof of misbehaviour and
//! slashes its submitter; silence past the deadline costs the node its fees for the window and,
//! repeated, stake. NuCypher's Adjudicator was meant to do this and was never fed.
//!
//! ## Requests
//!
//! [`Pallet::request_reencryption`] takes a live policy's id (one that `m` of its nodes have
//! accepted) and up to [`Config::MaxCapsulesPerRequest`] capsules, each of which must decode.
//! Only the policy's requester may ask if it names one. The request records the policy's nodes
//! that accepted and still serve at that block,
//! is due [`Config::ResponseWindow`] blocks later, and holds a deposit from the requester of
//! `DepositBase + DepositPerByte * bytes`, where `bytes` is the request's largest encoded size
//! plus `m` largest answers and the index entries ([`Pallet::deposit_for`]), until the request
//! and its fragments are removed. At most [`Config::MaxRequestsPerBlock`] requests fall due at
//! one block.
//!
//! ## Answers
//!
//! [`Pallet::submit_cfrags`] is sent by a node of the request's policy (signed by its staker
//! account or by its `nkms` session key) with the request's [`Request::digest`] and one
//! fragment per capsule. It is refused, with its own error each, for an unknown request, for a
//! digest of another request (an answer made on a fork where the id stands for another
//! request), after the deadline, once the policy is revoked or expired (no fragment is accepted
//! from the revocation block on), from a node that is not (or no longer) one of the policy's,
//! for a second attempt of one node, once the request has its `m` answers, for a wrong number
//! of fragments, and from a node slashed below the minimum stake. An answer that passes these
//! checks (`Pallet::check_answer`) pays no fee (`feeless_if`), whatever its fragments: it is
//! the node's one attempt. The runtime refuses an answer that fails them as a transaction, so
//! nobody pays a fee for it. Every fragment is verified against its capsule
//! and the policy's verifying, delegating and receiving keys exactly as umbral-pre's
//! `CapsuleFrag::verify` decides, and must be made with the key fragment whose id Alice named
//! for the node (so a copy of another node's fragment fails, and a request is never fulfilled
//! by fewer than `m` distinct key fragments): [`nkms_primitives::verify_answer`], which has the
//! host's secp256k1 recovery do the curve arithmetic. A valid answer is stored. A fragment that
//! fails slashes the node [`Config::WrongFragmentSlash`] of its held stake through the staking
//! pallet (reason `IncorrectReencryption`), is named with the reason in
//! [`Event::FragmentRejected`], and the answer is discarded; the call succeeds so that the
//! slash stands. The request is fulfilled when its `m`-th node answers: only `m` answers go on
//! chain, and the nodes that had yet to answer are released (they owe nothing, and their
//! answers are no longer valid transactions).
//!
//! A node's off-chain worker sends its answers with [`Pallet::submit_node_answer`]: a general
//! transaction without an account nonce, authorized by the signature of the node's `nkms` key
//! over the answer and the chain's genesis hash ([`Pallet::answer_message`]), valid under the
//! same checks and feeless, so that an answer the chain no longer awaits holds up none of the
//! node's other transactions.
//!
//! ## Deadlines
//!
//! At a request's deadline (in `on_initialize`, bounded by `MaxRequestsPerBlock`):
//!
//! - if the policy is no longer live the request is cancelled and nobody is penalised;
//! - otherwise each node that still serves the policy and neither answered nor was released
//!   forfeits its fee for the window `[created, deadline)` (reported to the policy pallet), and
//!   gets a strike unless its answer was rejected (it was slashed for it). A fulfilled request
//!   has no silent node. [`Config::StrikeLimit`] strikes within
//!   [`Config::StrikeWindow`] blocks slash [`Config::LivenessSlash`] of its held stake (reason
//!   `Unresponsive`) and start its count anew. A node that left the policy owes nothing;
//! - an unfulfilled request expires.
//!
//! The request and its fragments stay readable for [`Config::RetentionPeriod`] blocks after
//! the deadline, then are removed in `on_initialize` and the deposit goes back to the
//! requester. A node that neither accepts nor declines
//! a proposed arrangement in time gets a strike too (this pallet is the policy pallet's
//! `Liveness`).
//!
//! ## Off-chain worker
//!
//! Each node's off-chain worker ([`offchain`]) derives the node's Umbral key pair from a key in
//! its keystore, registers the public key with its proof of possession through
//! [`Config::RegisterUmbralKey`] whenever the chain has another, checks each proposed
//! arrangement's key fragment with the chain's own verifier and accepts or declines it
//! ([`Config::PolicyCalls`]), and answers the requests in [`NodeRequests`], checking every
//! answer with the chain's verifier before it sends it, signed by its `nkms` key
//! ([`Config::AuthorityId`]): decisions as signed transactions, answers without a nonce.
//!
//! ## For clients
//!
//! Clients use [`runtime_api::NkmsReencryptionApi`]: a request's status, deadline and verified
//! fragments per capsule, and the requests of a policy.

#![cfg_attr(not(feature = "std"), no_std)]
// Runtime code never panics; tests may.
#![cfg_attr(
	not(test),
	deny(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic)
)]

extern crate alloc;

mod deadlines;
mod dispatchable_impls;
pub mod offchain;
pub mod runtime_api;
pub mod types;
pub mod weights;

#[cfg(feature = "runtime-benchmarks")]
pub mod benchmarking;
#[cfg(any(test, feature = "try-runtime"))]
mod invariants;
#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;

pub use pallet::*;
pub use types::*;
pub use weights::WeightInfo;

pub use nkms_primitives::{
	policy::{LivePolicy, Liveness, NodeDecision, Policies, PolicyId, PolicyKeys},
	staking::{NodeRegistry, SlashStake},
	verify_answer, CapsuleBytes, CapsuleFragBytes, CfragVerificationError, KeyFragId,
	RejectedFragment, UmbralPublicKey, UmbralSignature,
};

// FRAME's macros expand to `expect()` calls.
#[allow(clippy::expect_used)]
#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use frame_support::{
		pallet_prelude::*,
		traits::fungible::{self, MutateHold},
	};
	use frame_system::{
		offchain::{
			AppCrypto, CreateAuthorizedTransaction, CreateSignedTransaction, CreateTransactionBase,
		},
		pallet_prelude::*,
	};
	use sp_runtime::{
		traits::{Convert, IdentifyAccount},
		Perbill,
	};

	/// The storage layout's version; a change to it ships with a migration.
	const STORAGE_VERSION: StorageVersion = StorageVersion::new(0);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config:
		frame_system::Config
		+ CreateSignedTransaction<Call<Self>>
		+ CreateAuthorizedTransaction<Call<Self>>
	{
		/// The currency of request deposits.
		type Currency: fungible::Mutate<Self::AccountId>
			+ MutateHold<Self::AccountId, Reason = Self::RuntimeHoldReason>;

		/// The overarching hold reason.
		type RuntimeHoldReason: From<HoldReason>;

		/// The live policies, and where missed requests are reported (the policy pallet).
		type Policies: Policies<Self::AccountId, BlockNumberFor<Self>>;

		/// The staked nodes and their `nkms` session keys (the staking pallet).
		type Nodes: NodeRegistry<Self::AccountId>;

		/// Slashes misbehaving nodes (the staking pallet).
		type Slashing: SlashStake<Self::AccountId, Balance = BalanceOf<Self>>;

		/// Capsules per request at most.
		#[pallet::constant]
		type MaxCapsulesPerRequest: Get<u32>;

		/// Nodes per policy at most: the policy pallet's `MaxShares`.
		#[pallet::constant]
		type MaxShares: Get<u32>;

		/// Requests falling due at one block at most.
		#[pallet::constant]
		type MaxRequestsPerBlock: Get<u32>;

		/// Blocks from a request to its deadline.
		#[pallet::constant]
		type ResponseWindow: Get<BlockNumberFor<Self>>;

		/// Blocks after the deadline during which a request and its fragments stay readable.
		#[pallet::constant]
		type RetentionPeriod: Get<BlockNumberFor<Self>>;

		/// Strikes within `StrikeWindow` blocks that slash a node for silence.
		#[pallet::constant]
		type StrikeLimit: Get<u32>;

		/// Blocks a strike counts for.
		#[pallet::constant]
		type StrikeWindow: Get<BlockNumberFor<Self>>;

		/// The part of its held stake a node loses at `StrikeLimit` strikes.
		#[pallet::constant]
		type LivenessSlash: Get<Perbill>;

		/// The part of its held stake a node loses for a fragment that fails verification.
		#[pallet::constant]
		type WrongFragmentSlash: Get<Perbill>;

		/// The deposit of any request.
		#[pallet::constant]
		type DepositBase: Get<BalanceOf<Self>>;

		/// The deposit per byte of a request and the answers it may receive.
		#[pallet::constant]
		type DepositPerByte: Get<BalanceOf<Self>>;

		/// The `nkms` session key, which the off-chain worker signs its transactions with.
		type AuthorityId: AppCrypto<Self::Public, Self::Signature>;

		/// Makes the call that registers a node's Umbral public key, with its proof of
		/// possession, for the staker its signer acts for (the staking pallet's
		/// `set_umbral_key`); the off-chain worker sends it.
		type RegisterUmbralKey: Convert<
			(UmbralPublicKey, UmbralSignature),
			<Self as CreateTransactionBase<Call<Self>>>::RuntimeCall,
		>;

		/// Makes the call of a node's decision on one of its arrangements (the policy pallet's
		/// `accept_arrangement`, `decline_arrangement` and `leave_policy`); the off-chain worker
		/// sends it.
		type PolicyCalls: Convert<
			NodeDecision,
			<Self as CreateTransactionBase<Call<Self>>>::RuntimeCall,
		>;

		/// Weights of this pallet's calls and hooks.
		type WeightInfo: WeightInfo;

		/// Sets up what benchmarks need from other pallets.
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: benchmarking::BenchmarkHelper<Self::AccountId, Self::Public>;
	}

	/// Why this pallet holds funds.
	#[pallet::composite_enum]
	pub enum HoldReason {
		/// The deposit of a request, until it is removed.
		#[codec(index = 0)]
		RequestDeposit,
	}

	/// The requests, until `RetentionPeriod` blocks after their deadline.
	#[pallet::storage]
	pub type Requests<T: Config> = StorageMap<_, Twox64Concat, RequestId, RequestOf<T>>;

	/// The id the next request gets.
	#[pallet::storage]
	pub type NextRequestId<T: Config> = StorageValue<_, RequestId, ValueQuery>;

	/// Each node's verified fragments for each request it answered, one per capsule.
	#[pallet::storage]
	pub type Answers<T: Config> =
		StorageDoubleMap<_, Twox64Concat, RequestId, Blake2_128Concat, T::AccountId, CfragsOf<T>>;

	/// The requests each node has yet to answer, until it answers or the deadline passes: what
	/// its off-chain worker reads.
	#[pallet::storage]
	pub type NodeRequests<T: Config> =
		StorageDoubleMap<_, Blake2_128Concat, T::AccountId, Twox64Concat, RequestId, ()>;

	/// The requests of each policy, while they are stored.
	#[pallet::storage]
	pub type PolicyRequests<T: Config> =
		StorageDoubleMap<_, Blake2_128Concat, PolicyId, Twox64Concat, RequestId, ()>;

	/// The requests due at each block; kept until `RetentionPeriod` blocks later, when they are
	/// removed.
	#[pallet::storage]
	pub type Deadlines<T: Config> = StorageMap<
		_,
		Twox64Concat,
		BlockNumberFor<T>,
		BoundedVec<RequestId, T::MaxRequestsPerBlock>,
		ValueQuery,
	>;

	/// Each node's strikes (their blocks) within the last `StrikeWindow` blocks; removed when
	/// they lapse or are slashed.
	#[pallet::storage]
	pub type Strikes<T: Config> = StorageMap<
		_,
		Blake2_128Concat,
		T::AccountId,
		BoundedVec<BlockNumberFor<T>, T::StrikeLimit>,
		ValueQuery,
	>;

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// `requester` asked for `capsules` capsules of policy `policy` to be re-encrypted by
		/// `deadline`, holding `deposit`.
		ReencryptionRequested {
			id: RequestId,
			policy: PolicyId,
			requester: T::AccountId,
			capsules: u32,
			deadline: BlockNumberFor<T>,
			deposit: BalanceOf<T>,
		},
		/// `node`'s fragments for request `id` passed verification and are on chain.
		FragmentsAccepted { id: RequestId, node: T::AccountId },
		/// `node`'s fragment for capsule `capsule` of request `id` failed verification for
		/// `reason`: its answer was discarded and `slashed` of its stake taken.
		FragmentRejected {
			id: RequestId,
			node: T::AccountId,
			capsule: u32,
			reason: CfragVerificationError,
			slashed: BalanceOf<T>,
		},
		/// Request `id` has `m` verified fragments of every capsule.
		RequestFulfilled { id: RequestId },
		/// Request `id` reached its deadline: it was `status` then (fulfilled, expired or
		/// cancelled).
		RequestClosed { id: RequestId, status: RequestStatus<BlockNumberFor<T>> },
		/// `node` stayed silent on `cause` (a request it did not answer by its deadline, for
		/// which it forfeits its fee for the response window, or an arrangement it did not decide
		/// on): it has `strikes` strikes now.
		StrikeRecorded { node: T::AccountId, cause: Silence, strikes: u32 },
		/// `node` reached `StrikeLimit` strikes: `slashed` of its stake was taken.
		SlashedForSilence { node: T::AccountId, slashed: BalanceOf<T> },
		/// Request `id` and its fragments were removed, `RetentionPeriod` after its deadline,
		/// and `deposit` went back to the requester.
		RequestRemoved { id: RequestId, deposit: BalanceOf<T> },
	}

	#[pallet::error]
	pub enum Error<T> {
		/// No capsules were given.
		NoCapsules,
		/// A capsule does not decode.
		InvalidCapsule,
		/// No live policy has this id: unknown, revoked or expired.
		PolicyNotLive,
		/// The policy names another account as its one requester.
		RequesterNotAllowed,
		/// `MaxRequestsPerBlock` requests already fall due at this request's deadline.
		TooManyRequests,
		/// The requester cannot pay the deposit.
		InsufficientBalance,
		/// The policy has more nodes than `MaxShares`.
		TooManyNodes,
		/// No request has this id.
		UnknownRequest,
		/// The request's deadline has passed.
		DeadlinePassed,
		/// The caller is neither a node of the request's policy that still serves it nor such a
		/// node's `nkms` session key.
		NotPolicyNode,
		/// The node has already answered this request.
		AlreadyAnswered,
		/// The request has its `m` answers: no more are taken.
		AlreadyFulfilled,
		/// The answer does not have one fragment per capsule.
		WrongFragmentCount,
		/// The answer names another request than the one stored under its id (made on another
		/// fork).
		RequestMismatch,
		/// The node's stake is below the minimum: it answers nothing more.
		StakeBelowMinimum,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn on_initialize(now: BlockNumberFor<T>) -> Weight {
			Self::on_deadlines(now)
		}

		fn offchain_worker(now: BlockNumberFor<T>) {
			Self::run_offchain_worker(now)
		}

		fn integrity_test() {
			assert!(T::MaxCapsulesPerRequest::get() > 0, "MaxCapsulesPerRequest must not be zero");
			assert!(T::MaxShares::get() <= u8::MAX as u32, "the threshold is a u8");
			assert!(!T::ResponseWindow::get().is_zero(), "ResponseWindow must not be zero");
			assert!(T::StrikeLimit::get() > 0, "StrikeLimit must not be zero");
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Asks the nodes of policy `policy` to re-encrypt `capsules`.
		///
		/// - `origin`: signed by the requester (Bob, or anyone if the policy names nobody), who
		///   holds the deposit until the request is removed.
		/// - `policy`: the id of a live policy.
		/// - `capsules`: up to `MaxCapsulesPerRequest` capsules in umbral-pre's bytes.
		///
		/// Emits `ReencryptionRequested`.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::request_reencryption(capsules.len() as u32))]
		pub fn request_reencryption(
			origin: OriginFor<T>,
			policy: PolicyId,
			capsules: CapsulesOf<T>,
		) -> DispatchResult {
			let requester = ensure_signed(origin)?;
			Self::do_request_reencryption(requester, policy, capsules)
		}

		/// Answers request `id` with one capsule fragment per capsule, each verified on chain.
		///
		/// - `origin`: signed by a node of the request's policy that still serves it, or by its
		///   `nkms` session key, with at least the minimum stake. A node has one attempt per
		///   request; that attempt is feeless whatever its fragments (a wrong one costs the
		///   slash), and a transaction that would fail before verification is not valid at all.
		/// - `id`: a request whose deadline has not passed, of a live policy.
		/// - `digest`: the request's [`Request::digest`], so that an answer made on another fork
		///   binds nothing here.
		/// - `cfrags`: the fragments in the order of the request's capsules, in umbral-pre's
		///   bytes.
		///
		/// Emits `FragmentsAccepted`, and `RequestFulfilled` for the `m`-th answer; or
		/// `FragmentRejected` for the first fragment that fails, after slashing the node.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::submit_cfrags(cfrags.len() as u32)
			.max(T::WeightInfo::submit_wrong_cfrag(cfrags.len() as u32)))]
		#[pallet::feeless_if(|origin: &OriginFor<T>, id: &RequestId, digest: &RequestDigest, cfrags: &CfragsOf<T>| -> bool {
			Pallet::<T>::is_awaited_answer(origin, *id, digest, cfrags.len())
		})]
		pub fn submit_cfrags(
			origin: OriginFor<T>,
			id: RequestId,
			digest: RequestDigest,
			cfrags: CfragsOf<T>,
		) -> DispatchResultWithPostInfo {
			let caller = ensure_signed(origin)?;
			Self::do_submit_cfrags(caller, id, digest, cfrags)
		}

		/// A node's answer sent without an account nonce, as its off-chain worker sends it: a
		/// general transaction authorized by the signature of the node's `nkms` key over
		/// [`Pallet::answer_message`], so that an answer the chain no longer awaits (the request
		/// was fulfilled, the policy revoked) holds up none of the node's other answers.
		///
		/// - `origin`: authorized ([`Pallet::authorize_answer`]): valid only while the
		///   answer passes [`Pallet::check_answer`] and until `answer.valid_until`, on this chain,
		///   and once per node and request; it pays no fee.
		/// - `answer`: the answer and the key that signed it.
		/// - `signature`: the key's signature of [`Pallet::answer_message`].
		///
		/// Emits what `submit_cfrags` emits.
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::submit_cfrags(answer.cfrags.len() as u32)
			.max(T::WeightInfo::submit_wrong_cfrag(answer.cfrags.len() as u32)))]
		#[pallet::authorize(Pallet::<T>::authorize_answer)]
		#[pallet::weight_of_authorize(
			T::WeightInfo::authorize_submit_node_answer(answer.cfrags.len() as u32)
		)]
		pub fn submit_node_answer(
			origin: OriginFor<T>,
			answer: NodeAnswerOf<T>,
			_signature: T::Signature,
		) -> DispatchResultWithPostInfo {
			ensure_authorized(origin)?;
			let NodeAnswer { id, digest, cfrags, key, .. } = answer;
			Self::do_submit_cfrags(key.into_account(), id, digest, cfrags)
		}
	}
}
