//! Deadlines: closing requests, strikes for silence, and removing old requests.

use frame_support::{
	traits::{fungible::MutateHold, tokens::Precision, Get},
	weights::Weight,
};
use frame_system::pallet_prelude::BlockNumberFor;
use nkms_primitives::staking::{SlashAmount, SlashReason};
use sp_runtime::traits::{CheckedSub, Saturating};

use crate::*;

impl<T: Config> Pallet<T> {
	/// Closes the requests due at `now` and removes those due `RetentionPeriod` blocks ago.
	pub(crate) fn on_deadlines(now: BlockNumberFor<T>) -> Weight {
		let due = Deadlines::<T>::get(now);
		for id in &due {
			Self::close_request(*id, now);
		}
		let expired = now
			.checked_sub(&T::RetentionPeriod::get())
			.map(Deadlines::<T>::take)
			.unwrap_or_default();
		for id in &expired {
			Self::remove_request(*id);
		}
		let shares = T::MaxShares::get();
		T::WeightInfo::close_request(shares)
			.saturating_mul(due.len() as u64)
			.saturating_add(
				T::WeightInfo::remove_request(shares).saturating_mul(expired.len() as u64),
			)
			.saturating_add(T::DbWeight::get().reads_writes(2, 1))
	}

	/// Request `id` reached its deadline: strikes for the silent nodes of a live policy, the
	/// final status.
	pub(crate) fn close_request(id: RequestId, now: BlockNumberFor<T>) {
		let Some(mut request) = Requests::<T>::get(id) else {
			frame_support::defensive!("a request due is stored until it is removed");
			return;
		};
		let policy = T::Policies::live_policy(&request.policy);
		for assignee in &request.assignees {
			// Nodes that answered, or were not needed, owe nothing.
			if matches!(assignee.status, AnswerStatus::Answered | AnswerStatus::Released) {
				continue;
			}
			NodeRequests::<T>::remove(&assignee.node, id);
			// A node that left the policy (or a policy that ended) owes nothing.
			if policy.as_ref().is_some_and(|policy| policy.is_served_by(&assignee.node)) {
				T::Policies::missed_request(
					&request.policy,
					&assignee.node,
					request.created,
					request.deadline,
				);
				// A rejected answer was slashed already; silence gets a strike.
				if assignee.status == AnswerStatus::Awaited {
					Self::strike(&assignee.node, Silence::Request(id), now);
				}
			}
		}
		if request.status == RequestStatus::Pending {
			request.status =
				if policy.is_some() { RequestStatus::Expired } else { RequestStatus::Cancelled };
		}
		Self::deposit_event(Event::RequestClosed { id, status: request.status });
		Requests::<T>::insert(id, request);
	}

	/// A strike for `node`, which stayed silent on `cause`; at `StrikeLimit` strikes within
	/// `StrikeWindow` blocks, a slash.
	pub(crate) fn strike(node: &T::AccountId, cause: Silence, now: BlockNumberFor<T>) {
		let lapsed_before = now.saturating_sub(T::StrikeWindow::get());
		let strikes = Strikes::<T>::mutate(node, |strikes| {
			strikes.retain(|at| *at > lapsed_before);
			// Fewer than `StrikeLimit` remain: the list is emptied when it reaches the limit.
			let _ = strikes.try_push(now);
			strikes.len() as u32
		});
		Self::deposit_event(Event::StrikeRecorded { node: node.clone(), cause, strikes });
		if strikes >= T::StrikeLimit::get() {
			Strikes::<T>::remove(node);
			let slashed = T::Slashing::slash(
				node,
				SlashAmount::Fraction(T::LivenessSlash::get()),
				SlashReason::Unresponsive,
				None,
			);
			Self::deposit_event(Event::SlashedForSilence { node: node.clone(), slashed });
		}
	}

	/// Drops `node`'s strikes older than `StrikeWindow` blocks, and its entry if none is left.
	pub(crate) fn forget_lapsed_strikes(node: &T::AccountId, now: BlockNumberFor<T>) {
		let lapsed_before = now.saturating_sub(T::StrikeWindow::get());
		Strikes::<T>::mutate_exists(node, |entry| {
			if let Some(strikes) = entry {
				strikes.retain(|at| *at > lapsed_before);
				if strikes.is_empty() {
					*entry = None;
				}
			}
		});
	}

	/// Removes request `id` with its answers and index entries, and gives its deposit back.
	pub(crate) fn remove_request(id: RequestId) {
		let Some(request) = Requests::<T>::take(id) else {
			frame_support::defensive!("a request is removed once");
			return;
		};
		let _ = Answers::<T>::clear_prefix(id, T::MaxShares::get(), None);
		PolicyRequests::<T>::remove(request.policy, id);
		let deposit = T::Currency::release(
			&HoldReason::RequestDeposit.into(),
			&request.requester,
			request.deposit,
			Precision::BestEffort,
		)
		.unwrap_or_default();
		if deposit != request.deposit {
			frame_support::defensive!("a request's deposit is held until it is removed");
		}
		Self::deposit_event(Event::RequestRemoved { id, deposit });
	}
}

/// Nodes that neither accept nor decline their arrangements in time get a strike, as for a
/// request left unanswered.
impl<T: Config> Liveness<T::AccountId> for Pallet<T> {
	fn missed_decision(node: &T::AccountId, id: &PolicyId) {
		Self::strike(node, Silence::Decision(*id), frame_system::Pallet::<T>::block_number());
	}
}
