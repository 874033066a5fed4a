//! # NKMS staking
//!
//! Re-encryption nodes are validators that stake NKMS. This pallet is NuCypher's StakingEscrow
//! rebuilt for a Substrate chain: stakers with enough stake form the validator set (block
//! production, finality and the pool of re-encryption nodes), and misbehaviour costs them stake.
//!
//! ## Stake
//!
//! - [`Pallet::bond`] puts at least [`Config::MinStake`] of the caller's free balance on hold
//!   (hold reason [`HoldReason::Staking`]; no locks) and makes the caller want to validate.
//!   [`Pallet::bond_extra`] adds to it.
//! - [`Pallet::unbond`] moves active stake into an unlocking chunk that
//!   [`Pallet::withdraw_unbonded`] releases [`Config::UnbondingPeriod`] blocks later;
//!   [`Pallet::rebond`] moves unlocking stake back, the latest chunk first. Unbonding may not
//!   leave active stake between zero and the minimum, and a node that still serves live
//!   policies ([`Config::PolicyObligations`]) may not unbond below the minimum at all. A staker whose
//!   active stake falls below the minimum is chilled.
//! - Everything held, unlocking chunks included, stays slashable until it is withdrawn. The
//!   ledger and the hold move together: a slash takes from the ledger exactly what it took from
//!   the hold, and a mismatch is reported as a defensive failure.
//! - A staker that holds nothing any more (withdrawn, or slashed to nothing) is removed with
//!   its Umbral key and slash history, as soon as it is in neither the current nor the next
//!   session's set (a node still elected is removed by the rotation that drops it).
//!
//! ## Candidates
//!
//! The stakers that want to validate (set by `bond` and [`Pallet::validate`], ended by
//! [`Pallet::chill`]) compete for the [`Candidates`] list: at most [`Config::MaxCandidates`]
//! entries, ranked by active stake (ties: the lower account first). On a full list a staker
//! with more active stake than the weakest candidate takes its place: the weakest leaves the
//! list ([`Event::CandidateEvicted`]), keeps its stake and its wish to validate, and comes back
//! by outranking the weakest candidate, at once when its stake grows (`bond_extra`, `rebond`)
//! or with `validate`. A staker that cannot enter waits ([`Event::Waiting`]). So no number of
//! smaller stakes can keep a larger one out. Nothing scans the waiting stakers: a place that
//! frees up goes to the first that acts.
//!
//! ## Node identity
//!
//! A node's session keys (Aura, GRANDPA and the `nkms` key of its off-chain worker) are set
//! with pallet-session's `set_keys`. [`Pallet::set_umbral_key`] stores the node's 33-byte
//! compressed Umbral public key, checked with umbral-pre and unique among stakers, with its
//! proof of possession: the key's Umbral signature of the staker and the chain's genesis hash
//! ([`nkms_primitives::staking::umbral_key_proof_message`]), so that nobody can register (squat)
//! another node's key. The staker or its `nkms` session key (as a signed origin) may set it;
//! the first change of a session to a new, valid key is free, later ones pay. [`NodeRegistry`] maps an `nkms` key back to its staker. The account of a candidate's
//! `nkms` key is kept alive by a sufficient reference ([`NodeKeyAccounts`]), taken when the
//! staker validates and at each election, moved when the key changes and dropped with the
//! staker, so that its node's off-chain worker can transact without anyone funding it. Genesis
//! stakers may come without Umbral keys (their nodes register them): they are elected for the
//! first two sessions regardless.
//!
//! ## Validator set
//!
//! The pallet is pallet-session's `SessionManager` (through the historical module). At each
//! rotation it elects the set of the session after the next: the first
//! [`Config::MaxValidators`] candidates in rank order that have at least the minimum stake,
//! session keys and an Umbral key. A chilled validator leaves the set one rotation later (the
//! next session's set is already queued). Sessions last [`SessionLength`] blocks, set at
//! genesis. pallet-session charges a whole block for a rotation; the pallet's
//! `integrity_test` checks that the measured worst case of its rotation work fits in it.
//!
//! ## Slashing
//!
//! [`SlashStake::slash`] (for other pallets) and GRANDPA equivocation reports (through
//! pallet-offences) take from a staker's held stake:
//!
//! 1. The amount is the given amount, or the given fraction of the held stake (active plus
//!    unlocking) rounded down, and never more than the held stake.
//! 2. It comes from active stake first, then from the unlocking chunks, the latest first.
//! 3. The reporter, if there is one, gets [`Config::RewardFraction`] of it, rounded down; the
//!    rest goes to [`Config::SlashDestination`] (burned when that is `()`). A reward the
//!    reporter's account cannot take (below the existential deposit) goes there too.
//! 4. The slash is kept in the staker's [`SlashHistory`] (the last [`Config::MaxSlashRecords`])
//!    with its reason, and a staker left with active stake below the minimum is chilled.
//!
//! An offence reported again with more offenders (pallet-offences then repeats the earlier
//! ones with a new fraction) slashes each offender only by what its fraction grew; the largest
//! fraction per session and offender is kept in [`OffenceSlashes`] for
//! [`Config::HistoryDepth`] sessions, as long as the offence can be reported. A report that
//! raises an offender's fraction from `a` to `f` slashes `(f - a) / (1 - a)` of what it still
//! holds, so the slashes of one offence take `f` of its stake. An equivocating validator is
//! also disabled for the rest of the session in which the offence is reported
//! ([`Config::ValidatorDisabling`]): Aura refuses its blocks.
//!
//! ## Rewards
//!
//! [`RewardNode::reward`] pays a staker from another account (policy fees). A per-session
//! reward ([`SessionReward`], zero by default, set by [`Config::AdminOrigin`]) is minted at the
//! end of each session and shared among its validators in proportion to their elected stake.
//!
//! ## Queries
//!
//! [`NodeRegistry`] for other pallets and the [`runtime_api::NkmsStakingApi`] for clients: is a
//! node active (one storage read), its stake and Umbral key, the active set with stakes, and a
//! stake-weighted sample of `n` distinct active nodes from a seed.
//!
//! ## Invariants
//!
//! Checked by `try_state` (feature `try-runtime`) and after every unit test:
//!
//! - each staker's balance held under [`HoldReason::Staking`] equals its ledger's total, and its
//!   unlocking chunks are non-zero and in strictly increasing block order;
//! - [`UmbralKeys`] and [`UmbralKeyOwners`] are inverse maps over stakers;
//! - [`Candidates`] is strictly in rank order (so unique), and each candidate is a staker that
//!   wants to validate, listed with its active stake;
//! - the active and planned sets are stakers, and [`ActiveStake`] indexes exactly the active
//!   set;
//! - slash histories belong to stakers.

#![cfg_attr(not(feature = "std"), no_std)]
// Runtime code never panics; tests may.
#![cfg_attr(
	not(test),
	deny(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic)
)]

extern crate alloc;

mod candidacy;
mod dispatchable_impls;
#[cfg(any(test, feature = "try-runtime"))]
mod invariants;
mod node_accounts;
mod queries;
pub mod runtime_api;
mod session_impls;
mod slashing;
pub mod types;
pub mod weights;

#[cfg(feature = "runtime-benchmarks")]
pub mod benchmarking;
#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;

pub use pallet::*;
pub use session_impls::StakerIdentification;
pub use slashing::DisableValidator;
pub use types::*;
pub use weights::WeightInfo;

pub use nkms_primitives::staking::{
	NodeKeyOwner, NodeRegistry, PolicyObligations, RewardNode, SampleError, SlashAmount,
	SlashReason, SlashStake,
};

/// Log target of this pallet.
const LOG_TARGET: &str = "runtime::nkms-staking";

// FRAME's macros expand to `expect()` calls.
#[allow(clippy::expect_used)]
#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use alloc::vec::Vec;
	use frame_support::{
		pallet_prelude::*,
		traits::{
			fungible::{self, MutateHold},
			OnUnbalanced, ValidatorRegistration,
		},
	};
	use frame_system::pallet_prelude::*;
	use nkms_primitives::{UmbralPublicKey, UmbralSignature};
	use sp_runtime::Perbill;
	use sp_staking::SessionIndex;

	/// The storage layout's version; a change to it ships with a migration.
	const STORAGE_VERSION: StorageVersion = StorageVersion::new(0);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: frame_system::Config {
		/// The staked currency; stake is held with [`HoldReason::Staking`].
		type Currency: fungible::Mutate<Self::AccountId>
			+ MutateHold<Self::AccountId, Reason = Self::RuntimeHoldReason>
			+ fungible::BalancedHold<Self::AccountId>;

		/// The overarching hold reason.
		type RuntimeHoldReason: From<HoldReason>;

		/// The least active stake that can validate, and the least first bond.
		#[pallet::constant]
		type MinStake: Get<BalanceOf<Self>>;

		/// Blocks from `unbond` until the stake can be withdrawn.
		#[pallet::constant]
		type UnbondingPeriod: Get<BlockNumberFor<Self>>;

		/// Unlocking chunks a staker may have at once.
		#[pallet::constant]
		type MaxUnlockingChunks: Get<u32>;

		/// Candidates (stakers that compete for the validator set) at most.
		#[pallet::constant]
		type MaxCandidates: Get<u32>;

		/// Size of the validator set at most.
		#[pallet::constant]
		type MaxValidators: Get<u32>;

		/// Slashes kept per staker.
		#[pallet::constant]
		type MaxSlashRecords: Get<u32>;

		/// The reporter's share of a slash.
		#[pallet::constant]
		type RewardFraction: Get<Perbill>;

		/// Sessions for which an offence can still be reported: the runtime keeps
		/// pallet-session's historical roots (the key-ownership proofs) as long. Offence
		/// records of older sessions are pruned.
		#[pallet::constant]
		type HistoryDepth: Get<SessionIndex>;

		/// Sessions last this many blocks unless genesis says otherwise.
		#[pallet::constant]
		type DefaultSessionLength: Get<BlockNumberFor<Self>>;

		/// Where slashed stake goes, the reporter's reward excepted (`()` burns it).
		type SlashDestination: OnUnbalanced<CreditOf<Self>>;

		/// Who may set the per-session reward.
		type AdminOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// Whether an account has session keys (pallet-session).
		type SessionKeys: ValidatorRegistration<Self::AccountId>;

		/// Who owns an `nkms` session key (pallet-session).
		type NodeKeyOwner: NodeKeyOwner<Self::AccountId>;

		/// Disables equivocating validators for the rest of the session (pallet-session).
		type ValidatorDisabling: DisableValidator<Self::AccountId>;

		/// Whether a node still serves live policies (the policy pallet).
		type PolicyObligations: PolicyObligations<Self::AccountId>;

		/// Weights of this pallet's calls and session work.
		type WeightInfo: WeightInfo;

		/// Sets up what benchmarks need from other pallets.
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: benchmarking::BenchmarkHelper<Self::AccountId>;
	}

	/// Why this pallet holds funds.
	#[pallet::composite_enum]
	pub enum HoldReason {
		/// Bonded stake, active or unlocking.
		#[codec(index = 0)]
		Staking,
	}

	/// Each staker's held stake. A staker is removed once it holds nothing and is not elected.
	#[pallet::storage]
	pub type Ledger<T: Config> = StorageMap<_, Blake2_128Concat, T::AccountId, LedgerOf<T>>;

	/// Each staker's Umbral public key.
	#[pallet::storage]
	pub type UmbralKeys<T: Config> = StorageMap<_, Blake2_128Concat, T::AccountId, UmbralPublicKey>;

	/// The staker of each registered Umbral key (keys are unique).
	#[pallet::storage]
	pub type UmbralKeyOwners<T: Config> =
		StorageMap<_, Blake2_128Concat, UmbralPublicKey, T::AccountId>;

	/// The session in which each staker last changed its Umbral key: one change per session is
	/// free. Removed with the staker.
	#[pallet::storage]
	pub type UmbralKeyChanges<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, SessionIndex>;

	/// The current session, as pallet-session last started one.
	#[pallet::storage]
	pub type CurrentSession<T: Config> = StorageValue<_, SessionIndex, ValueQuery>;

	/// The account of each candidate's `nkms` session key on which the pallet holds a sufficient
	/// reference (see `node_accounts.rs`); removed with the staker.
	#[pallet::storage]
	pub type NodeKeyAccounts<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, T::AccountId>;

	/// The stakers that compete for the validator set, with their active stake, in rank order
	/// (more stake first, then the lower account).
	#[pallet::storage]
	pub type Candidates<T: Config> = StorageValue<_, CandidatesOf<T>, ValueQuery>;

	/// The current session's nodes and the stake each had when elected.
	#[pallet::storage]
	pub type ActiveNodes<T: Config> = StorageValue<_, NodeSetOf<T>, ValueQuery>;

	/// The elected stake of each node of [`ActiveNodes`], for lookups in one read.
	#[pallet::storage]
	pub type ActiveStake<T: Config> = StorageMap<_, Blake2_128Concat, T::AccountId, BalanceOf<T>>;

	/// The nodes elected for the next session.
	#[pallet::storage]
	pub type PlannedNodes<T: Config> = StorageValue<_, NodeSetOf<T>, ValueQuery>;

	/// Minted at the end of each session and shared by its validators by stake.
	#[pallet::storage]
	pub type SessionReward<T: Config> = StorageValue<_, BalanceOf<T>, ValueQuery>;

	/// Blocks per session.
	#[pallet::storage]
	pub type SessionLength<T: Config> =
		StorageValue<_, BlockNumberFor<T>, ValueQuery, T::DefaultSessionLength>;

	/// Each staker's latest slashes, oldest first; removed with the staker.
	#[pallet::storage]
	pub type SlashHistory<T: Config> = StorageMap<
		_,
		Blake2_128Concat,
		T::AccountId,
		BoundedVec<SlashRecordOf<T>, T::MaxSlashRecords>,
		ValueQuery,
	>;

	/// The largest fraction each offender was slashed by for offences of a session; kept for
	/// [`Config::HistoryDepth`] sessions.
	#[pallet::storage]
	pub type OffenceSlashes<T: Config> = StorageDoubleMap<
		_,
		Twox64Concat,
		SessionIndex,
		Blake2_128Concat,
		T::AccountId,
		Perbill,
		ValueQuery,
	>;

	#[pallet::genesis_config]
	#[derive(frame_support::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		/// Initial stakers: account, bonded stake (held from its balance) and Umbral key, if
		/// known (else its node's off-chain worker registers one). Each wants to validate and is
		/// elected for the first two sessions; later elections need the Umbral key.
		pub stakers: Vec<(T::AccountId, BalanceOf<T>, Option<UmbralPublicKey>)>,
		/// Blocks per session; [`Config::DefaultSessionLength`] if unset.
		pub session_length: Option<BlockNumberFor<T>>,
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		// A genesis that cannot be built is a broken chain spec: failing loudly is right.
		fn build(&self) {
			if let Some(length) = self.session_length {
				assert!(!length.is_zero(), "a session lasts at least one block");
				SessionLength::<T>::put(length);
			}
			for (who, stake, key) in &self.stakers {
				Pallet::<T>::do_bond(who, *stake).expect("genesis staker can bond its stake");
				if let Some(key) = key {
					Pallet::<T>::do_set_umbral_key(who, *key)
						.expect("genesis staker has a valid, unique Umbral key");
				}
			}
		}
	}

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// `amount` more of `staker`'s balance is held as active stake.
		Bonded { staker: T::AccountId, amount: BalanceOf<T> },
		/// `amount` of active stake started unlocking; it can be withdrawn from block
		/// `unlocks_at`.
		Unbonded { staker: T::AccountId, amount: BalanceOf<T>, unlocks_at: BlockNumberFor<T> },
		/// `amount` of unlocking stake became active again.
		Rebonded { staker: T::AccountId, amount: BalanceOf<T> },
		/// `amount` of unlocked stake was released to `staker`'s free balance.
		Withdrawn { staker: T::AccountId, amount: BalanceOf<T> },
		/// `staker` holds nothing any more and was removed with its Umbral key and slash
		/// history.
		StakerRemoved { staker: T::AccountId },
		/// The account of `staker`'s `nkms` key, `account`, is kept alive so that its node can
		/// send transactions.
		NodeKeyAccountKept { staker: T::AccountId, account: T::AccountId },
		/// The account of `staker`'s former `nkms` key is no longer kept alive by the pallet.
		NodeKeyAccountReleased { staker: T::AccountId, account: T::AccountId },
		/// `staker` is on the candidate list.
		Validating { staker: T::AccountId },
		/// `staker` wants to validate, but the candidate list is full of candidates with at
		/// least as much stake; it enters once it outranks the weakest.
		Waiting { staker: T::AccountId },
		/// `staker` left the candidate list for `by`, which has more stake; it keeps its stake
		/// and still wants to validate.
		CandidateEvicted { staker: T::AccountId, by: T::AccountId },
		/// `staker` no longer wants to validate; an elected node leaves the set at the second
		/// rotation.
		Chilled { staker: T::AccountId },
		/// `staker` registered Umbral public key `key`.
		UmbralKeySet { staker: T::AccountId, key: UmbralPublicKey },
		/// `amount` of `staker`'s stake was slashed for `reason`; `reporter_reward` of it went
		/// to `reporter`.
		Slashed {
			staker: T::AccountId,
			amount: BalanceOf<T>,
			reason: SlashReason,
			reporter: Option<T::AccountId>,
			reporter_reward: BalanceOf<T>,
		},
		/// `node` was paid `amount` (policy fees or a session reward).
		Rewarded { node: T::AccountId, amount: BalanceOf<T> },
		/// The per-session reward is now `amount`.
		SessionRewardSet { amount: BalanceOf<T> },
		/// `validators` nodes were elected for session `session`.
		NodesElected { session: SessionIndex, validators: u32 },
	}

	#[pallet::error]
	pub enum Error<T> {
		/// The account has no stake.
		NotStaker,
		/// The account is already a staker; use `bond_extra`.
		AlreadyBonded,
		/// The amount is zero.
		ZeroAmount,
		/// A first bond, or active stake that validates, is below `MinStake`.
		BelowMinStake,
		/// Unbonding would leave active stake between zero and `MinStake`.
		RemainderBelowMinStake,
		/// The node serves live policies, so its active stake must stay at `MinStake` or more.
		ServesLivePolicies,
		/// Not enough free balance to hold.
		InsufficientBalance,
		/// More than the active stake.
		InsufficientActiveStake,
		/// No room for another unlocking chunk; withdraw or wait for the next block.
		TooManyUnlockingChunks,
		/// Nothing is unlocking.
		NothingToRebond,
		/// No unlocking chunk has unlocked yet.
		NothingToWithdraw,
		/// The staker is already on the candidate list.
		AlreadyValidating,
		/// The staker does not want to validate.
		NotValidating,
		/// The candidate list is full and every candidate has at least as much active stake.
		OutrankedByAllCandidates,
		/// The bytes are not a compressed point of secp256k1.
		InvalidUmbralKey,
		/// Another staker registered this Umbral key.
		UmbralKeyInUse,
		/// The proof is not the Umbral key's signature of the staker and this chain's genesis.
		InvalidKeyProof,
		/// The caller is neither a staker nor a staker's `nkms` session key.
		NotStakerOrNodeKey,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn integrity_test() {
			assert!(!T::MinStake::get().is_zero(), "MinStake must not be zero");
			assert!(T::MaxValidators::get() > 0, "MaxValidators must not be zero");
			assert!(
				T::MaxCandidates::get() >= T::MaxValidators::get(),
				"MaxCandidates must be at least MaxValidators"
			);
			assert!(T::MaxUnlockingChunks::get() > 0, "MaxUnlockingChunks must not be zero");
			assert!(
				!T::DefaultSessionLength::get().is_zero(),
				"DefaultSessionLength must not be zero"
			);
			let rotation = Self::rotation_weight();
			let block = T::BlockWeights::get().max_block;
			assert!(
				rotation.all_lte(block),
				"a session rotation ({rotation}) must fit in the block that pallet-session \
				 charges for it ({block})"
			);
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call(weight(<T as Config>::WeightInfo))]
	impl<T: Config> Pallet<T> {
		/// Bonds stake and makes the caller want to validate.
		///
		/// - `origin`: signed by the account that stakes; it must not be a staker yet.
		/// - `amount`: at least `MinStake`, held from the caller's free balance.
		///
		/// The caller enters the candidate list if there is room or it has more stake than the
		/// weakest candidate, which then leaves the list.
		///
		/// Emits `Bonded`, then `Validating` (and `CandidateEvicted` for the candidate pushed
		/// out) or `Waiting`.
		#[pallet::call_index(0)]
		pub fn bond(
			origin: OriginFor<T>,
			#[pallet::compact] amount: BalanceOf<T>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_bond(&who, amount)
		}

		/// Holds more of the caller's balance as active stake.
		///
		/// - `origin`: signed by a staker.
		/// - `amount`: more than zero, held from the caller's free balance.
		///
		/// A candidate moves up the list; a staker that waits for a place takes one if it now
		/// outranks the weakest candidate.
		///
		/// Emits `Bonded`, and `Validating` and `CandidateEvicted` when it enters the list.
		#[pallet::call_index(1)]
		pub fn bond_extra(
			origin: OriginFor<T>,
			#[pallet::compact] amount: BalanceOf<T>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_bond_extra(&who, amount)
		}

		/// Starts unlocking active stake; it stays held and slashable for `UnbondingPeriod`
		/// blocks.
		///
		/// - `origin`: signed by a staker.
		/// - `amount`: more than zero and at most the active stake. What is left must be zero
		///   or at least `MinStake`, and at least `MinStake` while the node serves live
		///   policies.
		///
		/// Emits `Unbonded`, and `Chilled` when no active stake is left.
		#[pallet::call_index(2)]
		pub fn unbond(
			origin: OriginFor<T>,
			#[pallet::compact] amount: BalanceOf<T>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_unbond(&who, amount)
		}

		/// Releases the caller's unlocked chunks to its free balance.
		///
		/// - `origin`: signed by a staker.
		///
		/// A staker that then holds nothing is removed with its Umbral key and slash history,
		/// or, while it is elected, by the rotation that drops it.
		///
		/// Emits `Withdrawn`, and `StakerRemoved` when the staker is removed.
		#[pallet::call_index(3)]
		pub fn withdraw_unbonded(origin: OriginFor<T>) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_withdraw_unbonded(&who)
		}

		/// Makes unlocking stake active again, the latest chunk first.
		///
		/// - `origin`: signed by a staker.
		/// - `amount`: more than zero; more than is unlocking rebonds all of it.
		///
		/// Like `bond_extra`, it may move the staker up or onto the candidate list.
		///
		/// Emits `Rebonded` with the amount moved, and `Validating` and `CandidateEvicted`
		/// when the staker enters the list.
		#[pallet::call_index(4)]
		pub fn rebond(
			origin: OriginFor<T>,
			#[pallet::compact] amount: BalanceOf<T>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_rebond(&who, amount)
		}

		/// Makes the caller want to validate and puts it on the candidate list if it can.
		///
		/// - `origin`: signed by a staker with at least `MinStake` active that is not on the
		///   list.
		///
		/// On a full list the caller must have more stake than the weakest candidate, which
		/// leaves the list. A staker that did not want to validate before then waits; one that
		/// already waited gets `OutrankedByAllCandidates`.
		///
		/// Emits `Validating` (and `CandidateEvicted`) or `Waiting`.
		#[pallet::call_index(5)]
		pub fn validate(origin: OriginFor<T>) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_validate(&who)
		}

		/// Ends the caller's wish to validate: it leaves the candidate list and is not elected
		/// at the next rotation.
		///
		/// - `origin`: signed by a staker that wants to validate.
		///
		/// Emits `Chilled`.
		#[pallet::call_index(6)]
		pub fn chill(origin: OriginFor<T>) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_chill(&who)
		}

		/// Registers the Umbral public key of a staker's node, replacing its previous key.
		///
		/// - `origin`: signed by the staker, or by the staker's `nkms` session key (as the node's
		///   off-chain worker does). The first change of a session to a valid key no other
		///   staker has pays no fee; later changes in the session pay.
		/// - `key`: a 33-byte compressed secp256k1 point that no other staker registered.
		/// - `proof`: the key's Umbral signature (umbral-pre's `Signer::sign`) of
		///   `umbral_key_proof_message(staker, genesis hash)`, so that only the holder of the
		///   secret key can register it.
		///
		/// Emits `UmbralKeySet`.
		#[pallet::call_index(7)]
		#[pallet::feeless_if(|origin: &OriginFor<T>, key: &UmbralPublicKey, proof: &UmbralSignature| -> bool {
			Pallet::<T>::is_key_change(origin, key, proof)
		})]
		pub fn set_umbral_key(
			origin: OriginFor<T>,
			key: UmbralPublicKey,
			proof: UmbralSignature,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let staker = Self::staker_of_caller(&who)?;
			Self::do_register_umbral_key(&staker, key, &proof)
		}

		/// Sets the reward minted at the end of each session and shared by its validators.
		///
		/// - `origin`: `AdminOrigin`.
		/// - `amount`: the reward per session; zero mints nothing.
		///
		/// Emits `SessionRewardSet`.
		#[pallet::call_index(8)]
		pub fn set_session_reward(
			origin: OriginFor<T>,
			#[pallet::compact] amount: BalanceOf<T>,
		) -> DispatchResult {
			T::AdminOrigin::ensure_origin(origin)?;
			SessionReward::<T>::put(amount);
			Self::deposit_event(Event::SessionRewardSet { amount });
			Ok(())
		}
	}
}

/// The session length as pallet-session's `PeriodicSessions` reads it (never zero).
pub struct SessionLengthOf<T>(core::marker::PhantomData<T>);

impl<T: Config> frame_support::traits::Get<frame_system::pallet_prelude::BlockNumberFor<T>>
	for SessionLengthOf<T>
{
	fn get() -> frame_system::pallet_prelude::BlockNumberFor<T> {
		use sp_runtime::traits::One;
		SessionLength::<T>::get().max(One::one())
	}
}
