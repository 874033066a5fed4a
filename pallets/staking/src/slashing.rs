//! Slashing of held stake, for other pallets and for offences (GRANDPA equivocations).

use frame_support::{
	pallet_prelude::Weight,
	traits::{
		fungible::{Balanced, BalancedHold},
		Get, Imbalance, OnUnbalanced,
	},
};
use nkms_primitives::staking::{SlashAmount, SlashReason, SlashStake};
use sp_runtime::{traits::Zero, Perbill};
use sp_staking::{offence::OffenceDetails, SessionIndex};

use crate::*;

impl<T: Config> Pallet<T> {
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
		let taken = ledger.slash(wanted);
		let (credit, _) = T::Currency::slash(&HoldReason::Staking.into(), who, taken);
		let amount = credit.peek();
		Ledger::<T>::insert(who, &ledger);

		let (reporter, reporter_reward, rest) = match reporter {
			Some(reporter) => {
				let (reward, rest) = credit.split(T::RewardFraction::get().mul_floor(amount));
				let reward_value = reward.peek();
				match T::Currency::resolve(reporter, reward) {
					Ok(()) => (Some(reporter.clone()), reward_value, rest),
					Err(reward) => (Some(reporter.clone()), Zero::zero(), rest.merge(reward)),
				}
			},
			None => (None, Zero::zero(), credit),
		};
		T::SlashDestination::on_unbalanced(rest);

		let at = frame_system::Pallet::<T>::block_number();
		let record =
			SlashRecord { at, amount, reason, reporter: reporter.clone(), reporter_reward };
		SlashHistory::<T>::mutate(who, |history| {
			if history.is_full() {
				history.remove(0);
			}
			let _ = history.try_push(record);
		});
		Self::deposit_event(Event::Slashed {
			staker: who.clone(),
			amount,
			reason,
			reporter,
			reporter_reward,
		});
		if ledger.active < T::MinStake::get() {
			Self::remove_candidate(who);
		}
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
/// account alone (see [`StakerIdentification`]).
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
			let (offender, ()) = &details.offender;
			let already = OffenceSlashes::<T>::get(session, offender);
			weight.saturating_accrue(T::DbWeight::get().reads(1));
			if *fraction <= already {
				continue;
			}
			OffenceSlashes::<T>::insert(session, offender, fraction);
			Self::do_slash(
				offender,
				SlashAmount::Fraction(*fraction - already),
				SlashReason::Equivocation,
				details.reporters.first(),
			);
			weight.saturating_accrue(T::WeightInfo::slash());
		}
		weight
	}
}
