//! Settlement: paying what a policy owes once it has ended, refunding the rest and removing
//! it, by `reap_policy` or with bounded work in `on_idle`.

use frame_support::{traits::Get, weights::WeightMeter};
use frame_system::pallet_prelude::BlockNumberFor;
use sp_runtime::traits::Saturating;

use crate::*;

impl<T: Config> Pallet<T> {
	/// Pays each node of policy `id` what it is owed (to the owner instead if the node cannot
	/// be paid), releases the rest of the escrow and the deposit to the owner and removes the
	/// policy. Returns its number of arrangements.
	pub(crate) fn settle(id: PolicyId, mut policy: PolicyOf<T>) -> u32 {
		let now = frame_system::Pallet::<T>::block_number();
		let state = policy.state(now);
		let end = policy.end();
		for index in 0..policy.arrangements.len() {
			let Some(arrangement) = policy.arrangements.get(index) else { continue };
			let (node, owed) = (
				arrangement.node.clone(),
				arrangement.clone().pay_until(policy.rate, policy.service_end(arrangement)).0,
			);
			// A node that cannot be paid (no longer a staker) leaves its fees in the escrow.
			let paid = frame_support::storage::with_storage_layer(|| {
				Self::pay(id, &mut policy, index, end)
			});
			if paid.is_err() {
				Self::deposit_event(Event::FeesUnpaid { id, node, amount: owed });
			}
		}
		let refund = policy.escrow;
		let deposit = policy.deposit;
		if Self::release(&policy.owner, HoldReason::Escrow, refund).is_err()
			|| Self::release(&policy.owner, HoldReason::Deposit, deposit).is_err()
		{
			frame_support::defensive!("a policy's holds were smaller than its records");
		}
		for arrangement in &policy.arrangements {
			Self::drop_fragment(id, &arrangement.node);
		}
		OwnerPolicies::<T>::mutate_exists(&policy.owner, |list| {
			if let Some(ids) = list {
				ids.retain(|other| *other != id);
				if ids.is_empty() {
					*list = None;
				}
			}
		});
		SettlementQueue::<T>::remove(policy.end().saturating_add(T::SettlementDelay::get()), id);
		Policies::<T>::remove(id);
		Self::deposit_event(Event::PolicySettled { id, state, refund, deposit });
		policy.arrangements.len() as u32
	}

	/// Settles the policies due by `now`, in the order of their settlement blocks, as long as
	/// `meter` allows (the caller charged the walk's base): each step looks at the next due
	/// block, and a policy is settled only if the weight of settling the largest one is left.
	pub(crate) fn settle_due(now: BlockNumberFor<T>, meter: &mut WeightMeter) {
		let step = T::WeightInfo::walk_settlement_queue(1)
			.saturating_sub(T::WeightInfo::walk_settlement_queue(0));
		let settle = T::WeightInfo::settle_due(T::MaxShares::get());
		let start = NextSettlement::<T>::get();
		let mut block = start;
		while block <= now && meter.try_consume(step).is_ok() {
			let Some(id) = SettlementQueue::<T>::iter_key_prefix(block).next() else {
				block.saturating_inc();
				continue;
			};
			if meter.try_consume(settle).is_err() {
				break;
			}
			match Policies::<T>::get(id) {
				Some(policy) => {
					Self::settle(id, policy);
				},
				None => SettlementQueue::<T>::remove(block, id),
			}
		}
		if block != start {
			NextSettlement::<T>::put(block);
		}
	}
}
