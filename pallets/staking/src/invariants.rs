//! The invariants of the pallet's storage, checked by `try_state` and after every unit test.

use alloc::collections::BTreeSet;
use frame_support::{ensure, traits::fungible::InspectHold};
use sp_runtime::{traits::Zero, TryRuntimeError};

use crate::*;

impl<T: Config> Pallet<T> {
	/// Checks every invariant listed in the module docs.
	pub fn do_try_state() -> Result<(), TryRuntimeError> {
		Self::check_ledgers()?;
		Self::check_node_identity()?;
		Self::check_candidates()?;
		Self::check_node_sets()?;
		ensure!(
			SlashHistory::<T>::iter_keys().all(Ledger::<T>::contains_key),
			"a slash history outlived its staker"
		);
		ensure!(
			UmbralKeyChanges::<T>::iter_keys().all(Ledger::<T>::contains_key),
			"the session of a key change outlived its staker"
		);
		Ok(())
	}

	fn check_ledgers() -> Result<(), TryRuntimeError> {
		for (who, ledger) in Ledger::<T>::iter() {
			let held = T::Currency::balance_on_hold(&HoldReason::Staking.into(), &who);
			ensure!(held == ledger.total(), "a staker's hold differs from its ledger's total");
			ensure!(
				ledger.unlocking.iter().all(|chunk| !chunk.value.is_zero()),
				"an unlocking chunk is empty"
			);
			ensure!(
				ledger.unlocking.windows(2).all(|pair| match pair {
					[earlier, later] => earlier.unlocks_at < later.unlocks_at,
					_ => true,
				}),
				"unlocking chunks are not in strictly increasing block order"
			);
		}
		Ok(())
	}

	fn check_node_identity() -> Result<(), TryRuntimeError> {
		for (who, key) in UmbralKeys::<T>::iter() {
			ensure!(Ledger::<T>::contains_key(&who), "an Umbral key outlived its staker");
			ensure!(
				UmbralKeyOwners::<T>::get(key).as_ref() == Some(&who),
				"an Umbral key's owner entry is missing or names another staker"
			);
		}
		for (key, owner) in UmbralKeyOwners::<T>::iter() {
			ensure!(
				UmbralKeys::<T>::get(&owner) == Some(key),
				"an Umbral key owner entry has no matching key"
			);
		}
		for (who, account) in NodeKeyAccounts::<T>::iter() {
			ensure!(Ledger::<T>::contains_key(&who), "a node key account outlived its staker");
			ensure!(
				frame_system::Pallet::<T>::sufficients(&account) > 0,
				"a kept node key account has no sufficient reference"
			);
		}
		Ok(())
	}

	fn check_candidates() -> Result<(), TryRuntimeError> {
		let candidates = Candidates::<T>::get();
		ensure!(
			candidates.windows(2).all(|pair| match pair {
				[(a, a_stake), (b, b_stake)] => outranks((a, a_stake), (b, b_stake)),
				_ => true,
			}),
			"the candidate list is not strictly in rank order"
		);
		for (who, stake) in &candidates {
			let ledger = Ledger::<T>::get(who).ok_or("a candidate is not a staker")?;
			ensure!(ledger.wants_to_validate, "a candidate does not want to validate");
			ensure!(ledger.active == *stake, "a candidate is listed with stale stake");
		}
		Ok(())
	}

	fn check_node_sets() -> Result<(), TryRuntimeError> {
		let active = ActiveNodes::<T>::get();
		for (node, _) in active.iter().chain(PlannedNodes::<T>::get().iter()) {
			ensure!(Ledger::<T>::contains_key(node), "an elected node is not a staker");
		}
		for (node, stake) in &active {
			ensure!(
				ActiveStake::<T>::get(node) == Some(*stake),
				"an active node is missing from ActiveStake"
			);
		}
		let members: BTreeSet<_> = active.iter().map(|(node, _)| node).collect();
		ensure!(
			members.len() == active.len() && ActiveStake::<T>::iter_keys().count() == active.len(),
			"ActiveStake holds nodes that are not active"
		);
		Ok(())
	}
}
