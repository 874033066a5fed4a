//! What this pallet offers other pallets: live policies and missed requests for the
//! re-encryption pallet, and nodes' obligations for the staking pallet.

use frame_system::pallet_prelude::BlockNumberFor;
use sp_runtime::traits::Zero;

use alloc::vec::Vec;
use nkms_primitives::policy::{PolicyNode, Proposal};

use crate::*;

impl<T: Config> nkms_primitives::policy::Policies<T::AccountId, BlockNumberFor<T>> for Pallet<T> {
	fn live_policy(id: &PolicyId) -> Option<LivePolicy<T::AccountId, BlockNumberFor<T>>> {
		let now = frame_system::Pallet::<T>::block_number();
		let policy = Policies::<T>::get(id)?;
		(policy.state(now) == PolicyState::Live).then(|| LivePolicy {
			threshold: policy.threshold,
			keys: policy.umbral_keys,
			nodes: policy
				.serving(now)
				.map(|a| PolicyNode { account: a.node.clone(), kfrag_id: a.kfrag_id })
				.collect(),
			requester: policy.requester.clone(),
			ends_at: policy.expiry,
		})
	}

	fn proposals(node: &T::AccountId) -> Vec<Proposal<BlockNumberFor<T>>> {
		let now = frame_system::Pallet::<T>::block_number();
		NodeProposals::<T>::get(node)
			.into_iter()
			.filter(|(_, decide_by)| *decide_by > now)
			.filter_map(|(id, decide_by)| {
				let policy = Policies::<T>::get(id)?;
				let arrangement = policy
					.arrangements
					.iter()
					.find(|a| &a.node == node && a.status == ArrangementStatus::Proposed)?;
				Some(Proposal {
					policy: id,
					keys: policy.umbral_keys,
					kfrag_id: arrangement.kfrag_id,
					kfrag: KeyFrags::<T>::get(id, node)?,
					decide_by,
				})
			})
			.collect()
	}

	fn encrypted_kfrag(id: &PolicyId, node: &T::AccountId) -> Option<EncryptedKeyFrag> {
		KeyFrags::<T>::get(id, node)
	}

	fn missed_request(
		id: &PolicyId,
		node: &T::AccountId,
		from: BlockNumberFor<T>,
		to: BlockNumberFor<T>,
	) {
		let now = frame_system::Pallet::<T>::block_number();
		let Some(mut policy) = Policies::<T>::get(id) else { return };
		let rate = policy.rate;
		let Some(index) = policy.arrangements.iter().position(|a| &a.node == node) else { return };
		let Some(end) = policy.arrangements.get(index).map(|a| policy.service_end(a)) else {
			return;
		};
		let Some(arrangement) = policy.arrangements.get_mut(index) else { return };
		let amount = arrangement.forfeit(rate, end, from, to.min(now));
		if amount.is_zero() {
			return;
		}
		Policies::<T>::insert(id, policy);
		Self::deposit_event(Event::FeesForfeited { id: *id, node: node.clone(), amount });
	}
}

impl<T: Config> PolicyObligations<T::AccountId> for Pallet<T> {
	/// Whether `node` holds a fragment of a policy that is live now.
	fn serves_live_policies(node: &T::AccountId) -> bool {
		let now = frame_system::Pallet::<T>::block_number();
		NodePolicies::<T>::get(node).iter().any(|(_, until)| *until > now)
	}
}
