//! # NKMS policies
//!
//! A policy is Alice's grant to Bob: `m` of `n` staked nodes hold re-encryption key fragments
//! for it and re-encrypt for Bob until it expires or Alice revokes it. This pallet is NuCypher's
//! PolicyManager rebuilt for a Substrate chain, with revocation that the network enforces.
//!
//! ## Creating a policy
//!
//! [`Pallet::create_policy`] takes a label, the policy's Umbral keys (Bob's receiving key,
//! Alice's delegating and verifying keys), the threshold `m`, the `n` chosen nodes each with the
//! id of its key fragment and the fragment encrypted to the node's registered Umbral key
//! ([`Share`], [`EncryptedKeyFrag`]), an expiry block and a fee rate per node per block;
//! optionally the one account that may request re-encryption. The key fragment id is public (every
//! capsule fragment made with it carries it): it binds each node to its own fragment, so that a
//! node that copies another's answer is caught. Its id is [`nkms_primitives::policy_id`] of
//! (Alice, Bob's key, label), so a client knows it before sending. Checks, each with its own
//! error: `1 <= m <= n <= MaxShares`; the nodes distinct, active and with an Umbral key; the key
//! fragment ids distinct; every key and fragment decodes; the expiry after the acceptance window
//! and at most [`Config::MaxPolicyDuration`] blocks ahead, and at most each node's longest duration
//! ([`Pallet::set_max_duration`]); the rate at least each node's minimum; the id not in use; no
//! node with `MaxProposalsPerNode` arrangements still to decide on. A node takes a policy only
//! while it is active, wants to go on validating and has the minimum stake bonded
//! ([`NodeRegistry::can_serve`]); an extension asks the same of every node that still serves.
//!
//! ## Consent
//!
//! A node is bound by nothing before it has checked its key fragment. Each node of a new policy
//! has [`Config::AcceptanceWindow`] blocks (until the policy's `decide_by`) to decrypt its
//! fragment, check everything the chain will check of the capsule fragments made with it, and
//! then:
//!
//! - [`Pallet::accept_arrangement`]: it serves from that block on. Until then it gets no
//!   request, no strike and no fee. The policy is **live**, and serves requests, once `m` nodes
//!   have accepted ([`Event::PolicyActivated`]).
//! - [`Pallet::decline_arrangement`], naming the fault it found ([`KfragFault`]): its
//!   arrangement is removed, its escrow goes back to Alice, and it is paid
//!   [`Config::DeclineCompensation`] (at most its share of the escrow) from her deposit for its
//!   work: the part of her deposit that a decline does not return.
//! - Neither, by `decide_by`: `on_idle` drops the arrangement, returns its escrow and its part
//!   of the deposit to Alice, and reports the silence to [`Config::Liveness`] (a strike), unless
//!   the policy ended before the window closed (then nobody had anything to decide).
//!
//! A decision names the [`arrangement_digest`] of what the node checked, so it binds nothing on
//! a fork where the policy's id stands for other terms. It is feeless, and a decision that would
//! fail is not a valid transaction at all. A policy that can no longer reach `m` acceptances
//! (declines, or the window closing) **fails**: it ends at once and is refunded like a
//! revocation.
//!
//! Once bound, a node may [`Pallet::leave_policy`]: with notice (it serves [`Config::LeaveNotice`]
//! blocks more), or at once if it finds its fragment faulty (its answers would be rejected). The
//! fees after its service go back to Alice, and a policy that would be left with fewer than `m`
//! nodes ends when the node's service does ([`Event::PolicyShortened`]).
//!
//! ## Fees
//!
//! A policy created at block `start` with expiry `expiry` over `n` nodes at `rate`:
//!
//! - **Escrow**: `rate * n * (expiry - start)` is held from Alice ([`HoldReason::Escrow`]).
//! - **Deposit**: `DepositBase + DepositPerByte * bytes + n * DeclineCompensation` is held too
//!   ([`HoldReason::Deposit`]), where `bytes` is the policy record's largest encoded size plus,
//!   per node, the largest encoded encrypted key fragment and its entries in the node's lists
//!   of policies and proposals, plus the entries in the owner's list and the settlement and
//!   decision queues ([`Pallet::deposit_for`]). Each node's `DeclineCompensation` comes back
//!   when it accepts (or lapses), and pays it if it declines. The runtime API quotes both.
//! - **Service**: node `i` serves the blocks `[accepted_i, end_i)`, where `accepted_i` is the
//!   block it accepted at and `end_i` the policy's expiry, or the block the policy ended, the
//!   node was revoked or its notice ended. The fees of the blocks before `accepted_i` go back to
//!   Alice at its acceptance; a node that never accepts serves nothing.
//! - **Earnings**: node `i` earns `rate` for each block it serves. A missed request whose
//!   response window was `[from, to)` (reported by the re-encryption pallet) forfeits
//!   `rate * |[max(from, forfeited_i), min(to, end_i, now))|`: the blocks of the window that
//!   are served, past, and not already forfeited (`forfeited_i` is the end of its last
//!   forfeited window), at most what it is still owed. The re-encryption pallet's windows all
//!   have one length and are reported in the order of their ends, so each block is forfeited
//!   at most once. A forfeit of blocks already paid (a late report) is deducted from later
//!   payments.
//! - **Claims**: fees of a block become payable [`Config::SettlementDelay`] blocks after it,
//!   once any miss in it has been reported. [`Pallet::claim_fees`] pays node `i`
//!   `rate * (min(now - SettlementDelay, end_i) - paid_i)` (`paid_i`: where its payments
//!   reached, `accepted_i` at first) less its forfeits not yet deducted
//!   (a remainder is deducted from later payments), through the staking pallet's
//!   [`RewardNode`].
//! - **Revocation** at block `r` ([`Pallet::revoke_policy`], [`Pallet::revoke_node`]), and the
//!   end of a failed policy: the unserved fees `rate * (end_i - r)` go back to Alice at once.
//! - **Settlement**, `SettlementDelay` blocks after the policy's end: each node is paid what it
//!   is owed (to Alice if the node is no longer a staker), the rest of the escrow (forfeits)
//!   goes back to Alice, the deposit is released and the policy's storage removed.
//!
//! So Alice pays exactly `rate` per block served and not forfeited, per node.
//!
//! ## Life of a policy
//!
//! - **Pending** from creation until `m` nodes have accepted.
//! - **Live** from then until its expiry block, or until [`Pallet::revoke_policy`] (which Alice
//!   may call while it is pending too): the fragments are then removed from state at once, the
//!   unserved escrow and the deposit go back to Alice, and [`Event::PolicyRevoked`] tells nodes
//!   to delete their copies. [`Pallet::revoke_node`] withdraws one node (NuCypher's
//!   `revokeArrangement`) while `m` can still serve; [`Pallet::extend_policy`] moves the expiry
//!   out and holds the extra escrow.
//! - **Failed** once fewer than `m` nodes can accept it: ended and refunded at once.
//! - **Expired** from its expiry block: checked on access, never by a sweep.
//! - **Settled** by [`Pallet::reap_policy`] (anyone) or by `on_idle`, with weight-bounded work
//!   per block, from `SettlementDelay` blocks after its end.
//!
//! ## Nodes
//!
//! A node's minimum fee rate ([`Pallet::set_min_fee_rate`], NuCypher's `setMinFeeRate`) lies in
//! the [`FeeRateRange`] the admin origin sets; a node without one (or with one outside the
//! range) asks for the range's minimum. Its longest policy ([`Pallet::set_max_duration`]) bounds
//! the policies (and extensions) it is named in. Setting either holds a deposit until it is
//! cleared. A node
//! with fragments of live policies cannot unbond below the minimum stake (this pallet is the
//! staking pallet's [`PolicyObligations`]). A node that chills takes no new policies or
//! extensions, so it is free once its policies expire. Each node serves at most
//! [`Config::MaxPoliciesPerNode`] live policies, and each owner owns at most
//! [`Config::MaxPoliciesPerOwner`] policies until they are settled.
//!
//! ## For other pallets and clients
//!
//! The re-encryption pallet reads live policies and the nodes' proposals and reports missed
//! requests through [`nkms_primitives::policy::Policies`], and strikes silent decisions as
//! [`Config::Liveness`]; clients use [`runtime_api::NkmsPolicyApi`].

#![cfg_attr(not(feature = "std"), no_std)]
// Runtime code never panics; tests may.
#![cfg_attr(
	not(test),
	deny(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic)
)]

extern crate alloc;

mod consent;
mod dispatchable_impls;
mod fees;
mod provider;
pub mod runtime_api;
mod settlement;
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

pub use fees::fee_for;
pub use pallet::*;
pub use types::*;
pub use weights::WeightInfo;

pub use nkms_primitives::{
	policy::{
		arrangement_digest, policy_id, KfragFault, LivePolicy, Liveness, PolicyId, PolicyKeys,
	},
	staking::{NodeRegistry, PolicyObligations, RewardNode},
	EncryptedKeyFrag,
};

// FRAME's macros expand to `expect()` calls.
#[allow(clippy::expect_used)]
#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use frame_support::{
		pallet_prelude::*,
		traits::fungible::{self, MutateHold},
		weights::WeightMeter,
	};
	use frame_system::pallet_prelude::*;

	/// The storage layout's version; a change to it ships with a migration.
	const STORAGE_VERSION: StorageVersion = StorageVersion::new(0);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: frame_system::Config {
		/// The currency of fees and deposits; both are held from the owner.
		type Currency: fungible::Mutate<Self::AccountId>
			+ MutateHold<Self::AccountId, Reason = Self::RuntimeHoldReason>;

		/// The overarching hold reason.
		type RuntimeHoldReason: From<HoldReason>;

		/// The staked nodes (the staking pallet).
		type Nodes: NodeRegistry<Self::AccountId, Balance = BalanceOf<Self>>;

		/// Pays nodes their fees (the staking pallet).
		type Rewards: RewardNode<Self::AccountId, Balance = BalanceOf<Self>>;

		/// Strikes the nodes that neither accept nor decline in time (the re-encryption
		/// pallet).
		type Liveness: Liveness<Self::AccountId>;

		/// Nodes per policy at most (`n`).
		#[pallet::constant]
		type MaxShares: Get<u32>;

		/// Bytes of a label at most.
		#[pallet::constant]
		type MaxLabelLen: Get<u32>;

		/// Blocks from now to a policy's expiry at most, at creation and when extended.
		#[pallet::constant]
		type MaxPolicyDuration: Get<BlockNumberFor<Self>>;

		/// Policies a node serves at most, until they are settled.
		#[pallet::constant]
		type MaxPoliciesPerNode: Get<u32>;

		/// Policies an owner owns at most, until they are settled.
		#[pallet::constant]
		type MaxPoliciesPerOwner: Get<u32>;

		/// Arrangements a node has yet to decide on at most: a creation that would give it more
		/// is refused, so that its off-chain worker decides on all of them in time.
		#[pallet::constant]
		type MaxProposalsPerNode: Get<u32>;

		/// Blocks from a policy's creation in which its nodes accept or decline.
		#[pallet::constant]
		type AcceptanceWindow: Get<BlockNumberFor<Self>>;

		/// Blocks from a node's notice to the end of its service in a policy it leaves.
		#[pallet::constant]
		type LeaveNotice: Get<BlockNumberFor<Self>>;

		/// The part of a policy's deposit held for each node until it decides: a node that
		/// declines is paid it (at most its share of the escrow) for the work of checking.
		#[pallet::constant]
		type DeclineCompensation: Get<BalanceOf<Self>>;

		/// Policies one `claim_fees` call claims from at most.
		#[pallet::constant]
		type MaxClaims: Get<u32>;

		/// Blocks after a block before its fees are paid, and after a policy's end before it is
		/// settled: the re-encryption pallet reports every miss within it.
		#[pallet::constant]
		type SettlementDelay: Get<BlockNumberFor<Self>>;

		/// The deposit of any stored record.
		#[pallet::constant]
		type DepositBase: Get<BalanceOf<Self>>;

		/// The deposit per byte of a stored record.
		#[pallet::constant]
		type DepositPerByte: Get<BalanceOf<Self>>;

		/// Who may set the range of the nodes' minimum fee rates.
		type AdminOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// Weights of this pallet's calls and reaping.
		type WeightInfo: WeightInfo;

		/// Sets up what benchmarks need from other pallets.
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: benchmarking::BenchmarkHelper<Self::AccountId>;
	}

	/// Why this pallet holds funds.
	#[pallet::composite_enum]
	pub enum HoldReason {
		/// Fees of a policy, held from its owner until they are paid or refunded.
		#[codec(index = 0)]
		Escrow,
		/// Deposits for stored policies and minimum fee rates.
		#[codec(index = 1)]
		Deposit,
	}

	/// The policies, until they are settled.
	#[pallet::storage]
	pub type Policies<T: Config> = StorageMap<_, Blake2_128Concat, PolicyId, PolicyOf<T>>;

	/// Each node's encrypted key fragment of each policy it holds one of; removed when the
	/// policy is revoked or settled, or the node revoked.
	#[pallet::storage]
	pub type KeyFrags<T: Config> = StorageDoubleMap<
		_,
		Blake2_128Concat,
		PolicyId,
		Blake2_128Concat,
		T::AccountId,
		EncryptedKeyFrag,
	>;

	/// The policies each node holds a fragment of, with the block its service ends.
	#[pallet::storage]
	pub type NodePolicies<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, NodePolicyListOf<T>, ValueQuery>;

	/// The arrangements each node has yet to accept or decline, with the block their window
	/// closes: what its off-chain worker reads.
	#[pallet::storage]
	pub type NodeProposals<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, NodeProposalListOf<T>, ValueQuery>;

	/// The policies each owner owns, until they are settled.
	#[pallet::storage]
	pub type OwnerPolicies<T: Config> = StorageMap<
		_,
		Blake2_128Concat,
		T::AccountId,
		BoundedVec<PolicyId, T::MaxPoliciesPerOwner>,
		ValueQuery,
	>;

	/// The policies to settle at each block: `SettlementDelay` blocks after each one's end.
	#[pallet::storage]
	pub type SettlementQueue<T: Config> =
		StorageDoubleMap<_, Twox64Concat, BlockNumberFor<T>, Blake2_128Concat, PolicyId, ()>;

	/// The first block of [`SettlementQueue`] that `on_idle` has not emptied yet.
	#[pallet::storage]
	pub type NextSettlement<T: Config> = StorageValue<_, BlockNumberFor<T>, ValueQuery>;

	/// The policies whose acceptance window closes at each block: `on_idle` then lapses the
	/// arrangements still proposed, and fails a policy with fewer than `m` acceptances.
	#[pallet::storage]
	pub type DecisionQueue<T: Config> =
		StorageDoubleMap<_, Twox64Concat, BlockNumberFor<T>, Blake2_128Concat, PolicyId, ()>;

	/// The first block of [`DecisionQueue`] that `on_idle` has not emptied yet.
	#[pallet::storage]
	pub type NextDecision<T: Config> = StorageValue<_, BlockNumberFor<T>, ValueQuery>;

	/// Each node's longest policy, in blocks from creation or extension to expiry, with the
	/// deposit held for the entry.
	#[pallet::storage]
	pub type MaxDurations<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, (BlockNumberFor<T>, BalanceOf<T>)>;

	/// Each node's minimum fee rate per block, with the deposit held for the entry.
	#[pallet::storage]
	pub type MinFeeRates<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, (BalanceOf<T>, BalanceOf<T>)>;

	/// The range the nodes' minimum fee rates lie in.
	#[pallet::storage]
	pub type FeeRates<T: Config> = StorageValue<_, FeeRateRange<BalanceOf<T>>, ValueQuery>;

	#[pallet::genesis_config]
	#[derive(frame_support::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		/// The least minimum fee rate per block a node may set, and the minimum of nodes that
		/// set none.
		pub min_fee_rate: BalanceOf<T>,
		/// The largest minimum fee rate per block a node may set.
		pub max_fee_rate: BalanceOf<T>,
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		fn build(&self) {
			assert!(self.min_fee_rate <= self.max_fee_rate, "an empty fee rate range");
			FeeRates::<T>::put(FeeRateRange { min: self.min_fee_rate, max: self.max_fee_rate });
		}
	}

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// `owner` created policy `id` under `label`: `threshold` of `nodes` re-encrypt for it
		/// until `expiry`, each at `rate` per block once it accepts, which it does (or declines)
		/// before `decide_by`; `escrow` and `deposit` are held.
		PolicyCreated {
			id: PolicyId,
			owner: T::AccountId,
			label: LabelOf<T>,
			threshold: u8,
			nodes: BoundedVec<T::AccountId, T::MaxShares>,
			expiry: BlockNumberFor<T>,
			decide_by: BlockNumberFor<T>,
			rate: BalanceOf<T>,
			escrow: BalanceOf<T>,
			deposit: BalanceOf<T>,
		},
		/// `node` checked its key fragment of policy `id` and accepted: it serves from now.
		/// `refund` (its fees before now and its part of the deposit) went back to the owner.
		ArrangementAccepted { id: PolicyId, node: T::AccountId, refund: BalanceOf<T> },
		/// `m` nodes of policy `id` have accepted: it serves requests.
		PolicyActivated { id: PolicyId },
		/// `node` declined its arrangement of policy `id` because its key fragment has `fault`:
		/// it was paid `compensation` from the owner's deposit, and `refund` went back to the
		/// owner.
		ArrangementDeclined {
			id: PolicyId,
			node: T::AccountId,
			fault: KfragFault,
			compensation: BalanceOf<T>,
			refund: BalanceOf<T>,
		},
		/// `node` neither accepted nor declined its arrangement of policy `id` in time: it was
		/// dropped (a strike for the node) and `refund` went back to the owner.
		ArrangementLapsed { id: PolicyId, node: T::AccountId, refund: BalanceOf<T> },
		/// Fewer than `m` nodes of policy `id` can accept it: it ended, and `refund` of its
		/// escrow and its deposit went back to the owner.
		PolicyFailed { id: PolicyId, refund: BalanceOf<T> },
		/// `node` leaves policy `id`: it serves until `until` (at once if it found `fault` in its
		/// key fragment), and `refund` of its fees after that went back to the owner.
		NodeLeaving {
			id: PolicyId,
			node: T::AccountId,
			until: BlockNumberFor<T>,
			fault: Option<KfragFault>,
			refund: BalanceOf<T>,
		},
		/// Policy `id` now expires at `expiry`, when fewer than `m` of its nodes will be left;
		/// `refund` of the fees after it went back to the owner.
		PolicyShortened { id: PolicyId, expiry: BlockNumberFor<T>, refund: BalanceOf<T> },
		/// `node` takes policies of at most `blocks` blocks (any the chain allows if `None`).
		MaxDurationSet { node: T::AccountId, blocks: Option<BlockNumberFor<T>> },
		/// The owner revoked policy `id`: its nodes must delete their fragments. `refund` of
		/// unserved fees went back to the owner, and the deposit (`PolicyCreated`'s `deposit`)
		/// too.
		PolicyRevoked { id: PolicyId, refund: BalanceOf<T> },
		/// The owner withdrew `node` from policy `id`: it must delete its fragment. `refund` of
		/// its unserved fees went back to the owner.
		NodeRevoked { id: PolicyId, node: T::AccountId, refund: BalanceOf<T> },
		/// The owner moved policy `id`'s expiry to `expiry`, holding `escrow` more.
		PolicyExtended { id: PolicyId, expiry: BlockNumberFor<T>, escrow: BalanceOf<T> },
		/// `node` forfeited `amount` of policy `id`'s fees for a missed request.
		FeesForfeited { id: PolicyId, node: T::AccountId, amount: BalanceOf<T> },
		/// `node` was paid `amount` of policy `id`'s fees.
		FeesPaid { id: PolicyId, node: T::AccountId, amount: BalanceOf<T> },
		/// `node` could not be paid `amount` of policy `id`'s fees at settlement (it is no longer
		/// a staker): the amount went back to the owner.
		FeesUnpaid { id: PolicyId, node: T::AccountId, amount: BalanceOf<T> },
		/// Policy `id`, which ended as `state`, was settled and removed: `refund` of its escrow
		/// and `deposit` went back to its owner.
		PolicySettled {
			id: PolicyId,
			state: PolicyState,
			refund: BalanceOf<T>,
			deposit: BalanceOf<T>,
		},
		/// `node`'s minimum fee rate is now `rate` (the range's minimum if `None`).
		MinFeeRateSet { node: T::AccountId, rate: Option<BalanceOf<T>> },
		/// The nodes' minimum fee rates now lie in `range`.
		FeeRateRangeSet { range: FeeRateRange<BalanceOf<T>> },
	}

	#[pallet::error]
	pub enum Error<T> {
		/// `m` is zero or greater than `n`.
		InvalidThreshold,
		/// A node is listed twice.
		DuplicateNode,
		/// Two shares name the same key fragment id.
		DuplicateKeyFragId,
		/// A node is not in the active set, or is leaving it (chilled, or below the minimum
		/// stake).
		NodeCannotServe,
		/// A node has no registered Umbral key.
		NodeWithoutUmbralKey,
		/// Bob's receiving key is not a valid Umbral public key.
		InvalidReceivingKey,
		/// Alice's delegating key is not a valid Umbral public key.
		InvalidDelegatingKey,
		/// Alice's verifying key is not a valid Umbral public key.
		InvalidVerifyingKey,
		/// An encrypted key fragment does not decode.
		InvalidKeyFrag,
		/// The expiry is not after the current block.
		ExpiryNotInFuture,
		/// The expiry is more than `MaxPolicyDuration` blocks ahead.
		DurationTooLong,
		/// The policy would expire before its nodes' acceptance window closes.
		DurationTooShort,
		/// The rate is below a node's minimum fee rate.
		RateBelowNodeMinimum,
		/// The escrow does not fit the balance type.
		FeeOverflow,
		/// A policy with this id exists.
		PolicyExists,
		/// No policy has this id.
		UnknownPolicy,
		/// Only the policy's owner may do this.
		NotOwner,
		/// The policy has expired or was revoked.
		PolicyNotLive,
		/// The node is not one of the policy's nodes that still serve it.
		NotServing,
		/// The caller is not one of the policy's nodes.
		NotPolicyNode,
		/// Fewer than `m` nodes would remain.
		BelowThreshold,
		/// The new expiry is not after the current one.
		ExpiryNotLater,
		/// The policy cannot be settled before `SettlementDelay` blocks after its end.
		NotYetSettleable,
		/// A node already serves `MaxPoliciesPerNode` policies.
		NodeAtCapacity,
		/// The owner already owns `MaxPoliciesPerOwner` policies.
		OwnerAtCapacity,
		/// The owner cannot pay the escrow and the deposit.
		InsufficientBalance,
		/// The caller has no fees to claim from these policies.
		NothingToClaim,
		/// The rate lies outside the range the admin set, or the range is empty.
		RateOutOfRange,
		/// Only stakers set minimum fee rates.
		NotStaker,
		/// The node has no minimum fee rate to clear.
		NoMinFeeRate,
		/// The policy runs longer than a node's longest policy.
		DurationAboveNodeMaximum,
		/// The node has no longest policy to clear.
		NoMaxDuration,
		/// A node already has `MaxProposalsPerNode` arrangements to decide on.
		NodeBusy,
		/// The caller has no proposed arrangement in this policy.
		NotProposed,
		/// The acceptance window of the policy has closed.
		DecisionWindowClosed,
		/// The decision names other terms than the policy's: another key fragment, or keys.
		ArrangementMismatch,
		/// The caller has not accepted an arrangement of this policy that still serves.
		NotAccepted,
		/// The node's service ends before its notice would.
		AlreadyLeaving,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn on_idle(now: BlockNumberFor<T>, limit: Weight) -> Weight {
			let mut meter = WeightMeter::with_limit(limit);
			if meter.try_consume(T::WeightInfo::walk_decision_queue(0)).is_ok() {
				Self::close_decisions_due(now, &mut meter);
			}
			if meter.try_consume(T::WeightInfo::walk_settlement_queue(0)).is_ok() {
				Self::settle_due(now, &mut meter);
			}
			meter.consumed()
		}

		fn integrity_test() {
			assert!(T::MaxShares::get() > 0, "MaxShares must not be zero");
			assert!(T::MaxShares::get() <= u8::MAX as u32, "the threshold is a u8");
			assert!(!T::MaxPolicyDuration::get().is_zero(), "MaxPolicyDuration must not be zero");
			assert!(T::MaxClaims::get() > 0, "MaxClaims must not be zero");
			assert!(!T::AcceptanceWindow::get().is_zero(), "AcceptanceWindow must not be zero");
			assert!(T::MaxProposalsPerNode::get() > 0, "MaxProposalsPerNode must not be zero");
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Creates a policy: `threshold` of `shares`' nodes re-encrypt for the holder of
		/// `keys.receiving` until `expiry`.
		///
		/// - `origin`: signed by the owner (Alice), who pays.
		/// - `label`: her label for the policy; the id is `policy_id(owner, keys.receiving,
		///   label)` and must not be in use.
		/// - `umbral_keys`: Bob's receiving key, Alice's delegating and verifying keys.
		/// - `threshold`: `m`, with `1 <= m <= n`.
		/// - `shares`: the `n` distinct active nodes, each with the id of its key fragment and
		///   the key fragment encrypted to its registered Umbral key.
		/// - `expiry`: the first block without service, at most `MaxPolicyDuration` ahead.
		/// - `rate`: the fee per node per block, at least every node's minimum.
		/// - `requester`: the one account that may request re-encryption; anyone if `None`.
		///
		/// Holds `rate * n * (expiry - now)` in escrow and the storage deposit.
		///
		/// Emits `PolicyCreated`.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::create_policy(shares.len() as u32))]
		#[allow(clippy::too_many_arguments)]
		pub fn create_policy(
			origin: OriginFor<T>,
			label: LabelOf<T>,
			umbral_keys: PolicyKeys,
			threshold: u8,
			shares: SharesOf<T>,
			expiry: BlockNumberFor<T>,
			#[pallet::compact] rate: BalanceOf<T>,
			requester: Option<T::AccountId>,
		) -> DispatchResult {
			let owner = ensure_signed(origin)?;
			let terms =
				PolicyTerms { label, umbral_keys, threshold, shares, expiry, rate, requester };
			Self::do_create_policy(owner, terms)
		}

		/// Revokes a policy at once.
		///
		/// - `origin`: signed by the policy's owner.
		/// - `id`: a live policy.
		///
		/// Its fragments are removed, its nodes' unserved fees and the deposit go back to the
		/// owner; the served fees are paid at settlement, `SettlementDelay` blocks later.
		///
		/// Emits `PolicyRevoked`.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::revoke_policy(T::MaxShares::get()))]
		pub fn revoke_policy(origin: OriginFor<T>, id: PolicyId) -> DispatchResultWithPostInfo {
			let owner = ensure_signed(origin)?;
			let shares = Self::do_revoke_policy(&owner, id)?;
			Ok(Some(T::WeightInfo::revoke_policy(shares)).into())
		}

		/// Withdraws one node from a policy (NuCypher's `revokeArrangement`).
		///
		/// - `origin`: signed by the policy's owner.
		/// - `id`: a live policy.
		/// - `node`: one of its nodes that still serves; at least `m` must remain.
		///
		/// The node's fragment is removed and its unserved fees go back to the owner.
		///
		/// Emits `NodeRevoked`.
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::revoke_node(T::MaxShares::get()))]
		pub fn revoke_node(
			origin: OriginFor<T>,
			id: PolicyId,
			node: T::AccountId,
		) -> DispatchResultWithPostInfo {
			let owner = ensure_signed(origin)?;
			let shares = Self::do_revoke_node(&owner, id, node)?;
			Ok(Some(T::WeightInfo::revoke_node(shares)).into())
		}

		/// Moves a policy's expiry out.
		///
		/// - `origin`: signed by the policy's owner.
		/// - `id`: a live policy.
		/// - `expiry`: later than the current expiry, at most `MaxPolicyDuration` ahead.
		///
		/// Holds `rate * (serving nodes) * (expiry - old expiry)` more in escrow.
		///
		/// Emits `PolicyExtended`.
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::extend_policy(T::MaxShares::get()))]
		pub fn extend_policy(
			origin: OriginFor<T>,
			id: PolicyId,
			expiry: BlockNumberFor<T>,
		) -> DispatchResultWithPostInfo {
			let owner = ensure_signed(origin)?;
			let shares = Self::do_extend_policy(&owner, id, expiry)?;
			Ok(Some(T::WeightInfo::extend_policy(shares)).into())
		}

		/// Pays the caller (a node) its payable fees from each of `ids`.
		///
		/// - `origin`: signed by a node of every policy in `ids`, and a staker.
		/// - `ids`: at most `MaxClaims` policies; those settled already (which paid their
		///   nodes then) are skipped.
		///
		/// Fees of a block are payable `SettlementDelay` blocks after it.
		///
		/// Emits `FeesPaid` for each policy that paid something.
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::claim_fees(ids.len() as u32))]
		pub fn claim_fees(
			origin: OriginFor<T>,
			ids: BoundedVec<PolicyId, T::MaxClaims>,
		) -> DispatchResult {
			let node = ensure_signed(origin)?;
			Self::do_claim_fees(&node, &ids)
		}

		/// Settles a policy that ended at least `SettlementDelay` blocks ago and removes it.
		///
		/// - `origin`: signed by anyone.
		/// - `id`: an expired or revoked policy.
		///
		/// Pays the nodes what they are owed, gives the rest of the escrow and the deposit back
		/// to the owner.
		///
		/// Emits `FeesPaid` per node paid, and `PolicySettled`.
		#[pallet::call_index(5)]
		#[pallet::weight(T::WeightInfo::reap_policy(T::MaxShares::get()))]
		pub fn reap_policy(origin: OriginFor<T>, id: PolicyId) -> DispatchResultWithPostInfo {
			ensure_signed(origin)?;
			let shares = Self::do_reap_policy(id)?;
			Ok(Some(T::WeightInfo::reap_policy(shares)).into())
		}

		/// Sets or clears the caller's minimum fee rate per block.
		///
		/// - `origin`: signed by a staker.
		/// - `rate`: within the admin's range; `None` clears it (the range's minimum applies).
		///
		/// A new entry holds a deposit; clearing releases it.
		///
		/// Emits `MinFeeRateSet`.
		#[pallet::call_index(6)]
		#[pallet::weight(T::WeightInfo::set_min_fee_rate())]
		pub fn set_min_fee_rate(
			origin: OriginFor<T>,
			rate: Option<BalanceOf<T>>,
		) -> DispatchResult {
			let node = ensure_signed(origin)?;
			Self::do_set_min_fee_rate(&node, rate)
		}

		/// Sets the range in which nodes' minimum fee rates lie.
		///
		/// - `origin`: `AdminOrigin`.
		/// - `range`: with `min <= max`. Minimums set outside it count as its minimum.
		///
		/// Emits `FeeRateRangeSet`.
		#[pallet::call_index(7)]
		#[pallet::weight(T::WeightInfo::set_fee_rate_range())]
		pub fn set_fee_rate_range(
			origin: OriginFor<T>,
			range: FeeRateRange<BalanceOf<T>>,
		) -> DispatchResult {
			T::AdminOrigin::ensure_origin(origin)?;
			ensure!(range.min <= range.max, Error::<T>::RateOutOfRange);
			FeeRates::<T>::put(range);
			Self::deposit_event(Event::FeeRateRangeSet { range });
			Ok(())
		}

		/// Accepts the caller's proposed arrangement of a policy: the node checked its key
		/// fragment and serves from now.
		///
		/// - `origin`: signed by a node of the policy (or its `nkms` key) that has yet to
		///   decide, before the policy's `decide_by`. Feeless; a transaction that would fail is
		///   not valid at all.
		/// - `id`: a pending or live policy.
		/// - `digest`: the [`arrangement_digest`] of what the node checked.
		///
		/// Its fees start now: those of the blocks before, and its part of the deposit, go back
		/// to the owner.
		///
		/// Emits `ArrangementAccepted`, and `PolicyActivated` for the `m`-th acceptance.
		#[pallet::call_index(8)]
		#[pallet::weight(T::WeightInfo::accept_arrangement(T::MaxShares::get()))]
		#[pallet::feeless_if(|origin: &OriginFor<T>, id: &PolicyId, digest: &[u8; 32]| -> bool {
			Pallet::<T>::proposal_of(origin, id, digest).is_ok()
		})]
		pub fn accept_arrangement(
			origin: OriginFor<T>,
			id: PolicyId,
			digest: [u8; 32],
		) -> DispatchResult {
			let caller = ensure_signed(origin)?;
			Self::do_accept_arrangement(&caller, id, &digest)
		}

		/// Declines the caller's proposed arrangement of a policy, whose key fragment the node
		/// found faulty.
		///
		/// - `origin`: as for `accept_arrangement`. Feeless; a transaction that would fail is
		///   not valid at all.
		/// - `id`: a pending or live policy.
		/// - `digest`: the [`arrangement_digest`] of what the node checked.
		/// - `fault`: what it found.
		///
		/// The node leaves the policy: it is paid `DeclineCompensation` (at most its share of
		/// the escrow) from the owner's deposit; its escrow share and the rest of its part of
		/// the deposit go back to the owner. A policy that can no longer reach `m` acceptances
		/// fails.
		///
		/// Emits `ArrangementDeclined`, and `PolicyFailed` if the policy fails.
		#[pallet::call_index(9)]
		#[pallet::weight(T::WeightInfo::decline_arrangement(T::MaxShares::get()))]
		#[pallet::feeless_if(|origin: &OriginFor<T>, id: &PolicyId, digest: &[u8; 32], _fault: &KfragFault| -> bool {
			Pallet::<T>::proposal_of(origin, id, digest).is_ok()
		})]
		pub fn decline_arrangement(
			origin: OriginFor<T>,
			id: PolicyId,
			digest: [u8; 32],
			fault: KfragFault,
		) -> DispatchResult {
			let caller = ensure_signed(origin)?;
			Self::do_decline_arrangement(&caller, id, &digest, fault)
		}

		/// Leaves a policy the caller accepted.
		///
		/// - `origin`: signed by a node of the policy that accepted and still serves (or its
		///   `nkms` key). Feeless; a transaction that would fail is not valid at all.
		/// - `id`: a pending or live policy.
		/// - `fault`: `None` to leave with notice: the node serves `LeaveNotice` blocks more.
		///   Some fault the node found in its key fragment (its answers would be rejected) to
		///   leave at once.
		///
		/// The node's fees after its service go back to the owner. If fewer than `m` nodes
		/// would be left, the policy ends when the node's service does.
		///
		/// Emits `NodeLeaving`, and `PolicyShortened` if the policy ends earlier.
		#[pallet::call_index(10)]
		#[pallet::weight(T::WeightInfo::leave_policy(T::MaxShares::get()))]
		#[pallet::feeless_if(|origin: &OriginFor<T>, id: &PolicyId, fault: &Option<KfragFault>| -> bool {
			Pallet::<T>::leaving_arrangement(origin, id, fault).is_ok()
		})]
		pub fn leave_policy(
			origin: OriginFor<T>,
			id: PolicyId,
			fault: Option<KfragFault>,
		) -> DispatchResultWithPostInfo {
			let caller = ensure_signed(origin)?;
			let shares = Self::do_leave_policy(&caller, id, fault)?;
			Ok(Some(T::WeightInfo::leave_policy(shares)).into())
		}

		/// Sets or clears the longest policy the caller takes.
		///
		/// - `origin`: signed by a staker.
		/// - `blocks`: the longest time from a policy's creation or extension to its expiry
		///   that the node takes; `None` clears it (the chain's `MaxPolicyDuration` applies).
		///   Creations and extensions that run longer are refused.
		///
		/// A new entry holds a deposit; clearing releases it.
		///
		/// Emits `MaxDurationSet`.
		#[pallet::call_index(11)]
		#[pallet::weight(T::WeightInfo::set_max_duration())]
		pub fn set_max_duration(
			origin: OriginFor<T>,
			blocks: Option<BlockNumberFor<T>>,
		) -> DispatchResult {
			let node = ensure_signed(origin)?;
			Self::do_set_max_duration(&node, blocks)
		}
	}
}
