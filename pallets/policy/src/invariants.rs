//! The invariants of the pallet's storage, checked by `try_state` and after every unit test.

use alloc::collections::{BTreeMap, BTreeSet};
use frame_support::{ensure, traits::fungible::InspectHold, traits::Get};
use sp_runtime::{
	traits::{Saturating, Zero},
	TryRuntimeError,
};

use crate::*;

impl<T: Config> Pallet<T> {
	/// Checks:
	/// - each policy's escrow is the unpaid fees of its arrangements' service plus the
	///   forfeits already deducted, no arrangement is paid beyond its service or forfeits more
	///   than it is owed, a live policy has at least `m` serving nodes, and no two of its nodes
	///   share a key fragment id;
	/// - a node holds a fragment exactly while it serves a policy that is not revoked, and
	///   lists the policy while it serves it live; every fragment and list entry belongs to a
	///   policy;
	/// - each policy is in its owner's list and in the settlement queue at its end plus
	///   `SettlementDelay`, and every list entry and queue entry belongs to a policy;
	/// - each account's escrow and deposit holds are what its policies and minimum fee rate
	///   hold.
	pub fn do_try_state() -> Result<(), TryRuntimeError> {
		let now = frame_system::Pallet::<T>::block_number();
		let mut escrows = BTreeMap::<T::AccountId, BalanceOf<T>>::new();
		let mut deposits = BTreeMap::<T::AccountId, BalanceOf<T>>::new();
		for (id, policy) in Policies::<T>::iter() {
			ensure!(policy.escrow == policy.escrow_due(), "a policy's escrow is not what it owes");
			let ids = policy.arrangements.iter().map(|a| a.kfrag_id).collect::<BTreeSet<_>>();
			ensure!(ids.len() == policy.arrangements.len(), "two nodes share a key fragment id");
			for arrangement in &policy.arrangements {
				let end = policy.service_end(arrangement);
				ensure!(arrangement.paid_until <= end, "a node is paid beyond its service");
				ensure!(
					arrangement.forfeited <= fee_for(policy.rate, arrangement.paid_until, end),
					"a node forfeited more than it is owed"
				);
				let holds = policy.revoked_at.is_none() && arrangement.until == policy.expiry;
				ensure!(
					KeyFrags::<T>::contains_key(id, &arrangement.node) == holds,
					"a fragment is kept without service, or missing"
				);
				let listed =
					NodePolicies::<T>::get(&arrangement.node).contains(&(id, policy.expiry));
				// An ended policy may already have left the list.
				ensure!(
					listed == holds || (!listed && policy.expiry <= now),
					"a node's list disagrees with its service"
				);
			}
			if policy.state(now) == PolicyState::Live {
				ensure!(
					policy.serving(now).count() >= usize::from(policy.threshold),
					"a live policy has fewer than m nodes"
				);
			}
			ensure!(
				policy.revoked_at.is_none() || policy.deposit.is_zero(),
				"a revoked deposit is held"
			);
			ensure!(
				OwnerPolicies::<T>::get(&policy.owner).contains(&id),
				"a policy is missing from its owner's list"
			);
			ensure!(
				SettlementQueue::<T>::contains_key(
					policy.end().saturating_add(T::SettlementDelay::get()),
					id
				),
				"a policy is not queued for settlement at its end"
			);
			let escrow = escrows.entry(policy.owner.clone()).or_default();
			*escrow = escrow.saturating_add(policy.escrow);
			let deposit = deposits.entry(policy.owner.clone()).or_default();
			*deposit = deposit.saturating_add(policy.deposit);
		}
		ensure!(
			KeyFrags::<T>::iter_keys().all(|(id, _)| Policies::<T>::contains_key(id)),
			"a fragment outlived its policy"
		);
		ensure!(
			NodePolicies::<T>::iter_values().all(|list| !list.is_empty()
				&& list.iter().all(|(id, _)| Policies::<T>::contains_key(id))),
			"a node's list names a settled policy"
		);
		ensure!(
			OwnerPolicies::<T>::iter_values()
				.all(|ids| !ids.is_empty() && ids.iter().all(Policies::<T>::contains_key)),
			"an owner's list names a settled policy"
		);
		ensure!(
			SettlementQueue::<T>::iter_keys().all(|(_, id)| Policies::<T>::contains_key(id)),
			"the settlement queue names a settled policy"
		);
		for (node, (_, deposit)) in MinFeeRates::<T>::iter() {
			let held = deposits.entry(node).or_default();
			*held = held.saturating_add(deposit);
		}
		for (who, escrow) in escrows {
			ensure!(
				T::Currency::balance_on_hold(&HoldReason::Escrow.into(), &who) == escrow,
				"an owner's escrow hold differs from its policies' escrow"
			);
		}
		for (who, deposit) in deposits {
			ensure!(
				T::Currency::balance_on_hold(&HoldReason::Deposit.into(), &who) == deposit,
				"an account's deposit hold differs from its records' deposits"
			);
		}
		Ok(())
	}
}
