//! Fee arithmetic: what a policy holds in escrow, what each node earns and forfeits, and what
//! goes back to the owner. Everything is computed from block numbers when it is asked for; no
//! block iterates over policies. The module docs state the formulas.

use frame_support::traits::Get;
use sp_runtime::traits::{AtLeast32BitUnsigned, SaturatedConversion, Zero};

use crate::types::{Arrangement, ArrangementStatus, Ending, Policy, PolicyState};

/// `rate` for each block of `[from, to)`: zero if the range is empty.
pub fn fee_for<Balance, BlockNumber>(rate: Balance, from: BlockNumber, to: BlockNumber) -> Balance
where
	Balance: AtLeast32BitUnsigned + Copy,
	BlockNumber: AtLeast32BitUnsigned + Copy,
{
	let blocks = Balance::saturated_from(to.saturating_sub(from).saturated_into::<u128>());
	rate.saturating_mul(blocks)
}

impl<AccountId, Balance, BlockNumber> Arrangement<AccountId, Balance, BlockNumber>
where
	Balance: AtLeast32BitUnsigned + Copy,
	BlockNumber: AtLeast32BitUnsigned + Copy,
{
	/// Pays the fees of the blocks from `paid_until` to `to` less the forfeits not yet
	/// deducted; returns `(payment, forfeits deducted)`. A node that has not accepted is paid
	/// nothing.
	pub fn pay_until(&mut self, rate: Balance, to: BlockNumber) -> (Balance, Balance) {
		if to <= self.paid_until || self.status == ArrangementStatus::Proposed {
			return (Zero::zero(), Zero::zero());
		}
		let gross = fee_for(rate, self.paid_until, to);
		let deducted = gross.min(self.forfeited);
		self.forfeited -= deducted;
		self.paid_until = to;
		(gross - deducted, deducted)
	}

	/// Forfeits the fees of the blocks of `[from, to)` before `service_end` that are not
	/// forfeited already (only blocks from the end of the last forfeited window count), at most
	/// what is still unpaid; returns the amount. A forfeit of blocks already paid is deducted
	/// from later payments.
	pub fn forfeit(
		&mut self,
		rate: Balance,
		service_end: BlockNumber,
		from: BlockNumber,
		to: BlockNumber,
	) -> Balance {
		let from = from.max(self.forfeited_until);
		let to = to.min(service_end);
		if to <= from {
			return Zero::zero();
		}
		let unpaid = fee_for(rate, self.paid_until, service_end).saturating_sub(self.forfeited);
		let amount = fee_for(rate, from, to).min(unpaid);
		self.forfeited = self.forfeited.saturating_add(amount);
		self.forfeited_until = to;
		amount
	}
}

impl<AccountId, Balance, BlockNumber, MaxShares, MaxLabelLen>
	Policy<AccountId, Balance, BlockNumber, MaxShares, MaxLabelLen>
where
	AccountId: Clone + PartialEq + Eq + core::fmt::Debug,
	Balance: AtLeast32BitUnsigned + Copy + core::fmt::Debug,
	BlockNumber: AtLeast32BitUnsigned + Copy + core::fmt::Debug,
	MaxShares: Get<u32>,
	MaxLabelLen: Get<u32>,
{
	/// The first block after the policy's service: its revocation, failure or expiry.
	pub fn end(&self) -> BlockNumber {
		self.ended.map_or(self.expiry, |(at, _)| at)
	}

	/// Where the policy is at block `now`. A policy whose acceptance window closed with fewer
	/// than `m` acceptances is failed at once, before `on_idle` ends it.
	pub fn state(&self, now: BlockNumber) -> PolicyState {
		match self.ended {
			Some((_, Ending::Revoked)) => PolicyState::Revoked,
			Some((_, Ending::Failed)) => PolicyState::Failed,
			None if now >= self.expiry => PolicyState::Expired,
			None if self.serving(now).count() >= usize::from(self.threshold) => PolicyState::Live,
			None if now < self.decide_by => PolicyState::Pending,
			None => PolicyState::Failed,
		}
	}

	/// Whether the policy is pending or live at `now`: its owner and nodes may act on it.
	pub fn is_active(&self, now: BlockNumber) -> bool {
		matches!(self.state(now), PolicyState::Pending | PolicyState::Live)
	}

	/// The first block after `arrangement`'s service.
	pub fn service_end(
		&self,
		arrangement: &Arrangement<AccountId, Balance, BlockNumber>,
	) -> BlockNumber {
		arrangement.until.min(self.end())
	}

	/// The arrangements that accepted and still serve at block `now`.
	pub fn serving(
		&self,
		now: BlockNumber,
	) -> impl Iterator<Item = &Arrangement<AccountId, Balance, BlockNumber>> {
		self.arrangements.iter().filter(move |a| {
			matches!(a.status, ArrangementStatus::Accepted(_)) && self.service_end(a) > now
		})
	}

	/// The arrangements still proposed: their nodes have not decided.
	pub fn proposed(&self) -> impl Iterator<Item = &Arrangement<AccountId, Balance, BlockNumber>> {
		self.arrangements.iter().filter(|a| a.status == ArrangementStatus::Proposed)
	}

	/// Whether `m` nodes can still serve at `now`: those that accepted and still serve, and
	/// those that may still accept.
	pub fn can_reach_threshold(&self, now: BlockNumber) -> bool {
		let undecided = if now < self.decide_by { self.proposed().count() } else { 0 };
		self.serving(now).count().saturating_add(undecided) >= usize::from(self.threshold)
	}

	/// Ends the service of `arrangement` at `at` if it would go on longer; returns the fees of
	/// the blocks it will not serve, which leave the escrow.
	pub fn end_service(&mut self, index: usize, at: BlockNumber) -> Balance {
		let rate = self.rate;
		let Some(arrangement) = self.arrangements.get_mut(index) else { return Zero::zero() };
		if arrangement.until <= at {
			return Zero::zero();
		}
		let unserved = fee_for(rate, at, arrangement.until);
		arrangement.until = at;
		self.escrow = self.escrow.saturating_sub(unserved);
		unserved
	}

	/// What the escrow must hold: the unpaid fees of every arrangement's service plus the
	/// forfeits already deducted.
	pub fn escrow_due(&self) -> Balance {
		self.arrangements.iter().fold(self.forfeits, |due, arrangement| {
			due.saturating_add(fee_for(
				self.rate,
				arrangement.paid_until,
				self.service_end(arrangement),
			))
		})
	}
}
