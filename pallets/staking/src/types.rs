//! Types and aliases of the staking pallet.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use frame_support::{
	traits::{fungible, Get},
	BoundedVec, CloneNoBound, DebugNoBound, EqNoBound, PartialEqNoBound,
};
use frame_system::pallet_prelude::BlockNumberFor;
use nkms_primitives::staking::SlashReason;
use scale_info::TypeInfo;
use sp_runtime::traits::{AtLeast32BitUnsigned, Saturating, Zero};

use crate::Config;

/// The balance type of the staked currency.
pub type BalanceOf<T> =
	<<T as Config>::Currency as fungible::Inspect<<T as frame_system::Config>::AccountId>>::Balance;
/// Funds taken out of an account, waiting to be placed somewhere.
pub type CreditOf<T> =
	fungible::Credit<<T as frame_system::Config>::AccountId, <T as Config>::Currency>;
/// A staker's ledger as stored.
pub type LedgerOf<T> =
	StakeLedger<BalanceOf<T>, BlockNumberFor<T>, <T as Config>::MaxUnlockingChunks>;
/// A session's nodes with the stake each had when elected.
pub type NodeSetOf<T> = BoundedVec<
	(<T as frame_system::Config>::AccountId, BalanceOf<T>),
	<T as Config>::MaxValidators,
>;
/// The candidates with their active stake, in election order (see [`outranks`]).
pub type CandidatesOf<T> = BoundedVec<
	(<T as frame_system::Config>::AccountId, BalanceOf<T>),
	<T as Config>::MaxCandidates,
>;
/// A slash as recorded.
pub type SlashRecordOf<T> =
	SlashRecord<<T as frame_system::Config>::AccountId, BalanceOf<T>, BlockNumberFor<T>>;

/// Stake on its way out: held and slashable until `unlocks_at`, then withdrawable.
#[derive(
	Clone,
	Copy,
	Debug,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
)]
pub struct UnlockChunk<Balance, BlockNumber> {
	/// The amount unlocking.
	pub value: Balance,
	/// The first block at which it can be withdrawn.
	pub unlocks_at: BlockNumber,
}

/// A ledger has no room for another unlocking chunk.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ChunksFull;

/// One staker's held stake: `active` counts for validation; `unlocking` is leaving. Everything
/// in the ledger is held under the pallet's hold reason and slashable.
///
/// `wants_to_validate` is the staker's wish to be a candidate: set by `bond` and `validate`,
/// cleared by `chill` and whenever active stake falls below the minimum. A staker that wants to
/// validate but is not on the candidate list waits: it enters when it acts (`bond_extra`,
/// `rebond`, `validate`) and the list has room or it outranks the weakest candidate. Nothing
/// scans the waiting stakers.
#[derive(
	CloneNoBound,
	PartialEqNoBound,
	EqNoBound,
	DebugNoBound,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
)]
#[scale_info(skip_type_params(MaxChunks))]
#[codec(mel_bound(Balance: MaxEncodedLen, BlockNumber: MaxEncodedLen))]
pub struct StakeLedger<Balance, BlockNumber, MaxChunks: Get<u32>>
where
	Balance: Clone + PartialEq + Eq + core::fmt::Debug,
	BlockNumber: Clone + PartialEq + Eq + core::fmt::Debug,
{
	/// Bonded stake that counts for validation.
	pub active: Balance,
	/// Unbonded stake in order of `unlocks_at`, at most one chunk per block.
	pub unlocking: BoundedVec<UnlockChunk<Balance, BlockNumber>, MaxChunks>,
	/// Whether the staker wants to be a candidate for the validator set.
	pub wants_to_validate: bool,
}

impl<Balance, BlockNumber, MaxChunks> StakeLedger<Balance, BlockNumber, MaxChunks>
where
	Balance: AtLeast32BitUnsigned + Copy + core::fmt::Debug,
	BlockNumber: Ord + Copy + core::fmt::Debug,
	MaxChunks: Get<u32>,
{
	/// A ledger of `active` stake, nothing unlocking, that wants to validate.
	pub fn new(active: Balance) -> Self {
		Self { active, unlocking: BoundedVec::new(), wants_to_validate: true }
	}

	/// All held stake: active and unlocking.
	pub fn total(&self) -> Balance {
		self.unlocking
			.iter()
			.fold(self.active, |total, chunk| total.saturating_add(chunk.value))
	}

	/// Whether nothing is held any more.
	pub fn is_empty(&self) -> bool {
		self.active.is_zero() && self.unlocking.is_empty()
	}

	/// Moves `value` (at most `active`) into a chunk unlocking at `unlocks_at`, merged with the
	/// last chunk if that unlocks at the same block. Fails, changing nothing, if a new chunk
	/// does not fit.
	pub fn unbond(&mut self, value: Balance, unlocks_at: BlockNumber) -> Result<(), ChunksFull> {
		match self.unlocking.last_mut() {
			Some(last) if last.unlocks_at == unlocks_at => {
				last.value = last.value.saturating_add(value);
			},
			_ => self
				.unlocking
				.try_push(UnlockChunk { value, unlocks_at })
				.map_err(|_| ChunksFull)?,
		}
		self.active = self.active.saturating_sub(value);
		Ok(())
	}

	/// Moves up to `value` back from the unlocking chunks to `active`, the latest chunk first;
	/// returns how much moved.
	pub fn rebond(&mut self, value: Balance) -> Balance {
		let moved = self.take_from_unlocking(value);
		self.active = self.active.saturating_add(moved);
		moved
	}

	/// Drops the chunks unlocked at `now`; returns their sum.
	pub fn withdraw_unlocked(&mut self, now: BlockNumber) -> Balance {
		let mut released = Balance::zero();
		self.unlocking.retain(|chunk| {
			let unlocked = chunk.unlocks_at <= now;
			if unlocked {
				released = released.saturating_add(chunk.value);
			}
			!unlocked
		});
		released
	}

	/// Takes up to `value` for a slash: from `active` first, then from the unlocking chunks,
	/// the latest first; returns how much was taken.
	pub fn slash(&mut self, value: Balance) -> Balance {
		let from_active = value.min(self.active);
		self.active -= from_active;
		from_active.saturating_add(self.take_from_unlocking(value - from_active))
	}

	fn take_from_unlocking(&mut self, value: Balance) -> Balance {
		let mut left = value;
		while !left.is_zero() {
			let Some(last) = self.unlocking.last_mut() else { break };
			let taken = left.min(last.value);
			last.value -= taken;
			left -= taken;
			if last.value.is_zero() {
				self.unlocking.pop();
			}
		}
		value - left
	}
}

/// A slash as kept in a staker's slash history.
#[derive(
	Clone, Debug, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo,
)]
pub struct SlashRecord<AccountId, Balance, BlockNumber> {
	/// The block of the slash.
	pub at: BlockNumber,
	/// How much stake was taken, the reporter's reward included.
	pub amount: Balance,
	/// Why.
	pub reason: SlashReason,
	/// Who reported it, if anyone.
	pub reporter: Option<AccountId>,
	/// How much of `amount` went to the reporter.
	pub reporter_reward: Balance,
}

/// Whether candidate `a` ranks before candidate `b`: more active stake first, then the lower
/// account. This is the order of the candidate list and of the election.
pub fn outranks<AccountId: Ord, Balance: Ord>(
	(a, a_stake): (&AccountId, &Balance),
	(b, b_stake): (&AccountId, &Balance),
) -> bool {
	a_stake > b_stake || (a_stake == b_stake && a < b)
}

/// Sums `value`s without overflow.
pub(crate) fn saturating_sum<B: Saturating + Zero + Copy>(values: impl Iterator<Item = B>) -> B {
	values.fold(B::zero(), |sum, v| sum.saturating_add(v))
}
