//! # NKMS staking
//!
//! Re-encryption nodes are validators that stake NKMS. This pallet is NuCypher's StakingEscrow
//! rebuilt for a Substrate chain: stakers with enough stake form the validator set (block
//! production, finality and the pool of re-encryption nodes), and misbehaviour costs them stake.
//!
//! ## Stake
//!
//! - [`Pallet::bond`] puts at least [`Config::MinStake`] of the caller's free balance on hold
//!   (hold reason [`HoldReason::Staking`]; no locks) and makes the caller a candidate.
//!   [`Pallet::bond_extra`] adds to it.
//! - [`Pallet::unbond`] moves active stake into an unlocking chunk that
//!   [`Pallet::withdraw_unbonded`] releases [`Config::UnbondingPeriod`] blocks later;
//!   [`Pallet::rebond`] moves unlocking stake back, the latest chunk first. Active stake may
//!   not be left between zero and the minimum, and a node that still serves live policies
//!   ([`Config::PolicyObligations`]) may not go below the minimum at all. A staker whose
//!   active stake reaches zero is chilled; one whose ledger is empty after a withdrawal is
//!   removed with its Umbral key.
//! - Everything held, unlocking chunks included, stays slashable until it is withdrawn.
//!
//! ## Node identity
//!
//! A node's session keys (Aura, GRANDPA and the `nkms` key of its off-chain worker) are set
//! with pallet-session's `set_keys`. [`Pallet::set_umbral_key`] stores the node's 33-byte
//! compressed Umbral public key, checked with umbral-pre and unique among stakers; the staker
//! or its `nkms` session key (as a signed origin) may set it. [`NodeRegistry`] maps an `nkms`
//! key back to its staker.
//!
//! ## Validator set
//!
//! The pallet is pallet-session's `SessionManager` (through the historical module). At each
//! rotation it elects the set of the session after the next: the top [`Config::MaxValidators`]
//! candidates by active stake (ties broken by the lower account id) that have at least the
//! minimum stake, session keys and an Umbral key. [`Pallet::chill`] leaves the candidates, so a
//! validator leaves the set one rotation later (the next session's set is already queued);
//! [`Pallet::validate`] comes back. Sessions last [`SessionLength`] blocks, set at genesis.
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
//! ones with a new fraction) slashes each offender only by what its fraction grew.
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
//! node active, its stake and Umbral key, the active set with stakes, and a stake-weighted
//! sample of `n` distinct active nodes from a seed.

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

mod dispatchable_impls;
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
pub use types::*;
pub use weights::WeightInfo;

pub use nkms_primitives::staking::{
	NodeKeyOwner, NodeRegistry, PolicyObligations, RewardNode, SampleError, SlashAmount,
	SlashReason, SlashStake,
};

/// Log target of this pallet.
const LOG_TARGET: &str = "runtime::nkms-staking";

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
	use nkms_primitives::UmbralPublicKey;
	use sp_runtime::Perbill;
	use sp_staking::SessionIndex;

	#[pallet::pallet]
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

		/// Candidates (stakers that want to validate) at most.
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

	/// Each staker's held stake.
	#[pallet::storage]
	pub type Ledger<T: Config> = StorageMap<_, Blake2_128Concat, T::AccountId, LedgerOf<T>>;

	/// Each staker's Umbral public key.
	#[pallet::storage]
	pub type UmbralKeys<T: Config> = StorageMap<_, Blake2_128Concat, T::AccountId, UmbralPublicKey>;

	/// The staker of each registered Umbral key (keys are unique).
	#[pallet::storage]
	pub type UmbralKeyOwners<T: Config> =
		StorageMap<_, Blake2_128Concat, UmbralPublicKey, T::AccountId>;

	/// Stakers that want to validate, sorted by account.
	#[pallet::storage]
	pub type Candidates<T: Config> =
		StorageValue<_, BoundedVec<T::AccountId, T::MaxCandidates>, ValueQuery>;

	/// The current session's nodes and the stake each had when elected.
	#[pallet::storage]
	pub type ActiveNodes<T: Config> = StorageValue<_, NodeSetOf<T>, ValueQuery>;

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

	/// Each staker's latest slashes, oldest first.
	#[pallet::storage]
	pub type SlashHistory<T: Config> = StorageMap<
		_,
		Blake2_128Concat,
		T::AccountId,
		BoundedVec<SlashRecordOf<T>, T::MaxSlashRecords>,
		ValueQuery,
	>;

	/// The largest fraction each offender was slashed by for offences of a session.
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
		/// Initial stakers: account, bonded stake (held from its balance) and Umbral key. Each
		/// becomes a candidate.
		pub stakers: Vec<(T::AccountId, BalanceOf<T>, UmbralPublicKey)>,
		/// Blocks per session; [`Config::DefaultSessionLength`] if unset.
		pub session_length: Option<BlockNumberFor<T>>,
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		fn build(&self) {
			if let Some(length) = self.session_length {
				assert!(!length.is_zero(), "a session lasts at least one block");
				SessionLength::<T>::put(length);
			}
			for (who, stake, key) in &self.stakers {
				Pallet::<T>::do_bond(who, *stake).expect("genesis staker can bond its stake");
				Pallet::<T>::do_set_umbral_key(who, *key)
					.expect("genesis staker has a valid, unique Umbral key");
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
		/// `staker` holds nothing any more and was removed with its Umbral key.
		StakerRemoved { staker: T::AccountId },
		/// `staker` became a candidate for the validator set.
		Validating { staker: T::AccountId },
		/// `staker` stopped being a candidate; it leaves the set at the second rotation.
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
		/// The candidate list is full.
		TooManyCandidates,
		/// The staker is already a candidate.
		AlreadyValidating,
		/// The staker is not a candidate.
		NotValidating,
		/// The bytes are not a compressed point of secp256k1.
		InvalidUmbralKey,
		/// Another staker registered this Umbral key.
		UmbralKeyInUse,
		/// The caller is neither a staker nor a staker's `nkms` session key.
		NotStakerOrNodeKey,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn integrity_test() {
			assert!(!T::MinStake::get().is_zero(), "MinStake must not be zero");
			assert!(T::MaxValidators::get() > 0, "MaxValidators must not be zero");
			assert!(T::MaxUnlockingChunks::get() > 0, "MaxUnlockingChunks must not be zero");
			assert!(
				!T::DefaultSessionLength::get().is_zero(),
				"DefaultSessionLength must not be zero"
			);
		}
	}

	#[pallet::call(weight(<T as Config>::WeightInfo))]
	impl<T: Config> Pallet<T> {
		/// Holds `amount` (at least `MinStake`) of the caller's balance as stake and makes the
		/// caller a candidate for the validator set.
		#[pallet::call_index(0)]
		pub fn bond(
			origin: OriginFor<T>,
			#[pallet::compact] amount: BalanceOf<T>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_bond(&who, amount)
		}

		/// Holds `amount` more of the caller's balance as active stake.
		#[pallet::call_index(1)]
		pub fn bond_extra(
			origin: OriginFor<T>,
			#[pallet::compact] amount: BalanceOf<T>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_bond_extra(&who, amount)
		}

		/// Starts unlocking `amount` of the caller's active stake; it stays held and slashable
		/// for `UnbondingPeriod` blocks. Unbonding everything chills the caller.
		#[pallet::call_index(2)]
		pub fn unbond(
			origin: OriginFor<T>,
			#[pallet::compact] amount: BalanceOf<T>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_unbond(&who, amount)
		}

		/// Releases the caller's unlocked chunks; removes the staker once nothing is held.
		#[pallet::call_index(3)]
		pub fn withdraw_unbonded(origin: OriginFor<T>) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_withdraw_unbonded(&who)
		}

		/// Makes up to `amount` of the caller's unlocking stake active again, the latest chunk
		/// first.
		#[pallet::call_index(4)]
		pub fn rebond(
			origin: OriginFor<T>,
			#[pallet::compact] amount: BalanceOf<T>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_rebond(&who, amount)
		}

		/// Makes the caller (a staker with at least `MinStake` active) a candidate again.
		#[pallet::call_index(5)]
		pub fn validate(origin: OriginFor<T>) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_validate(&who)
		}

		/// Stops the caller being a candidate: it is not elected at the next rotation.
		#[pallet::call_index(6)]
		pub fn chill(origin: OriginFor<T>) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_chill(&who)
		}

		/// Registers `key` as the Umbral public key of the caller, or, if the caller is a
		/// staker's `nkms` session key, of that staker.
		#[pallet::call_index(7)]
		pub fn set_umbral_key(origin: OriginFor<T>, key: UmbralPublicKey) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let staker = Self::staker_of_caller(&who)?;
			Self::do_set_umbral_key(&staker, key)
		}

		/// Sets the reward minted per session (origin: `AdminOrigin`).
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
