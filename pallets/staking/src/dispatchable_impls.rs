//! The bodies of the calls, and the removal of stakers that hold nothing.

use codec::Encode;
use frame_support::{
	defensive, ensure,
	pallet_prelude::DispatchResult,
	traits::{fungible::MutateHold, tokens::Precision, Get},
};
use frame_system::pallet_prelude::BlockNumberFor;
use nkms_primitives::{
	staking::{umbral_key_proof_message, PolicyObligations},
	UmbralPublicKey, UmbralSignature,
};
use sp_runtime::traits::{Saturating, Zero};

use crate::{
	candidacy::{self, Entry},
	*,
};

impl<T: Config> Pallet<T> {
	pub(crate) fn do_bond(who: &T::AccountId, amount: BalanceOf<T>) -> DispatchResult {
		ensure!(!Ledger::<T>::contains_key(who), Error::<T>::AlreadyBonded);
		ensure!(amount >= T::MinStake::get(), Error::<T>::BelowMinStake);
		Self::hold(who, amount)?;
		Ledger::<T>::insert(who, LedgerOf::<T>::new(amount));
		Self::deposit_event(Event::Bonded { staker: who.clone(), amount });
		if let Entry::Outranked = Self::enter_candidates(who, amount) {
			Self::deposit_event(Event::Waiting { staker: who.clone() });
		}
		Ok(())
	}

	pub(crate) fn do_bond_extra(who: &T::AccountId, amount: BalanceOf<T>) -> DispatchResult {
		ensure!(!amount.is_zero(), Error::<T>::ZeroAmount);
		let mut ledger = Ledger::<T>::get(who).ok_or(Error::<T>::NotStaker)?;
		Self::hold(who, amount)?;
		ledger.active = ledger.active.saturating_add(amount);
		Self::deposit_event(Event::Bonded { staker: who.clone(), amount });
		Self::put_ledger(who, ledger);
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
			.map_err(|ChunksFull| Error::<T>::TooManyUnlockingChunks)?;
		Self::deposit_event(Event::Unbonded { staker: who.clone(), amount, unlocks_at });
		Self::put_ledger(who, ledger);
		Ok(())
	}

	pub(crate) fn do_withdraw_unbonded(who: &T::AccountId) -> DispatchResult {
		let mut ledger = Ledger::<T>::get(who).ok_or(Error::<T>::NotStaker)?;
		let released = ledger.withdraw_unlocked(frame_system::Pallet::<T>::block_number());
		if released.is_zero() {
			ensure!(Self::remove_if_empty(who, &ledger), Error::<T>::NothingToWithdraw);
			return Ok(());
		}
		let freed = T::Currency::release(
			&HoldReason::Staking.into(),
			who,
			released,
			Precision::BestEffort,
		)?;
		if freed != released {
			defensive!("a staker's hold was smaller than its ledger");
		}
		Self::deposit_event(Event::Withdrawn { staker: who.clone(), amount: freed });
		if !Self::remove_if_empty(who, &ledger) {
			Ledger::<T>::insert(who, ledger);
		}
		Ok(())
	}

	pub(crate) fn do_rebond(who: &T::AccountId, amount: BalanceOf<T>) -> DispatchResult {
		ensure!(!amount.is_zero(), Error::<T>::ZeroAmount);
		let mut ledger = Ledger::<T>::get(who).ok_or(Error::<T>::NotStaker)?;
		let moved = ledger.rebond(amount);
		ensure!(!moved.is_zero(), Error::<T>::NothingToRebond);
		Self::deposit_event(Event::Rebonded { staker: who.clone(), amount: moved });
		Self::put_ledger(who, ledger);
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

	/// Registers `key` for `staker` if `proof` is the key's signature of
	/// [`umbral_key_proof_message`] for `staker` on this chain; notes the session of the change.
	pub(crate) fn do_register_umbral_key(
		staker: &T::AccountId,
		key: UmbralPublicKey,
		proof: &UmbralSignature,
	) -> DispatchResult {
		key.to_umbral().map_err(|_| Error::<T>::InvalidUmbralKey)?;
		ensure!(Self::proves_possession(staker, &key, proof), Error::<T>::InvalidKeyProof);
		Self::do_set_umbral_key(staker, key)?;
		UmbralKeyChanges::<T>::insert(staker, CurrentSession::<T>::get());
		Ok(())
	}

	/// Whether `proof` is `key`'s signature of [`umbral_key_proof_message`] for `staker` and
	/// this chain's genesis hash.
	fn proves_possession(
		staker: &T::AccountId,
		key: &UmbralPublicKey,
		proof: &UmbralSignature,
	) -> bool {
		let genesis = frame_system::Pallet::<T>::block_hash(BlockNumberFor::<T>::zero());
		proof.verify(key, &umbral_key_proof_message(staker, genesis.as_ref()))
	}

	/// Whether `origin` is a staker (or its `nkms` key) that has not changed its key this
	/// session, setting a valid Umbral key that differs from its own, that no other staker has
	/// and whose possession `proof` proves: such a change pays no fee.
	pub(crate) fn is_key_change(
		origin: &frame_system::pallet_prelude::OriginFor<T>,
		key: &UmbralPublicKey,
		proof: &UmbralSignature,
	) -> bool {
		let Ok(caller) = frame_system::ensure_signed(origin.clone()) else {
			return false;
		};
		let Ok(staker) = Self::staker_of_caller(&caller) else {
			return false;
		};
		UmbralKeyChanges::<T>::get(&staker) != Some(CurrentSession::<T>::get())
			&& UmbralKeys::<T>::get(&staker).as_ref() != Some(key)
			&& !UmbralKeyOwners::<T>::contains_key(key)
			&& key.to_umbral().is_ok()
			&& Self::proves_possession(&staker, key, proof)
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

	/// Removes `who` if `ledger` (its ledger) holds nothing and it is in neither the current
	/// nor the next session's set; a node still elected is removed by the rotation that drops
	/// it. Whether it was removed.
	pub(crate) fn remove_if_empty(who: &T::AccountId, ledger: &LedgerOf<T>) -> bool {
		let removable = ledger.is_empty()
			&& !ActiveStake::<T>::contains_key(who)
			&& !PlannedNodes::<T>::get().iter().any(|(node, _)| node == who);
		if removable {
			Self::remove_staker(who);
		}
		removable
	}

	/// Removes everything kept about `who`: ledger, candidacy, Umbral key (and the session of its
	/// last change), slash history and the
	/// reference on its `nkms` key's account.
	fn remove_staker(who: &T::AccountId) {
		if Ledger::<T>::take(who).is_some_and(|ledger| ledger.wants_to_validate) {
			Candidates::<T>::mutate(|list| candidacy::remove(list, who));
			Self::deposit_event(Event::Chilled { staker: who.clone() });
		}
		if let Some(key) = UmbralKeys::<T>::take(who) {
			UmbralKeyOwners::<T>::remove(key);
		}
		UmbralKeyChanges::<T>::remove(who);
		SlashHistory::<T>::remove(who);
		Self::release_node_account(who);
		Self::deposit_event(Event::StakerRemoved { staker: who.clone() });
	}
}
