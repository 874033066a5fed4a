//! The invariants of the pallet's storage, checked by `try_state` and after every unit test.

use alloc::collections::BTreeMap;
use frame_support::{ensure, traits::fungible::InspectHold, traits::Get};
use sp_runtime::{traits::Saturating, TryRuntimeError};

use crate::*;

impl<T: Config> Pallet<T> {
	/// Checks (after `on_initialize` of the current block):
	/// - every request is below `NextRequestId`, listed at its deadline in [`Deadlines`] and
	///   under its policy in [`PolicyRequests`]; every entry of either belongs to a request;
	///   no deadline entry is older than `RetentionPeriod`;
	/// - a node answered exactly when its answer is stored, with one fragment per capsule; a
	///   request has at most `m` answers: it is pending before its deadline with fewer, and
	///   fulfilled with `m`; only a fulfilled request has released nodes; every stored request
	///   holds its deposit;
	/// - [`NodeRequests`] lists exactly the nodes that have yet to answer requests before their
	///   deadline (a rejected answer was the node's one attempt);
	/// - each account's `RequestDeposit` hold is the deposits of its stored requests;
	/// - each node's strikes are fewer than `StrikeLimit`, and it has an entry only with one.
	pub fn do_try_state() -> Result<(), TryRuntimeError> {
		let now = frame_system::Pallet::<T>::block_number();
		let mut held = BTreeMap::<T::AccountId, BalanceOf<T>>::new();
		for (id, request) in Requests::<T>::iter() {
			ensure!(id < NextRequestId::<T>::get(), "a request id was not handed out");
			ensure!(
				Deadlines::<T>::get(request.deadline).contains(&id),
				"a request is not listed at its deadline"
			);
			ensure!(
				PolicyRequests::<T>::contains_key(request.policy, id),
				"a request is not listed under its policy"
			);
			for assignee in &request.assignees {
				let answer = Answers::<T>::get(id, &assignee.node);
				ensure!(
					(assignee.status == AnswerStatus::Answered) == answer.is_some(),
					"an answer and its flag disagree"
				);
				ensure!(
					answer.is_none_or(|cfrags| cfrags.len() == request.capsules.len()),
					"an answer does not have one fragment per capsule"
				);
				let open = now < request.deadline;
				ensure!(
					NodeRequests::<T>::contains_key(&assignee.node, id)
						== (open && assignee.status == AnswerStatus::Awaited),
					"a node's list of requests to answer is wrong"
				);
			}
			ensure!(
				Answers::<T>::iter_key_prefix(id).count() == request.answers(),
				"an answer of a node that is not assigned"
			);
			let fulfilled = request.answers() == usize::from(request.threshold);
			ensure!(
				request.answers() <= usize::from(request.threshold),
				"more than m answers on chain"
			);
			let released = request.assignees.iter().any(|a| a.status == AnswerStatus::Released);
			ensure!(
				!released || matches!(request.status, RequestStatus::Fulfilled(_)),
				"a node released from a request that is not fulfilled"
			);
			match request.status {
				RequestStatus::Pending => {
					ensure!(now < request.deadline && !fulfilled, "a pending request is due or met")
				},
				RequestStatus::Fulfilled(_) => ensure!(fulfilled, "a fulfilled request is not met"),
				RequestStatus::Expired | RequestStatus::Cancelled => {
					ensure!(now >= request.deadline, "a request closed before its deadline")
				},
			}
			let total = held.entry(request.requester.clone()).or_default();
			*total = total.saturating_add(request.deposit);
		}
		for (requester, total) in &held {
			ensure!(
				T::Currency::balance_on_hold(&HoldReason::RequestDeposit.into(), requester)
					== *total,
				"a requester's hold is not its stored requests' deposits"
			);
		}
		for (deadline, ids) in Deadlines::<T>::iter() {
			ensure!(
				deadline.saturating_add(T::RetentionPeriod::get()) > now,
				"a deadline entry outlived the retention period"
			);
			for id in ids {
				ensure!(
					Requests::<T>::get(id).is_some_and(|request| request.deadline == deadline),
					"a deadline entry without its request"
				);
			}
		}
		for (policy, id) in PolicyRequests::<T>::iter_keys() {
			ensure!(
				Requests::<T>::get(id).is_some_and(|request| request.policy == policy),
				"a policy's request list names another request"
			);
		}
		for (node, id) in NodeRequests::<T>::iter_keys() {
			ensure!(
				Requests::<T>::get(id)
					.is_some_and(|request| request.assignees.iter().any(|a| a.node == node)),
				"a node's list of requests names a request it was not assigned"
			);
		}
		for (_, strikes) in Strikes::<T>::iter() {
			ensure!(!strikes.is_empty(), "an empty strike record");
			ensure!(
				strikes.len() < T::StrikeLimit::get() as usize,
				"strikes at the limit not slashed"
			);
		}
		Ok(())
	}
}
