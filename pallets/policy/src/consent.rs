//! Nodes' consent: a node named in a policy checks its key fragment and accepts or declines
//! before it is bound; once bound it may leave with notice, or at once if its fragment turns out
//! to be faulty. Arrangements left undecided lapse when the acceptance window closes.

use codec::MaxEncodedLen;
use frame_support::{
	ensure,
	pallet_prelude::{DispatchError, DispatchResult},
	traits::{
		fungible::MutateHold,
		tokens::{Fortitude, Precision, Restriction},
		Get,
	},
	weights::WeightMeter,
};
use frame_system::pallet_prelude::{BlockNumberFor, OriginFor};
use sp_runtime::traits::{Saturating, Zero};

use crate::*;

/// A node's arrangement found for a decision: the node (a staker), the policy and the
/// arrangement's index in it.
pub(crate) struct Found<T: Config> {
	pub node: T::AccountId,
	pub policy: PolicyOf<T>,
	pub index: usize,
}

impl<T: Config> Pallet<T> {
	/// The proposed arrangement of policy `id` that `caller` (a node or its `nkms` key) may
	/// accept or decline now, if `digest` names its terms.
	pub(crate) fn find_proposal(
		caller: &T::AccountId,
		id: &PolicyId,
		digest: &[u8; 32],
	) -> Result<Found<T>, Error<T>> {
		let now = frame_system::Pallet::<T>::block_number();
		let node = T::Nodes::staker_acting_as(caller).ok_or(Error::<T>::NotProposed)?;
		let policy = Policies::<T>::get(id).ok_or(Error::<T>::UnknownPolicy)?;
		ensure!(policy.ended.is_none() && now < policy.expiry, Error::<T>::PolicyNotLive);
		ensure!(now < policy.decide_by, Error::<T>::DecisionWindowClosed);
		let index = policy
			.arrangements
			.iter()
			.position(|a| a.node == node && a.status == ArrangementStatus::Proposed)
			.ok_or(Error::<T>::NotProposed)?;
		let kfrag = KeyFrags::<T>::get(id, &node).ok_or(Error::<T>::NotProposed)?;
		let kfrag_id = policy.arrangements.get(index).map(|a| a.kfrag_id).unwrap_or_default();
		ensure!(
			arrangement_digest(id, &policy.umbral_keys, &kfrag_id, &kfrag) == *digest,
			Error::<T>::ArrangementMismatch
		);
		Ok(Found { node, policy, index })
	}

	/// [`Self::find_proposal`] for a signed `origin`: whether `accept_arrangement` and
	/// `decline_arrangement` would succeed, and so are feeless.
	pub(crate) fn proposal_of(
		origin: &OriginFor<T>,
		id: &PolicyId,
		digest: &[u8; 32],
	) -> Result<Found<T>, DispatchError> {
		let caller = frame_system::ensure_signed(origin.clone())?;
		Ok(Self::find_proposal(&caller, id, digest)?)
	}

	pub(crate) fn do_accept_arrangement(
		caller: &T::AccountId,
		id: PolicyId,
		digest: &[u8; 32],
	) -> DispatchResult {
		let Found { node, mut policy, index } = Self::find_proposal(caller, &id, digest)?;
		let now = frame_system::Pallet::<T>::block_number();
		let was_live = policy.state(now) == PolicyState::Live;
		let rate = policy.rate;
		let Some(arrangement) = policy.arrangements.get_mut(index) else {
			return Err(Error::<T>::NotProposed.into());
		};
		let before = fee_for(rate, arrangement.paid_until, now);
		arrangement.status = ArrangementStatus::Accepted(now);
		arrangement.paid_until = now;
		arrangement.forfeited_until = now;
		policy.escrow = policy.escrow.saturating_sub(before);
		Self::release(&policy.owner, HoldReason::Escrow, before)?;
		let deposit = Self::release_decision_deposit(&mut policy)?;
		Self::forget_proposal(&node, &id);
		Self::deposit_event(Event::ArrangementAccepted {
			id,
			node,
			refund: before.saturating_add(deposit),
		});
		if !was_live && policy.state(now) == PolicyState::Live {
			Self::deposit_event(Event::PolicyActivated { id });
		}
		Policies::<T>::insert(id, policy);
		Ok(())
	}

	pub(crate) fn do_decline_arrangement(
		caller: &T::AccountId,
		id: PolicyId,
		digest: &[u8; 32],
		fault: KfragFault,
	) -> DispatchResult {
		let Found { node, mut policy, index } = Self::find_proposal(caller, &id, digest)?;
		let share = Self::drop_proposed(id, &mut policy, index)?;
		let compensation = T::DeclineCompensation::get().min(share);
		T::Currency::transfer_on_hold(
			&HoldReason::Deposit.into(),
			&policy.owner,
			&node,
			compensation,
			Precision::Exact,
			Restriction::Free,
			Fortitude::Polite,
		)?;
		policy.deposit = policy.deposit.saturating_sub(compensation);
		let rest = Self::release_decision_deposit_less(&mut policy, compensation)?;
		Self::deposit_event(Event::ArrangementDeclined {
			id,
			node,
			fault,
			compensation,
			refund: share.saturating_add(rest),
		});
		Self::fail_if_short(id, policy)
	}

	/// The arrangement of policy `id` that `caller` (a node or its `nkms` key) accepted and may
	/// leave now, with notice or at once for `fault`.
	pub(crate) fn find_leaving(
		caller: &T::AccountId,
		id: &PolicyId,
		fault: &Option<KfragFault>,
	) -> Result<Found<T>, Error<T>> {
		let now = frame_system::Pallet::<T>::block_number();
		let node = T::Nodes::staker_acting_as(caller).ok_or(Error::<T>::NotAccepted)?;
		let policy = Policies::<T>::get(id).ok_or(Error::<T>::UnknownPolicy)?;
		ensure!(policy.is_active(now), Error::<T>::PolicyNotLive);
		let index = policy
			.arrangements
			.iter()
			.position(|a| {
				a.node == node
					&& matches!(a.status, ArrangementStatus::Accepted(_))
					&& policy.service_end(a) > now
			})
			.ok_or(Error::<T>::NotAccepted)?;
		if fault.is_none() {
			let end = policy.arrangements.get(index).map(|a| policy.service_end(a));
			ensure!(
				end.is_some_and(|end| now.saturating_add(T::LeaveNotice::get()) < end),
				Error::<T>::AlreadyLeaving
			);
		}
		Ok(Found { node, policy, index })
	}

	/// [`Self::find_leaving`] for a signed `origin`: whether `leave_policy` would succeed, and
	/// so is feeless.
	pub(crate) fn leaving_arrangement(
		origin: &OriginFor<T>,
		id: &PolicyId,
		fault: &Option<KfragFault>,
	) -> Result<Found<T>, DispatchError> {
		let caller = frame_system::ensure_signed(origin.clone())?;
		Ok(Self::find_leaving(&caller, id, fault)?)
	}

	/// The node of `caller` leaves policy `id`; returns the policy's number of arrangements.
	pub(crate) fn do_leave_policy(
		caller: &T::AccountId,
		id: PolicyId,
		fault: Option<KfragFault>,
	) -> Result<u32, DispatchError> {
		let Found { node, mut policy, index } = Self::find_leaving(caller, &id, &fault)?;
		let now = frame_system::Pallet::<T>::block_number();
		let until = match fault {
			Some(_) => now,
			None => now.saturating_add(T::LeaveNotice::get()),
		};
		let refund = policy.end_service(index, until);
		Self::release(&policy.owner, HoldReason::Escrow, refund)?;
		if fault.is_some() {
			if let Some(arrangement) = policy.arrangements.get_mut(index) {
				arrangement.status = ArrangementStatus::Withdrawn;
			}
			Self::drop_fragment(id, &node);
		} else {
			Self::list_service_end(&node, id, until);
		}
		Self::deposit_event(Event::NodeLeaving { id, node, until, fault, refund });
		if !policy.can_reach_threshold(until) && until < policy.expiry {
			Self::shorten(id, &mut policy, until)?;
		}
		let shares = policy.arrangements.len() as u32;
		Policies::<T>::insert(id, policy);
		Ok(shares)
	}

	/// Ends policy `id` at `expiry`, before its expiry: every node's service ends there and the
	/// fees after it go back to the owner.
	fn shorten(
		id: PolicyId,
		policy: &mut PolicyOf<T>,
		expiry: BlockNumberFor<T>,
	) -> DispatchResult {
		let mut refund = BalanceOf::<T>::zero();
		for index in 0..policy.arrangements.len() {
			refund = refund.saturating_add(policy.end_service(index, expiry));
		}
		Self::release(&policy.owner, HoldReason::Escrow, refund)?;
		let delay = T::SettlementDelay::get();
		SettlementQueue::<T>::remove(policy.expiry.saturating_add(delay), id);
		SettlementQueue::<T>::insert(expiry.saturating_add(delay), id, ());
		policy.expiry = expiry;
		for arrangement in &policy.arrangements {
			if arrangement.status != ArrangementStatus::Withdrawn {
				Self::list_service_end(&arrangement.node, id, expiry.min(arrangement.until));
			}
		}
		Self::deposit_event(Event::PolicyShortened { id, expiry, refund });
		Ok(())
	}

	/// Records in `node`'s list of policies that its service in `id` ends at `until`.
	fn list_service_end(node: &T::AccountId, id: PolicyId, until: BlockNumberFor<T>) {
		NodePolicies::<T>::mutate(node, |list| {
			for entry in list.iter_mut().filter(|(policy, _)| *policy == id) {
				entry.1 = until;
			}
		});
	}

	/// Removes proposed arrangement `index` of policy `id` with its fragment; returns its share
	/// of the escrow, which went back to the owner.
	pub(crate) fn drop_proposed(
		id: PolicyId,
		policy: &mut PolicyOf<T>,
		index: usize,
	) -> Result<BalanceOf<T>, DispatchError> {
		if index >= policy.arrangements.len() {
			return Err(Error::<T>::NotProposed.into());
		}
		let arrangement = policy.arrangements.remove(index);
		let share = fee_for(policy.rate, arrangement.paid_until, policy.service_end(&arrangement));
		policy.escrow = policy.escrow.saturating_sub(share);
		Self::release(&policy.owner, HoldReason::Escrow, share)?;
		Self::drop_fragment(id, &arrangement.node);
		Ok(share)
	}

	/// Releases one node's part of the deposit held until it decides; returns it.
	pub(crate) fn release_decision_deposit(
		policy: &mut PolicyOf<T>,
	) -> Result<BalanceOf<T>, DispatchError> {
		Self::release_decision_deposit_less(policy, Zero::zero())
	}

	/// Releases one node's part of the deposit held until it decides, less `paid` of it that
	/// already left the deposit; returns what was released.
	fn release_decision_deposit_less(
		policy: &mut PolicyOf<T>,
		paid: BalanceOf<T>,
	) -> Result<BalanceOf<T>, DispatchError> {
		let part = T::DeclineCompensation::get().saturating_sub(paid).min(policy.deposit);
		Self::release(&policy.owner, HoldReason::Deposit, part)?;
		policy.deposit = policy.deposit.saturating_sub(part);
		Ok(part)
	}

	/// Fails `policy` if `m` of its nodes can no longer serve it; stores it.
	fn fail_if_short(id: PolicyId, mut policy: PolicyOf<T>) -> DispatchResult {
		let now = frame_system::Pallet::<T>::block_number();
		if !policy.can_reach_threshold(now) && policy.ended.is_none() && now < policy.expiry {
			let refund = Self::end_early(id, &mut policy, now, Ending::Failed)?;
			Self::deposit_event(Event::PolicyFailed { id, refund });
		}
		Policies::<T>::insert(id, policy);
		Ok(())
	}

	/// The acceptance window of policy `id` closed: its arrangements still proposed lapse (a
	/// strike for each node, if the policy lasted the window), and the policy fails if fewer
	/// than `m` nodes accepted. Returns its number of arrangements.
	pub(crate) fn close_decisions(id: PolicyId) -> u32 {
		let Some(mut policy) = Policies::<T>::get(id) else { return 0 };
		let shares = policy.arrangements.len() as u32;
		DecisionQueue::<T>::remove(policy.decide_by, id);
		if policy.ended.is_some() {
			return shares;
		}
		// A policy shortened to end within the window left its nodes nothing to decide on.
		let silent = policy.expiry >= policy.decide_by;
		let result = frame_support::storage::with_storage_layer(|| -> DispatchResult {
			while let Some(index) =
				policy.arrangements.iter().position(|a| a.status == ArrangementStatus::Proposed)
			{
				let node = policy.arrangements.get(index).map(|a| a.node.clone());
				let share = Self::drop_proposed(id, &mut policy, index)?;
				let deposit = Self::release_decision_deposit(&mut policy)?;
				if let Some(node) = node {
					if silent {
						T::Liveness::missed_decision(&node, &id);
					}
					let refund = share.saturating_add(deposit);
					Self::deposit_event(Event::ArrangementLapsed { id, node, refund });
				}
			}
			Self::fail_if_short(id, policy)
		});
		if result.is_err() {
			frame_support::defensive!("a policy's holds are what its records say");
		}
		shares
	}

	/// Closes the acceptance windows due by `now`, in the order of their blocks, as long as
	/// `meter` allows (the caller charged the walk's base).
	pub(crate) fn close_decisions_due(now: BlockNumberFor<T>, meter: &mut WeightMeter) {
		let step = T::WeightInfo::walk_decision_queue(1)
			.saturating_sub(T::WeightInfo::walk_decision_queue(0));
		// Measured with every node's strike slashing it.
		let close = T::WeightInfo::close_decisions(T::MaxShares::get());
		let start = NextDecision::<T>::get();
		let reached = Self::walk_due(
			start,
			now,
			meter,
			(step, close),
			|block| DecisionQueue::<T>::iter_key_prefix(block).next(),
			|block, id| {
				Self::close_decisions(id);
				// The entry of a policy settled before its window closed.
				DecisionQueue::<T>::remove(block, id);
			},
		);
		if reached != start {
			NextDecision::<T>::put(reached);
		}
	}

	pub(crate) fn do_set_max_duration(
		node: &T::AccountId,
		blocks: Option<BlockNumberFor<T>>,
	) -> DispatchResult {
		let Some(blocks) = blocks else {
			let (_, deposit) = MaxDurations::<T>::take(node).ok_or(Error::<T>::NoMaxDuration)?;
			Self::release(node, HoldReason::Deposit, deposit)?;
			Self::deposit_event(Event::MaxDurationSet { node: node.clone(), blocks: None });
			return Ok(());
		};
		ensure!(!T::Nodes::stake_of(node).is_zero(), Error::<T>::NotStaker);
		let deposit = match MaxDurations::<T>::get(node) {
			Some((_, deposit)) => deposit,
			None => {
				let bytes = <(BlockNumberFor<T>, BalanceOf<T>)>::max_encoded_len() as u32;
				let deposit = Self::deposit_of(bytes);
				T::Currency::hold(&HoldReason::Deposit.into(), node, deposit)
					.map_err(|_| Error::<T>::InsufficientBalance)?;
				deposit
			},
		};
		MaxDurations::<T>::insert(node, (blocks, deposit));
		Self::deposit_event(Event::MaxDurationSet { node: node.clone(), blocks: Some(blocks) });
		Ok(())
	}

	/// The longest policy `node` takes: its own, or the chain's.
	pub fn max_duration(node: &T::AccountId) -> BlockNumberFor<T> {
		MaxDurations::<T>::get(node)
			.map_or_else(T::MaxPolicyDuration::get, |(blocks, _)| blocks)
			.min(T::MaxPolicyDuration::get())
	}

	/// Removes policy `id` from `node`'s arrangements to decide on.
	pub(crate) fn forget_proposal(node: &T::AccountId, id: &PolicyId) {
		NodeProposals::<T>::mutate_exists(node, |list| {
			if let Some(entries) = list {
				entries.retain(|(policy, _)| policy != id);
				if entries.is_empty() {
					*list = None;
				}
			}
		});
	}
}
