//! Fee arithmetic: what a policy holds in escrow, what each node earns and forfeits, and what
//! goes back to the owner. Everything is computed from block numbers when it is asked for; no
//! block iterates over policies. The module docs state the formulas.

use frame_support::traits::Get;
use sp_runtime::traits::{AtLeast32BitUnsigned, SaturatedConversion, Zero};

use crate::types::{Arrangement, Policy, PolicyState};

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
	/// deducted; returns `(payment, forfeits deducted)`.
	pub fn pay_until(&mut self, rate: Balance, to: BlockNumber) -> (Balance, Balance) {
		if to <= self.paid_until {
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
	/// The first block after the policy's service: its revocation or its expiry.
	pub fn end(&self) -> BlockNumber {
		self.revoked_at.unwrap_or(self.expiry)
	}

	/// Where the policy is at block `now`.
	pub fn state(&self, now: BlockNumber) -> PolicyState {
		match self.revoked_at {
			Some(_) => PolicyState::Revoked,
			None if now < self.expiry => PolicyState::Live,
			None => PolicyState::Expired,
		}
	}

	/// The first block after `arrangement`'s service.
	pub fn service_end(
		&self,
		arrangement: &Arrangement<AccountId, Balance, BlockNumber>,
	) -> BlockNumber {
		arrangement.until.min(self.end())
	}

	/// The arrangements that still serve at block `now`.
	pub fn serving(
		&self,
		now: BlockNumber,
	) -> impl Iterator<Item = &Arrangement<AccountId, Balance, BlockNumber>> {
		self.arrangements.iter().filter(move |a| self.service_end(a) > now)
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
