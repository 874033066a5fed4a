//! The bodies of the calls.

use codec::Encode;
use frame_support::{
	ensure,
	pallet_prelude::DispatchResult,
	traits::{fungible::MutateHold, tokens::Precision, Get},
};
use nkms_primitives::{staking::PolicyObligations, UmbralPublicKey};
use sp_runtime::traits::{Saturating, Zero};

use crate::*;

impl<T: Config> Pallet<T> {
	pub(crate) fn do_bond(who: &T::AccountId, amount: BalanceOf<T>) -> DispatchResult {
		ensure!(!Ledger::<T>::contains_key(who), Error::<T>::AlreadyBonded);
		ensure!(amount >= T::MinStake::get(), Error::<T>::BelowMinStake);
		Self::hold(who, amount)?;
		Ledger::<T>::insert(who, LedgerOf::<T>::new(amount));
		Self::deposit_event(Event::Bonded { staker: who.clone(), amount });
		Self::add_candidate(who)
	}

	pub(crate) fn do_bond_extra(who: &T::AccountId, amount: BalanceOf<T>) -> DispatchResult {
		ensure!(!amount.is_zero(), Error::<T>::ZeroAmount);
		let mut ledger = Ledger::<T>::get(who).ok_or(Error::<T>::NotStaker)?;
		Self::hold(who, amount)?;
		ledger.active = ledger.active.saturating_add(amount);
		Ledger::<T>::insert(who, ledger);
		Self::deposit_event(Event::Bonded { staker: who.clone(), amount });
		Ok(())
	}

	pub(crate) fn do_unbond(who: &T::AccountId, amount: BalanceOf<T>) -> DispatchResult {
		ensure!(!amount.is_zero(), Error::<T>::ZeroAmount);
		let mut ledger = Ledger::<T>::get(who).ok_or(Error::<T>::NotStaker)?;
		ensure!(amount <= ledger.active, Error::<T>::InsufficientActiveStake);
		let remaining = ledger.active - amount;
		if remaining < T::MinStake::get() {
			ensure!(
				!T::PolicyObligations::serves_live_policies(who),
				Error::<T>::ServesLivePolicies
			);
			ensure!(remaining.is_zero(), Error::<T>::RemainderBelowMinStake);
		}
		let unlocks_at =
			frame_system::Pallet::<T>::block_number().saturating_add(T::UnbondingPeriod::get());
		ledger
			.unbond(amount, unlocks_at)
			.map_err(|()| Error::<T>::TooManyUnlockingChunks)?;
		Ledger::<T>::insert(who, ledger);
		Self::deposit_event(Event::Unbonded { staker: who.clone(), amount, unlocks_at });
		if remaining.is_zero() {
			Self::remove_candidate(who);
		}
		Ok(())
	}

	pub(crate) fn do_withdraw_unbonded(who: &T::AccountId) -> DispatchResult {
		let mut ledger = Ledger::<T>::get(who).ok_or(Error::<T>::NotStaker)?;
		let released = ledger.withdraw_unlocked(frame_system::Pallet::<T>::block_number());
		ensure!(!released.is_zero() || ledger.is_empty(), Error::<T>::NothingToWithdraw);
		if !released.is_zero() {
			T::Currency::release(
				&HoldReason::Staking.into(),
				who,
				released,
				Precision::BestEffort,
			)?;
			Self::deposit_event(Event::Withdrawn { staker: who.clone(), amount: released });
		}
		if ledger.is_empty() {
			Self::remove_staker(who);
		} else {
			Ledger::<T>::insert(who, ledger);
		}
		Ok(())
	}

	pub(crate) fn do_rebond(who: &T::AccountId, amount: BalanceOf<T>) -> DispatchResult {
		ensure!(!amount.is_zero(), Error::<T>::ZeroAmount);
		let mut ledger = Ledger::<T>::get(who).ok_or(Error::<T>::NotStaker)?;
		let moved = ledger.rebond(amount);
		ensure!(!moved.is_zero(), Error::<T>::NothingToRebond);
		Ledger::<T>::insert(who, ledger);
		Self::deposit_event(Event::Rebonded { staker: who.clone(), amount: moved });
		Ok(())
	}

	pub(crate) fn do_validate(who: &T::AccountId) -> DispatchResult {
		let ledger = Ledger::<T>::get(who).ok_or(Error::<T>::NotStaker)?;
		ensure!(ledger.active >= T::MinStake::get(), Error::<T>::BelowMinStake);
		Self::add_candidate(who)
	}

	pub(crate) fn do_chill(who: &T::AccountId) -> DispatchResult {
		ensure!(Ledger::<T>::contains_key(who), Error::<T>::NotStaker);
		ensure!(Self::remove_candidate(who), Error::<T>::NotValidating);
		Ok(())
	}

	/// Registers `key` for `staker` (a staker), replacing its previous key.
	pub(crate) fn do_set_umbral_key(staker: &T::AccountId, key: UmbralPublicKey) -> DispatchResult {
		ensure!(Ledger::<T>::contains_key(staker), Error::<T>::NotStaker);
		key.to_umbral().map_err(|_| Error::<T>::InvalidUmbralKey)?;
		match UmbralKeyOwners::<T>::get(key) {
			Some(owner) if &owner != staker => return Err(Error::<T>::UmbralKeyInUse.into()),
			_ => {},
		}
		if let Some(previous) = UmbralKeys::<T>::mutate(staker, |slot| slot.replace(key)) {
			UmbralKeyOwners::<T>::remove(previous);
		}
		UmbralKeyOwners::<T>::insert(key, staker);
		Self::deposit_event(Event::UmbralKeySet { staker: staker.clone(), key });
		Ok(())
	}

	/// The staker a call of `caller` acts for: the caller itself, or the staker whose `nkms`
	/// session key the caller is.
	pub(crate) fn staker_of_caller(caller: &T::AccountId) -> Result<T::AccountId, Error<T>> {
		if Ledger::<T>::contains_key(caller) {
			return Ok(caller.clone());
		}
		caller
			.using_encoded(T::NodeKeyOwner::owner_of)
			.filter(|staker| Ledger::<T>::contains_key(staker))
			.ok_or(Error::<T>::NotStakerOrNodeKey)
	}

	fn hold(who: &T::AccountId, amount: BalanceOf<T>) -> DispatchResult {
		T::Currency::hold(&HoldReason::Staking.into(), who, amount)
			.map_err(|_| Error::<T>::InsufficientBalance.into())
	}

	/// Adds `who` to the candidates.
	fn add_candidate(who: &T::AccountId) -> DispatchResult {
		Candidates::<T>::try_mutate(|candidates| match candidates.binary_search(who) {
			Ok(_) => Err(Error::<T>::AlreadyValidating),
			Err(index) => candidates
				.try_insert(index, who.clone())
				.map_err(|_| Error::<T>::TooManyCandidates),
		})?;
		Self::deposit_event(Event::Validating { staker: who.clone() });
		Ok(())
	}

	/// Removes `who` from the candidates; whether it was one.
	pub(crate) fn remove_candidate(who: &T::AccountId) -> bool {
		let removed = Candidates::<T>::mutate(|candidates| match candidates.binary_search(who) {
			Ok(index) => {
				candidates.remove(index);
				true
			},
			Err(_) => false,
		});
		if removed {
			Self::deposit_event(Event::Chilled { staker: who.clone() });
		}
		removed
	}

	fn remove_staker(who: &T::AccountId) {
		Self::remove_candidate(who);
		Ledger::<T>::remove(who);
		if let Some(key) = UmbralKeys::<T>::take(who) {
			UmbralKeyOwners::<T>::remove(key);
		}
		Self::deposit_event(Event::StakerRemoved { staker: who.clone() });
	}
}
