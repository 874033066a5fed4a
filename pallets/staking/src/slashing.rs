//! Slashing of held stake, for other pallets and for offences (GRANDPA equivocations), and the
//! disabling of offending validators.

use frame_support::{
	defensive,
	pallet_prelude::Weight,
	traits::{
		fungible::{Balanced, BalancedHold},
		Get, Imbalance, OnUnbalanced,
	},
};
use nkms_primitives::staking::{SlashAmount, SlashReason, SlashStake};
use sp_runtime::{traits::Zero, PerThing, Perbill, Rounding};
use sp_staking::{
	offence::{OffenceDetails, OffenceSeverity},
	SessionIndex,
};

use crate::*;

/// Takes an offending validator out of block production and finality for the rest of the
/// session (pallet-session's disabling, as its `DisablingStrategy` decides).
pub trait DisableValidator<AccountId> {
	/// Disables `who`, if it validates this session, for an offence of `severity`.
	fn disable(who: &AccountId, severity: Perbill);
	/// Re-enables every disabled validator: a new session has begun.
	fn reenable_all();
}

/// pallet-session forgets disabled validators only when the set changes; the staking pallet
/// re-enables them at every session start, so that disabling lasts for the rest of a session.
impl<T: pallet_session::Config> DisableValidator<T::ValidatorId> for pallet_session::Pallet<T> {
	fn disable(who: &T::ValidatorId, severity: Perbill) {
		Self::report_offence(who.clone(), OffenceSeverity(severity));
	}

	fn reenable_all() {
		for index in Self::disabled_validators() {
			Self::reenable_index(index);
		}
	}
}

impl<T: Config> Pallet<T> {
	/// The most a slash weighs: the removal of a staker slashed to nothing that is not
	/// elected, or the chilling of one that is.
	pub fn slash_weight() -> Weight {
		T::WeightInfo::slash().max(T::WeightInfo::slash_elected())
	}

	/// The most an offender of a report weighs: measured with an elected offender disabled at
	/// the limit, or a slash of one that is not elected plus the offence record and the
	/// disabling strategy's reads.
	pub fn offender_weight() -> Weight {
		T::WeightInfo::on_offence()
			.max(Self::slash_weight().saturating_add(T::DbWeight::get().reads_writes(3, 1)))
	}

	/// Slashes `who` as the module docs describe; returns how much was taken.
	pub(crate) fn do_slash(
		who: &T::AccountId,
		amount: SlashAmount<BalanceOf<T>>,
		reason: SlashReason,
		reporter: Option<&T::AccountId>,
	) -> BalanceOf<T> {
		let Some(mut ledger) = Ledger::<T>::get(who) else { return Zero::zero() };
		let held = ledger.total();
		let wanted = match amount {
			SlashAmount::Fraction(fraction) => fraction.mul_floor(held),
			SlashAmount::Amount(amount) => amount.min(held),
		};
		if wanted.is_zero() {
			return Zero::zero();
		}
		// The ledger gives up exactly what the hold gave, so the two cannot drift apart.
		let (credit, missing) = T::Currency::slash(&HoldReason::Staking.into(), who, wanted);
		if !missing.is_zero() {
			defensive!("a staker's hold was smaller than its ledger");
		}
		let amount = credit.peek();
		ledger.slash(amount);

		let (reporter_reward, rest) = match reporter {
			Some(reporter) => {
				let (reward, rest) = credit.split(T::RewardFraction::get().mul_floor(amount));
				let reward_value = reward.peek();
				match T::Currency::resolve(reporter, reward) {
					Ok(()) => (reward_value, rest),
					Err(reward) => (Zero::zero(), rest.merge(reward)),
				}
			},
			None => (Zero::zero(), credit),
		};
		T::SlashDestination::on_unbalanced(rest);

		Self::deposit_event(Event::Slashed {
			staker: who.clone(),
			amount,
			reason,
			reporter: reporter.cloned(),
			reporter_reward,
		});
		// A staker slashed to nothing goes, with its history, unless it is still elected.
		if Self::remove_if_empty(who, &ledger) {
			return amount;
		}
		Self::put_ledger(who, ledger);
		let record = SlashRecord {
			at: frame_system::Pallet::<T>::block_number(),
			amount,
			reason,
			reporter: reporter.cloned(),
			reporter_reward,
		};
		SlashHistory::<T>::mutate(who, |history| {
			if history.is_full() {
				history.remove(0);
			}
			let _ = history.try_push(record);
		});
		amount
	}
}

impl<T: Config> SlashStake<T::AccountId> for Pallet<T> {
	type Balance = BalanceOf<T>;

	fn slash(
		who: &T::AccountId,
		amount: SlashAmount<BalanceOf<T>>,
		reason: SlashReason,
		reporter: Option<&T::AccountId>,
	) -> BalanceOf<T> {
		Self::do_slash(who, amount, reason, reporter)
	}
}

/// Offences from pallet-offences (GRANDPA equivocations), for validators identified by their
/// account alone (see [`StakerIdentification`]). An offender is disabled for the rest of the
/// session in which the offence is reported, whichever session it was committed in.
impl<T: Config> sp_staking::offence::OnOffenceHandler<T::AccountId, (T::AccountId, ()), Weight>
	for Pallet<T>
{
	fn on_offence(
		offenders: &[OffenceDetails<T::AccountId, (T::AccountId, ())>],
		slash_fraction: &[Perbill],
		session: SessionIndex,
	) -> Weight {
		let mut weight = Weight::zero();
		for (details, fraction) in offenders.iter().zip(slash_fraction) {
			weight.saturating_accrue(Self::offender_weight());
			let (offender, ()) = &details.offender;
			let already = OffenceSlashes::<T>::get(session, offender);
			if *fraction <= already {
				continue;
			}
			OffenceSlashes::<T>::insert(session, offender, fraction);
			Self::do_slash(
				offender,
				SlashAmount::Fraction(fraction_of_rest(*fraction, already)),
				SlashReason::Equivocation,
				details.reporters.first(),
			);
			T::ValidatorDisabling::disable(offender, *fraction);
		}
		weight
	}
}

/// The fraction of what an offender still holds that takes its slash for an offence from
/// `already` to `fraction` of what it held: `(fraction - already) / (1 - already)`, rounded up.
/// Without later changes to its stake, the two slashes together take `fraction` of it.
fn fraction_of_rest(fraction: Perbill, already: Perbill) -> Perbill {
	Perbill::from_rational_with_rounding(
		(fraction - already).deconstruct(),
		(Perbill::one() - already).deconstruct(),
		Rounding::Up,
	)
	.unwrap_or(Perbill::one())
}
