//! Settlement: paying what a policy owes once it has ended, refunding the rest and removing
//! it, by `reap_policy` or with bounded work in `on_idle`.

use frame_support::{
	traits::Get,
	weights::{Weight, WeightMeter},
};
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
		DecisionQueue::<T>::remove(policy.decide_by, id);
		Policies::<T>::remove(id);
		Self::deposit_event(Event::PolicySettled { id, state, refund, deposit });
		policy.arrangements.len() as u32
	}

	/// Settles the policies due by `now`, in the order of their settlement blocks, as long as
	/// `meter` allows (the caller charged the walk's base).
	pub(crate) fn settle_due(now: BlockNumberFor<T>, meter: &mut WeightMeter) {
		let step = T::WeightInfo::walk_settlement_queue(1)
			.saturating_sub(T::WeightInfo::walk_settlement_queue(0));
		let settle = T::WeightInfo::settle_due(T::MaxShares::get());
		let start = NextSettlement::<T>::get();
		let reached = Self::walk_due(
			start,
			now,
			meter,
			(step, settle),
			|block| SettlementQueue::<T>::iter_key_prefix(block).next(),
			|block, id| match Policies::<T>::get(id) {
				Some(policy) => {
					Self::settle(id, policy);
				},
				None => SettlementQueue::<T>::remove(block, id),
			},
		);
		if reached != start {
			NextSettlement::<T>::put(reached);
		}
	}

	/// Walks a queue of policies by block from `start` to `now` while `meter` allows: each step
	/// (`costs.0`) looks at the next entry of a block (`next`), and an entry is handled (`handle`,
	/// which removes it) only if its largest cost (`costs.1`) is left. Returns the first block
	/// not emptied.
	pub(crate) fn walk_due(
		start: BlockNumberFor<T>,
		now: BlockNumberFor<T>,
		meter: &mut WeightMeter,
		costs: (Weight, Weight),
		mut next: impl FnMut(BlockNumberFor<T>) -> Option<PolicyId>,
		mut handle: impl FnMut(BlockNumberFor<T>, PolicyId),
	) -> BlockNumberFor<T> {
		let (step, cost) = costs;
		let mut block = start;
		while block <= now && meter.try_consume(step).is_ok() {
			let Some(id) = next(block) else {
				block.saturating_inc();
				continue;
			};
			if meter.try_consume(cost).is_err() {
				break;
			}
			handle(block, id);
		}
		block
	}
}
