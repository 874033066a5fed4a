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
	///   than it is owed, an accepted one is paid from its acceptance on, and no two of its
	///   nodes share a key fragment id;
	/// - a node holds a fragment exactly while its arrangement is neither withdrawn nor of an
	///   ended policy, and lists the policy with its service end while it serves; a node that
	///   has yet to decide lists the proposal while the window is open, and the policy is in
	///   the decision queue at its window's end; every fragment and list entry belongs to a
	///   policy;
	/// - an ended policy holds no deposit; another holds at least `DeclineCompensation` for
	///   each node that has yet to decide;
	/// - each policy is in its owner's list and in the settlement queue at its end plus
	///   `SettlementDelay`, and every list entry and queue entry belongs to a policy;
	/// - each account's escrow and deposit holds are what its policies, minimum fee rate and
	///   longest duration hold.
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
				if let ArrangementStatus::Accepted(at) = arrangement.status {
					ensure!(
						policy.start <= at && at <= arrangement.paid_until,
						"a node is paid for blocks before it accepted"
					);
				}
				let holds =
					policy.ended.is_none() && arrangement.status != ArrangementStatus::Withdrawn;
				ensure!(
					KeyFrags::<T>::contains_key(id, &arrangement.node) == holds,
					"a fragment is kept without service, or missing"
				);
				let list = NodePolicies::<T>::get(&arrangement.node);
				if !holds {
					ensure!(
						list.iter().all(|(policy, _)| *policy != id),
						"a node lists a policy it no longer holds a fragment of"
					);
				} else if arrangement.until > now {
					ensure!(
						list.contains(&(id, arrangement.until)),
						"a node does not list a policy it serves, with its service end"
					);
				}
				let undecided =
					policy.ended.is_none() && arrangement.status == ArrangementStatus::Proposed;
				if undecided {
					ensure!(
						DecisionQueue::<T>::contains_key(policy.decide_by, id),
						"an undecided arrangement is not queued for its window's end"
					);
				}
				if undecided && now < policy.decide_by {
					ensure!(
						NodeProposals::<T>::get(&arrangement.node)
							.contains(&(id, policy.decide_by)),
						"a node does not list an arrangement it has to decide on"
					);
				}
			}
			match policy.ended {
				Some(_) => ensure!(policy.deposit.is_zero(), "an ended policy holds a deposit"),
				None => ensure!(
					policy.deposit
						>= T::DeclineCompensation::get()
							.saturating_mul((policy.proposed().count() as u32).into()),
					"a policy holds less than its undecided nodes' part of the deposit"
				),
			}
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
		for (node, list) in NodeProposals::<T>::iter() {
			ensure!(!list.is_empty(), "an empty list of proposals");
			for (id, decide_by) in list {
				let proposed = Policies::<T>::get(id).is_some_and(|policy| {
					policy.ended.is_none()
						&& policy.decide_by == decide_by
						&& policy
							.arrangements
							.iter()
							.any(|a| a.node == node && a.status == ArrangementStatus::Proposed)
				});
				ensure!(proposed, "a node lists a proposal it cannot decide on");
			}
		}
		ensure!(
			DecisionQueue::<T>::iter_keys().all(|(_, id)| Policies::<T>::contains_key(id)),
			"the decision queue names a settled policy"
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
		for (node, (_, deposit)) in MaxDurations::<T>::iter() {
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
