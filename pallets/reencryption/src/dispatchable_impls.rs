//! The work behind the calls.

use alloc::vec::Vec;
use codec::Encode;
use codec::MaxEncodedLen;
use frame_support::{
	dispatch::{DispatchResult, DispatchResultWithPostInfo, Pays, PostDispatchInfo},
	ensure,
	pallet_prelude::{
		InvalidTransaction, TransactionPriority, TransactionSource, TransactionValidityWithRefund,
		ValidTransaction, Weight,
	},
	traits::{fungible::MutateHold, Get},
	BoundedVec,
};
use frame_system::{offchain::AppCrypto, pallet_prelude::BlockNumberFor};
use nkms_primitives::staking::{SlashAmount, SlashReason};
use sp_runtime::{
	traits::{IdentifyAccount, One, Saturating, Zero},
	SaturatedConversion,
};

use crate::*;

/// An answer that passed [`Pallet::check_answer`]: its node, the request, the policy's keys and
/// the node's index among the request's assignees.
pub(crate) struct AwaitedAnswer<T: Config> {
	pub node: T::AccountId,
	pub request: RequestOf<T>,
	pub keys: PolicyKeys,
	pub index: usize,
}

impl<T: Config> Pallet<T> {
	pub(crate) fn do_request_reencryption(
		requester: T::AccountId,
		policy_id: PolicyId,
		capsules: CapsulesOf<T>,
	) -> DispatchResult {
		ensure!(!capsules.is_empty(), Error::<T>::NoCapsules);
		let policy = T::Policies::live_policy(&policy_id).ok_or(Error::<T>::PolicyNotLive)?;
		if let Some(allowed) = &policy.requester {
			ensure!(allowed == &requester, Error::<T>::RequesterNotAllowed);
		}
		for capsule in &capsules {
			capsule.check().map_err(|_| Error::<T>::InvalidCapsule)?;
		}
		let assignees: BoundedVec<_, T::MaxShares> = policy
			.nodes
			.into_iter()
			.map(|node| Assignee {
				node: node.account,
				kfrag_id: node.kfrag_id,
				status: AnswerStatus::Awaited,
			})
			.collect::<Vec<_>>()
			.try_into()
			.map_err(|_| Error::<T>::TooManyNodes)?;

		let now = frame_system::Pallet::<T>::block_number();
		let deadline = now.saturating_add(T::ResponseWindow::get());
		let id = NextRequestId::<T>::get();
		Deadlines::<T>::try_mutate(deadline, |due| due.try_push(id))
			.map_err(|_| Error::<T>::TooManyRequests)?;
		let deposit =
			Self::deposit_for(capsules.len() as u32, assignees.len() as u32, policy.threshold);
		T::Currency::hold(&HoldReason::RequestDeposit.into(), &requester, deposit)
			.map_err(|_| Error::<T>::InsufficientBalance)?;

		NextRequestId::<T>::put(id.saturating_add(1));
		for assignee in &assignees {
			NodeRequests::<T>::insert(&assignee.node, id, ());
		}
		PolicyRequests::<T>::insert(policy_id, id, ());
		Self::deposit_event(Event::ReencryptionRequested {
			id,
			policy: policy_id,
			requester: requester.clone(),
			capsules: capsules.len() as u32,
			deadline,
			deposit,
		});
		Requests::<T>::insert(
			id,
			Request {
				policy: policy_id,
				requester,
				capsules,
				threshold: policy.threshold,
				assignees,
				created: now,
				deadline,
				deposit,
				status: RequestStatus::Pending,
			},
		);
		Ok(())
	}

	/// The checks of an answer short of verifying its fragments: `caller` is a node of request
	/// `id`'s live policy (or its `nkms` key) with at least the minimum stake that has yet to
	/// answer, before the deadline of a request still short of `m` answers, naming the
	/// request's `digest`, with one fragment per capsule. An answer that passes them is
	/// dispatched (feeless) whatever its fragments; one that does not is not valid at all.
	pub(crate) fn check_answer(
		caller: &T::AccountId,
		id: RequestId,
		digest: &RequestDigest,
		fragments: usize,
	) -> Result<AwaitedAnswer<T>, Error<T>> {
		let request = Requests::<T>::get(id).ok_or(Error::<T>::UnknownRequest)?;
		ensure!(request.digest(id) == *digest, Error::<T>::RequestMismatch);
		let now = frame_system::Pallet::<T>::block_number();
		ensure!(now < request.deadline, Error::<T>::DeadlinePassed);
		ensure!(request.status == RequestStatus::Pending, Error::<T>::AlreadyFulfilled);
		let policy = T::Policies::live_policy(&request.policy).ok_or(Error::<T>::PolicyNotLive)?;
		let node = T::Nodes::staker_acting_as(caller)
			.filter(|node| policy.is_served_by(node))
			.ok_or(Error::<T>::NotPolicyNode)?;
		let index = request
			.assignees
			.iter()
			.position(|assignee| assignee.node == node)
			.ok_or(Error::<T>::NotPolicyNode)?;
		ensure!(
			request.assignees.get(index).map(|a| a.status) == Some(AnswerStatus::Awaited),
			Error::<T>::AlreadyAnswered
		);
		ensure!(fragments == request.capsules.len(), Error::<T>::WrongFragmentCount);
		ensure!(T::Nodes::has_min_stake(&node), Error::<T>::StakeBelowMinimum);
		Ok(AwaitedAnswer { node, request, keys: policy.keys, index })
	}

	pub(crate) fn do_submit_cfrags(
		caller: T::AccountId,
		id: RequestId,
		digest: RequestDigest,
		cfrags: CfragsOf<T>,
	) -> DispatchResultWithPostInfo {
		let AwaitedAnswer { node, mut request, keys, index } =
			Self::check_answer(&caller, id, &digest, cfrags.len())?;
		let Some(assignee) = request.assignees.get_mut(index) else {
			return Err(Error::<T>::NotPolicyNode.into());
		};
		// One attempt per node and request, whatever its outcome.
		NodeRequests::<T>::remove(&node, id);
		let count = cfrags.len() as u32;
		if let Err(RejectedFragment { index, reason }) =
			verify_answer(&request.capsules, &cfrags, &keys, &assignee.kfrag_id)
		{
			assignee.status = AnswerStatus::Rejected;
			Requests::<T>::insert(id, request);
			let slashed = T::Slashing::slash(
				&node,
				SlashAmount::Fraction(T::WrongFragmentSlash::get()),
				SlashReason::IncorrectReencryption,
				None,
			);
			Self::deposit_event(Event::FragmentRejected {
				id,
				node,
				capsule: index,
				reason,
				slashed,
			});
			return Ok(PostDispatchInfo {
				actual_weight: Some(T::WeightInfo::submit_wrong_cfrag(count)),
				pays_fee: Pays::Yes,
			});
		}

		assignee.status = AnswerStatus::Answered;
		let now = frame_system::Pallet::<T>::block_number();
		Self::forget_lapsed_strikes(&node, now);
		Answers::<T>::insert(id, &node, cfrags);
		Self::deposit_event(Event::FragmentsAccepted { id, node });
		if request.answers() >= usize::from(request.threshold) {
			request.status = RequestStatus::Fulfilled(now);
			// Only `m` answers go on chain: the others are not needed.
			for assignee in request.assignees.iter_mut() {
				if assignee.status == AnswerStatus::Awaited {
					assignee.status = AnswerStatus::Released;
					NodeRequests::<T>::remove(&assignee.node, id);
				}
			}
			Self::deposit_event(Event::RequestFulfilled { id });
		}
		Requests::<T>::insert(id, request);
		Ok(PostDispatchInfo {
			actual_weight: Some(T::WeightInfo::submit_cfrags(count)),
			pays_fee: Pays::No,
		})
	}

	/// What a node's `nkms` key signs for an answer it sends without a nonce:
	/// `SCALE(NODE_ANSWER_DOMAIN, genesis hash, answer)`. The genesis hash binds it to this
	/// chain, the digest to its request, and `valid_until` bounds its life.
	pub fn answer_message(answer: &NodeAnswerOf<T>) -> Vec<u8> {
		let genesis = frame_system::Pallet::<T>::block_hash(BlockNumberFor::<T>::zero());
		(NODE_ANSWER_DOMAIN, genesis, answer).encode()
	}

	/// The validity of a node's answer sent without a nonce: signed by its `nkms` key over
	/// [`Self::answer_message`], includable now (`valid_until` at most `RESEND_AFTER` blocks
	/// ahead), and passing [`Self::check_answer`]. It has the highest priority, one per node
	/// and request (`provides (node, id)`), and lives until `valid_until` or the block before
	/// the deadline, whichever comes first. Anything else is not a valid transaction.
	pub(crate) fn authorize_answer(
		_source: TransactionSource,
		answer: &NodeAnswerOf<T>,
		signature: &T::Signature,
	) -> TransactionValidityWithRefund {
		let now = frame_system::Pallet::<T>::block_number();
		ensure!(answer.valid_until >= now, InvalidTransaction::Stale);
		ensure!(
			answer.valid_until <= now.saturating_add(offchain::RESEND_AFTER.into()),
			InvalidTransaction::Future
		);
		ensure!(
			<T::AuthorityId as AppCrypto<T::Public, T::Signature>>::verify(
				&Self::answer_message(answer),
				answer.key.clone(),
				signature.clone(),
			),
			InvalidTransaction::BadProof
		);
		let caller = answer.key.clone().into_account();
		let awaited = Self::check_answer(&caller, answer.id, &answer.digest, answer.cfrags.len())
			.map_err(|_| InvalidTransaction::Call)?;
		let last = answer.valid_until.min(awaited.request.deadline.saturating_sub(One::one()));
		let longevity = last.saturating_sub(now).saturating_add(One::one()).saturated_into();
		let validity = ValidTransaction::with_tag_prefix("NkmsNodeAnswer")
			.priority(TransactionPriority::MAX)
			.and_provides((awaited.node, answer.id))
			.longevity(longevity)
			.propagate(true)
			.build()?;
		Ok((validity, Weight::zero()))
	}

	/// Whether `origin` sends an answer that passes [`Self::check_answer`]: such an answer pays
	/// no fee.
	pub(crate) fn is_awaited_answer(
		origin: &frame_system::pallet_prelude::OriginFor<T>,
		id: RequestId,
		digest: &RequestDigest,
		fragments: usize,
	) -> bool {
		frame_system::ensure_signed(origin.clone())
			.is_ok_and(|caller| Self::check_answer(&caller, id, digest, fragments).is_ok())
	}

	/// The deposit of a request of `capsules` capsules to a `threshold`-of-`nodes` policy:
	/// `DepositBase + DepositPerByte * bytes`, where `bytes` is the largest encoded request
	/// record with its deadline, policy and `nodes` node index entries, plus `threshold`
	/// largest answers of `capsules` fragments with their keys (no more are taken).
	pub fn deposit_for(capsules: u32, nodes: u32, threshold: u8) -> BalanceOf<T> {
		let account = T::AccountId::max_encoded_len() as u64;
		let request_id = RequestId::max_encoded_len() as u64;
		// A map key hashed with Twox64Concat or Blake2_128Concat: the hash and the key.
		let twox = |key: u64| 8 + key;
		let blake = |key: u64| 16 + key;
		let request = twox(request_id) + RequestOf::<T>::max_encoded_len() as u64;
		let indexes = request_id + blake(32) + twox(request_id);
		let answer = twox(request_id)
			+ blake(account)
			+ 5 + u64::from(capsules) * CapsuleFragBytes::max_encoded_len() as u64;
		let node_index = blake(account) + twox(request_id);
		let bytes =
			request + indexes + u64::from(nodes) * node_index + u64::from(threshold) * answer;
		T::DepositBase::get()
			.saturating_add(T::DepositPerByte::get().saturating_mul(bytes.saturated_into()))
	}
}
