//! The runtime API through which Bob follows his requests.

use alloc::vec::Vec;
use codec::{Codec, Decode, DecodeWithMemTracking, Encode};
use frame_system::pallet_prelude::BlockNumberFor;
use scale_info::TypeInfo;

use crate::*;

/// A request as a client sees it.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, TypeInfo)]
pub struct RequestView<AccountId, Balance, BlockNumber> {
	/// The policy.
	pub policy: PolicyId,
	/// Who asked.
	pub requester: AccountId,
	/// Where it stands.
	pub status: RequestStatus<BlockNumber>,
	/// The block of the request.
	pub created: BlockNumber,
	/// The first block at which answers are refused.
	pub deadline: BlockNumber,
	/// Verified fragments per capsule that fulfil it.
	pub threshold: u8,
	/// The deposit still held.
	pub deposit: Balance,
	/// The capsules, in order.
	pub capsules: Vec<CapsuleBytes>,
	/// For each capsule, in order, the verified fragments on chain with the node of each.
	pub fragments: Vec<Vec<(AccountId, CapsuleFragBytes)>>,
	/// The policy's nodes that have yet to answer.
	pub waiting_for: Vec<AccountId>,
}

sp_api::decl_runtime_apis! {
	/// Re-encryption requests as clients see them.
	pub trait NkmsReencryptionApi<AccountId, Balance, BlockNumber>
	where
		AccountId: Codec,
		Balance: Codec,
		BlockNumber: Codec,
	{
		/// Request `id`, until `RetentionPeriod` blocks after its deadline.
		fn request(id: RequestId) -> Option<RequestView<AccountId, Balance, BlockNumber>>;
		/// The stored requests of policy `policy`.
		fn policy_requests(policy: PolicyId) -> Vec<RequestId>;
		/// The requests `node` has yet to answer.
		fn node_requests(node: AccountId) -> Vec<RequestId>;
		/// The deposit `request_reencryption` holds for `capsules` capsules to live policy
		/// `policy` now.
		fn request_deposit(policy: PolicyId, capsules: u32) -> Option<Balance>;
	}
}

impl<T: Config> Pallet<T> {
	/// Request `id` as [`NkmsReencryptionApi::request`] shows it.
	pub fn request_view(
		id: RequestId,
	) -> Option<RequestView<T::AccountId, BalanceOf<T>, BlockNumberFor<T>>> {
		let request = Requests::<T>::get(id)?;
		let mut fragments: Vec<Vec<_>> = request.capsules.iter().map(|_| Vec::new()).collect();
		for (node, cfrags) in Answers::<T>::iter_prefix(id) {
			for (per_capsule, cfrag) in fragments.iter_mut().zip(cfrags) {
				per_capsule.push((node.clone(), cfrag));
			}
		}
		let waiting_for = request
			.assignees
			.iter()
			.filter(|assignee| assignee.status == AnswerStatus::Awaited)
			.map(|assignee| assignee.node.clone())
			.collect();
		Some(RequestView {
			policy: request.policy,
			requester: request.requester,
			status: request.status,
			created: request.created,
			deadline: request.deadline,
			threshold: request.threshold,
			deposit: request.deposit,
			capsules: request.capsules.into_inner(),
			fragments,
			waiting_for,
		})
	}

	/// The deposit of a request of `capsules` capsules to live policy `policy` now.
	pub fn request_deposit(policy: PolicyId, capsules: u32) -> Option<BalanceOf<T>> {
		let policy = T::Policies::live_policy(&policy)?;
		Some(Self::deposit_for(capsules, policy.nodes.len() as u32, policy.threshold))
	}

	/// The stored requests of `policy`.
	pub fn policy_request_ids(policy: PolicyId) -> Vec<RequestId> {
		PolicyRequests::<T>::iter_key_prefix(policy).collect()
	}

	/// The requests `node` has yet to answer.
	pub fn node_request_ids(node: &T::AccountId) -> Vec<RequestId> {
		NodeRequests::<T>::iter_key_prefix(node).collect()
	}
}
