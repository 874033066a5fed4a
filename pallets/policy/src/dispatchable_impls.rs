//! The bodies of the calls.

use codec::{Compact, Encode, MaxEncodedLen};
use frame_support::{
	ensure,
	pallet_prelude::{DispatchError, DispatchResult},
	traits::{fungible::MutateHold, tokens::Precision, Get},
	BoundedVec,
};
use frame_system::pallet_prelude::BlockNumberFor;
use nkms_primitives::UmbralPublicKey;
use sp_runtime::traits::{CheckedMul, SaturatedConversion, Saturating, Zero};

use crate::*;

impl<T: Config> Pallet<T> {
	pub(crate) fn do_create_policy(owner: T::AccountId, terms: PolicyTerms<T>) -> DispatchResult {
		let PolicyTerms { label, umbral_keys, threshold, shares, expiry, rate, requester } = terms;
		let now = frame_system::Pallet::<T>::block_number();
		let shares_count = shares.len() as u32;
		ensure!(
			threshold >= 1 && u32::from(threshold) <= shares_count,
			Error::<T>::InvalidThreshold
		);
		check_key::<T>(&umbral_keys.receiving, Error::<T>::InvalidReceivingKey)?;
		check_key::<T>(&umbral_keys.delegating, Error::<T>::InvalidDelegatingKey)?;
		check_key::<T>(&umbral_keys.verifying, Error::<T>::InvalidVerifyingKey)?;
		ensure!(expiry > now, Error::<T>::ExpiryNotInFuture);
		ensure!(expiry - now <= T::MaxPolicyDuration::get(), Error::<T>::DurationTooLong);
		let id = policy_id(&owner, &umbral_keys.receiving, &label);
		ensure!(!Policies::<T>::contains_key(id), Error::<T>::PolicyExists);
		let decide_by = now.saturating_add(T::AcceptanceWindow::get());
		// Its nodes have the whole window to decide.
		ensure!(expiry > decide_by, Error::<T>::DurationTooShort);

		let mut arrangements = BoundedVec::<ArrangementOf<T>, T::MaxShares>::new();
		for Share { node, kfrag_id, kfrag } in &shares {
			ensure!(arrangements.iter().all(|a| &a.node != node), Error::<T>::DuplicateNode);
			ensure!(
				arrangements.iter().all(|a| &a.kfrag_id != kfrag_id),
				Error::<T>::DuplicateKeyFragId
			);
			ensure!(T::Nodes::can_serve(node), Error::<T>::NodeCannotServe);
			ensure!(T::Nodes::umbral_key_of(node).is_some(), Error::<T>::NodeWithoutUmbralKey);
			kfrag.check().map_err(|_| Error::<T>::InvalidKeyFrag)?;
			ensure!(rate >= Self::min_fee_rate(node), Error::<T>::RateBelowNodeMinimum);
			ensure!(expiry - now <= Self::max_duration(node), Error::<T>::DurationAboveNodeMaximum);
			let arrangement = Arrangement {
				node: node.clone(),
				kfrag_id: *kfrag_id,
				status: ArrangementStatus::Proposed,
				until: expiry,
				paid_until: now,
				forfeited: Zero::zero(),
				forfeited_until: now,
			};
			arrangements.try_push(arrangement).map_err(|_| Error::<T>::InvalidThreshold)?;
		}
		let escrow = Self::escrow_for(rate, shares_count, now, expiry)?;
		let deposit = Self::deposit_for(shares_count, label.len() as u32, requester.is_some());
		Self::hold(&owner, HoldReason::Escrow, escrow)?;
		Self::hold(&owner, HoldReason::Deposit, deposit)?;

		OwnerPolicies::<T>::try_mutate(&owner, |ids| ids.try_push(id))
			.map_err(|_| Error::<T>::OwnerAtCapacity)?;
		for Share { node, kfrag, .. } in shares {
			NodePolicies::<T>::try_mutate(&node, |list| {
				// Ended policies leave the list here, not only when they are settled.
				list.retain(|(_, until)| *until > now);
				list.try_push((id, expiry))
			})
			.map_err(|_| Error::<T>::NodeAtCapacity)?;
			NodeProposals::<T>::try_mutate(&node, |list| {
				// Lapsed proposals leave the list here, not only when their window is closed.
				list.retain(|(_, by)| *by > now);
				list.try_push((id, decide_by))
			})
			.map_err(|_| Error::<T>::NodeBusy)?;
			KeyFrags::<T>::insert(id, &node, kfrag);
		}
		SettlementQueue::<T>::insert(expiry.saturating_add(T::SettlementDelay::get()), id, ());
		DecisionQueue::<T>::insert(decide_by, id, ());
		let nodes =
			BoundedVec::truncate_from(arrangements.iter().map(|a| a.node.clone()).collect());
		Policies::<T>::insert(
			id,
			Policy {
				owner: owner.clone(),
				label: label.clone(),
				umbral_keys,
				threshold,
				requester,
				rate,
				start: now,
				expiry,
				decide_by,
				ended: None,
				escrow,
				deposit,
				forfeits: Zero::zero(),
				arrangements,
			},
		);
		Self::deposit_event(Event::PolicyCreated {
			id,
			owner,
			label,
			threshold,
			nodes,
			expiry,
			decide_by,
			rate,
			escrow,
			deposit,
		});
		Ok(())
	}

	/// Revokes policy `id` of `owner`; returns its number of arrangements.
	pub(crate) fn do_revoke_policy(
		owner: &T::AccountId,
		id: PolicyId,
	) -> Result<u32, DispatchError> {
		let now = frame_system::Pallet::<T>::block_number();
		let mut policy = Self::owned_active_policy(owner, id, now)?;
		let refund = Self::end_early(id, &mut policy, now, Ending::Revoked)?;
		let shares = policy.arrangements.len() as u32;
		Policies::<T>::insert(id, policy);
		Self::deposit_event(Event::PolicyRevoked { id, refund });
		Ok(shares)
	}

	/// Ends policy `id` at `now`, before its expiry, `how` it ended: every node's service ends,
	/// the unserved fees and the deposit go back to the owner, the fragments are removed and
	/// the settlement moves to `now + SettlementDelay`. Returns the fees refunded.
	pub(crate) fn end_early(
		id: PolicyId,
		policy: &mut PolicyOf<T>,
		now: BlockNumberFor<T>,
		how: Ending,
	) -> Result<BalanceOf<T>, DispatchError> {
		let mut refund = BalanceOf::<T>::zero();
		for index in 0..policy.arrangements.len() {
			refund = refund.saturating_add(policy.end_service(index, now));
		}
		Self::release(&policy.owner, HoldReason::Escrow, refund)?;
		Self::release(&policy.owner, HoldReason::Deposit, policy.deposit)?;
		policy.deposit = Zero::zero();
		let settles_at = policy.end().saturating_add(T::SettlementDelay::get());
		policy.ended = Some((now, how));
		for arrangement in &policy.arrangements {
			Self::drop_fragment(id, &arrangement.node);
		}
		SettlementQueue::<T>::remove(settles_at, id);
		SettlementQueue::<T>::insert(now.saturating_add(T::SettlementDelay::get()), id, ());
		DecisionQueue::<T>::remove(policy.decide_by, id);
		Ok(refund)
	}

	/// Withdraws `node` from policy `id` of `owner`; returns its number of arrangements.
	pub(crate) fn do_revoke_node(
		owner: &T::AccountId,
		id: PolicyId,
		node: T::AccountId,
	) -> Result<u32, DispatchError> {
		let now = frame_system::Pallet::<T>::block_number();
		let mut policy = Self::owned_active_policy(owner, id, now)?;
		let was_live = policy.state(now) == PolicyState::Live;
		let index = policy
			.arrangements
			.iter()
			.position(|a| {
				a.node == node
					&& (a.status == ArrangementStatus::Proposed
						|| (matches!(a.status, ArrangementStatus::Accepted(_))
							&& policy.service_end(a) > now))
			})
			.ok_or(Error::<T>::NotServing)?;
		let proposed = policy
			.arrangements
			.get(index)
			.is_some_and(|a| a.status == ArrangementStatus::Proposed);
		let refund = if proposed {
			let share = Self::drop_proposed(id, &mut policy, index)?;
			share.saturating_add(Self::release_decision_deposit(&mut policy)?)
		} else {
			let refund = policy.end_service(index, now);
			Self::release(owner, HoldReason::Escrow, refund)?;
			if let Some(arrangement) = policy.arrangements.get_mut(index) {
				arrangement.status = ArrangementStatus::Withdrawn;
			}
			Self::drop_fragment(id, &node);
			refund
		};
		ensure!(
			policy.can_reach_threshold(now)
				&& (!was_live || policy.state(now) == PolicyState::Live),
			Error::<T>::BelowThreshold
		);
		let shares = policy.arrangements.len() as u32;
		Policies::<T>::insert(id, policy);
		Self::deposit_event(Event::NodeRevoked { id, node, refund });
		Ok(shares)
	}

	/// Moves the expiry of policy `id` of `owner` to `expiry`; returns its number of
	/// arrangements.
	pub(crate) fn do_extend_policy(
		owner: &T::AccountId,
		id: PolicyId,
		expiry: BlockNumberFor<T>,
	) -> Result<u32, DispatchError> {
		let now = frame_system::Pallet::<T>::block_number();
		let mut policy = Self::owned_active_policy(owner, id, now)?;
		let old_expiry = policy.expiry;
		ensure!(expiry > old_expiry, Error::<T>::ExpiryNotLater);
		ensure!(expiry - now <= T::MaxPolicyDuration::get(), Error::<T>::DurationTooLong);
		let serving: alloc::vec::Vec<_> = policy
			.arrangements
			.iter()
			.filter(|a| a.until == old_expiry)
			.map(|a| a.node.clone())
			.collect();
		for node in &serving {
			ensure!(T::Nodes::can_serve(node), Error::<T>::NodeCannotServe);
			ensure!(policy.rate >= Self::min_fee_rate(node), Error::<T>::RateBelowNodeMinimum);
			ensure!(expiry - now <= Self::max_duration(node), Error::<T>::DurationAboveNodeMaximum);
		}
		let extra = Self::escrow_for(policy.rate, serving.len() as u32, old_expiry, expiry)?;
		Self::hold(owner, HoldReason::Escrow, extra)?;
		policy.escrow = policy.escrow.saturating_add(extra);
		policy.expiry = expiry;
		for arrangement in policy.arrangements.iter_mut().filter(|a| a.until == old_expiry) {
			arrangement.until = expiry;
		}
		for node in &serving {
			NodePolicies::<T>::mutate(node, |list| {
				for entry in list.iter_mut().filter(|(policy, _)| *policy == id) {
					entry.1 = expiry;
				}
			});
		}
		let delay = T::SettlementDelay::get();
		SettlementQueue::<T>::remove(old_expiry.saturating_add(delay), id);
		SettlementQueue::<T>::insert(expiry.saturating_add(delay), id, ());
		let shares = policy.arrangements.len() as u32;
		Policies::<T>::insert(id, policy);
		Self::deposit_event(Event::PolicyExtended { id, expiry, escrow: extra });
		Ok(shares)
	}

	pub(crate) fn do_claim_fees(node: &T::AccountId, ids: &[PolicyId]) -> DispatchResult {
		let now = frame_system::Pallet::<T>::block_number();
		let payable_until = now.saturating_sub(T::SettlementDelay::get());
		let mut total = BalanceOf::<T>::zero();
		for &id in ids {
			// A policy settled meanwhile paid its nodes then.
			let Some(mut policy) = Policies::<T>::get(id) else { continue };
			let index = policy
				.arrangements
				.iter()
				.position(|a| &a.node == node)
				.ok_or(Error::<T>::NotPolicyNode)?;
			let paid = Self::pay(id, &mut policy, index, payable_until)?;
			Policies::<T>::insert(id, policy);
			total = total.saturating_add(paid);
		}
		ensure!(!total.is_zero(), Error::<T>::NothingToClaim);
		Ok(())
	}

	/// Settles policy `id` if it ended `SettlementDelay` blocks ago; returns its number of
	/// arrangements.
	pub(crate) fn do_reap_policy(id: PolicyId) -> Result<u32, DispatchError> {
		let now = frame_system::Pallet::<T>::block_number();
		let policy = Policies::<T>::get(id).ok_or(Error::<T>::UnknownPolicy)?;
		ensure!(
			now >= policy.end().saturating_add(T::SettlementDelay::get()),
			Error::<T>::NotYetSettleable
		);
		Ok(Self::settle(id, policy))
	}

	pub(crate) fn do_set_min_fee_rate(
		node: &T::AccountId,
		rate: Option<BalanceOf<T>>,
	) -> DispatchResult {
		let Some(rate) = rate else {
			let (_, deposit) = MinFeeRates::<T>::take(node).ok_or(Error::<T>::NoMinFeeRate)?;
			Self::release(node, HoldReason::Deposit, deposit)?;
			Self::deposit_event(Event::MinFeeRateSet { node: node.clone(), rate: None });
			return Ok(());
		};
		ensure!(!T::Nodes::stake_of(node).is_zero(), Error::<T>::NotStaker);
		let range = FeeRates::<T>::get();
		ensure!(range.min <= rate && rate <= range.max, Error::<T>::RateOutOfRange);
		let deposit = match MinFeeRates::<T>::get(node) {
			Some((_, deposit)) => deposit,
			None => {
				let bytes = <(BalanceOf<T>, BalanceOf<T>)>::max_encoded_len() as u32;
				let deposit = Self::deposit_of(bytes);
				Self::hold(node, HoldReason::Deposit, deposit)?;
				deposit
			},
		};
		MinFeeRates::<T>::insert(node, (rate, deposit));
		Self::deposit_event(Event::MinFeeRateSet { node: node.clone(), rate: Some(rate) });
		Ok(())
	}

	/// `node`'s minimum fee rate: its own if it lies in the range, else the range's minimum.
	pub fn min_fee_rate(node: &T::AccountId) -> BalanceOf<T> {
		let range = FeeRates::<T>::get();
		match MinFeeRates::<T>::get(node) {
			Some((rate, _)) if range.min <= rate && rate <= range.max => rate,
			_ => range.min,
		}
	}

	/// The deposit of a policy of `shares` nodes with a label of `label_len` bytes:
	/// `DepositBase + DepositPerByte * bytes + shares * DeclineCompensation`, `bytes` being the
	/// encoded policy record (with the largest account, balance and block number encodings),
	/// and per node the largest encrypted key fragment and its entries in the node's lists of
	/// policies and proposals, and the entries in the owner's list and the settlement and
	/// decision queues. Each node's `DeclineCompensation` is held until it decides.
	pub fn deposit_for(shares: u32, label_len: u32, with_requester: bool) -> BalanceOf<T> {
		let account = T::AccountId::max_encoded_len() as u32;
		let balance = BalanceOf::<T>::max_encoded_len() as u32;
		let block = BlockNumberFor::<T>::max_encoded_len() as u32;
		let id = PolicyId::max_encoded_len() as u32;
		let compact_len = |len: u32| Compact(len).encoded_size() as u32;
		let record = account +
			compact_len(label_len) +
			label_len +
			PolicyKeys::max_encoded_len() as u32 +
			1 + // threshold
			1 + if with_requester { account } else { 0 } +
			balance * 4 + // rate, escrow, deposit, forfeits
			block * 3 + // start, expiry, decide_by
			1 + // ended: None
			compact_len(shares) +
			shares * ArrangementOf::<T>::max_encoded_len() as u32;
		let per_node = EncryptedKeyFrag::max_encoded_len() as u32 + 2 * (id + block);
		let indexes = id + 2 * (block + id); // owner's list, settlement and decision queue keys
		Self::deposit_of(
			record.saturating_add(shares.saturating_mul(per_node)).saturating_add(indexes),
		)
		.saturating_add(T::DeclineCompensation::get().saturating_mul(shares.into()))
	}

	/// The escrow of `shares` nodes at `rate` for the blocks `[from, to)`: `rate * shares *
	/// (to - from)`, or `FeeOverflow`.
	pub fn escrow_for(
		rate: BalanceOf<T>,
		shares: u32,
		from: BlockNumberFor<T>,
		to: BlockNumberFor<T>,
	) -> Result<BalanceOf<T>, Error<T>> {
		let blocks =
			BalanceOf::<T>::saturated_from(to.saturating_sub(from).saturated_into::<u128>());
		rate.checked_mul(&shares.into())
			.and_then(|per_block| per_block.checked_mul(&blocks))
			.ok_or(Error::<T>::FeeOverflow)
	}

	/// `DepositBase + DepositPerByte * bytes`.
	pub(crate) fn deposit_of(bytes: u32) -> BalanceOf<T> {
		T::DepositPerByte::get()
			.saturating_mul(bytes.into())
			.saturating_add(T::DepositBase::get())
	}

	/// Policy `id` if `owner` owns it and it is pending or live at `now`.
	fn owned_active_policy(
		owner: &T::AccountId,
		id: PolicyId,
		now: BlockNumberFor<T>,
	) -> Result<PolicyOf<T>, DispatchError> {
		let policy = Policies::<T>::get(id).ok_or(Error::<T>::UnknownPolicy)?;
		ensure!(&policy.owner == owner, Error::<T>::NotOwner);
		ensure!(policy.is_active(now), Error::<T>::PolicyNotLive);
		Ok(policy)
	}

	/// Removes `node`'s fragment of policy `id` and the policy from its lists.
	pub(crate) fn drop_fragment(id: PolicyId, node: &T::AccountId) {
		KeyFrags::<T>::remove(id, node);
		Self::forget_proposal(node, &id);
		NodePolicies::<T>::mutate_exists(node, |list| {
			if let Some(entries) = list {
				entries.retain(|(policy, _)| *policy != id);
				if entries.is_empty() {
					*list = None;
				}
			}
		});
	}

	/// Pays arrangement `index` of policy `id` its fees up to `to` (at most its service end),
	/// less its forfeits; returns the payment. Fails if the node cannot be paid.
	pub(crate) fn pay(
		id: PolicyId,
		policy: &mut PolicyOf<T>,
		index: usize,
		to: BlockNumberFor<T>,
	) -> Result<BalanceOf<T>, DispatchError> {
		let rate = policy.rate;
		let Some(end) = policy.arrangements.get(index).map(|a| policy.service_end(a)) else {
			return Ok(Zero::zero());
		};
		let Some(arrangement) = policy.arrangements.get_mut(index) else {
			return Ok(Zero::zero());
		};
		let (paid, deducted) = arrangement.pay_until(rate, to.min(end));
		let node = arrangement.node.clone();
		policy.forfeits = policy.forfeits.saturating_add(deducted);
		if paid.is_zero() {
			return Ok(paid);
		}
		Self::release(&policy.owner, HoldReason::Escrow, paid)?;
		T::Rewards::reward(&node, &policy.owner, paid)?;
		policy.escrow = policy.escrow.saturating_sub(paid);
		Self::deposit_event(Event::FeesPaid { id, node, amount: paid });
		Ok(paid)
	}

	fn hold(who: &T::AccountId, reason: HoldReason, amount: BalanceOf<T>) -> DispatchResult {
		if amount.is_zero() {
			return Ok(());
		}
		T::Currency::hold(&reason.into(), who, amount)
			.map_err(|_| Error::<T>::InsufficientBalance.into())
	}

	/// Releases exactly `amount` held from `who` for `reason`.
	pub(crate) fn release(
		who: &T::AccountId,
		reason: HoldReason,
		amount: BalanceOf<T>,
	) -> DispatchResult {
		if amount.is_zero() {
			return Ok(());
		}
		T::Currency::release(&reason.into(), who, amount, Precision::Exact).map(|_| ())
	}
}

fn check_key<T: Config>(key: &UmbralPublicKey, error: Error<T>) -> Result<(), Error<T>> {
	key.to_umbral().map(|_| ()).map_err(|_| error)
}
