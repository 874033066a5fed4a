//! The runtime API through which clients query policies.

use alloc::vec::Vec;
use codec::{Codec, Decode, DecodeWithMemTracking, Encode};
use frame_support::traits::Get;
use frame_system::pallet_prelude::BlockNumberFor;
use nkms_primitives::{policy::PolicyId, UmbralPublicKey};
use scale_info::TypeInfo;
use sp_runtime::traits::{One, Saturating};

use crate::*;

/// A policy as a client sees it at a block.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, TypeInfo)]
pub struct PolicyView<AccountId, Balance, BlockNumber> {
	/// Alice.
	pub owner: AccountId,
	/// The label the id was derived from.
	pub label: Vec<u8>,
	/// The policy's Umbral keys.
	pub umbral_keys: PolicyKeys,
	/// `m`.
	pub threshold: u8,
	/// The one account that may request re-encryption; anyone if `None`.
	pub requester: Option<AccountId>,
	/// The fee per node per block.
	pub rate: Balance,
	/// The block of creation.
	pub start: BlockNumber,
	/// The first block without service, unless revoked before.
	pub expiry: BlockNumber,
	/// The first block at which its nodes can no longer accept or decline.
	pub decide_by: BlockNumber,
	/// Pending (fewer than `m` acceptances), live, expired, revoked or failed.
	pub state: PolicyState,
	/// Fees still held in escrow.
	pub escrow: Balance,
	/// The storage deposit still held.
	pub deposit: Balance,
	/// Each node's part.
	pub nodes: Vec<NodeFees<AccountId, Balance, BlockNumber>>,
}

/// A node's fees in a policy at a block.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, TypeInfo)]
pub struct NodeFees<AccountId, Balance, BlockNumber> {
	/// The node.
	pub node: AccountId,
	/// The id of the key fragment Alice made for it.
	pub kfrag_id: nkms_primitives::KeyFragId,
	/// Whether it accepted.
	pub status: ArrangementStatus<BlockNumber>,
	/// The first block after its service.
	pub serves_until: BlockNumber,
	/// Its fees are paid for the blocks before this one.
	pub paid_until: BlockNumber,
	/// Unpaid fees of the blocks it served so far, less its forfeits.
	pub earned: Balance,
	/// What `claim_fees` in the next block pays it.
	pub claimable: Balance,
}

/// What `create_policy` holds from its owner.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, TypeInfo)]
pub struct FeeQuote<Balance> {
	/// The fees held in escrow: `rate * n * (expiry - now)`.
	pub escrow: Balance,
	/// The storage deposit.
	pub deposit: Balance,
}

sp_api::decl_runtime_apis! {
	/// Policies as clients see them.
	pub trait NkmsPolicyApi<AccountId, Balance, BlockNumber>
	where
		AccountId: Codec,
		Balance: Codec,
		BlockNumber: Codec,
	{
		/// Policy `id` with each node's fees, until it is settled.
		fn policy(id: PolicyId) -> Option<PolicyView<AccountId, Balance, BlockNumber>>;
		/// The policies `node` holds a fragment of.
		fn node_policies(node: AccountId) -> Vec<PolicyId>;
		/// The policies `owner` owns, until they are settled.
		fn owner_policies(owner: AccountId) -> Vec<PolicyId>;
		/// The id of the policy `owner` would grant to `receiving_key` under `label`.
		fn policy_id(owner: AccountId, receiving_key: UmbralPublicKey, label: Vec<u8>) -> PolicyId;
		/// What `create_policy` in the next block would hold for `shares` nodes at `rate` until
		/// `expiry`, with a label of `label_len` bytes and, if `with_requester`, a requester;
		/// `None` if the number of nodes, the label or the expiry would be refused (the nodes'
		/// own checks, their minimum rates included, are `create_policy`'s).
		fn quote(
			shares: u32,
			rate: Balance,
			expiry: BlockNumber,
			label_len: u32,
			with_requester: bool,
		) -> Option<FeeQuote<Balance>>;
	}
}

impl<T: Config> Pallet<T> {
	/// Policy `id` as [`NkmsPolicyApi::policy`] shows it.
	pub fn policy_view(
		id: PolicyId,
	) -> Option<PolicyView<T::AccountId, BalanceOf<T>, BlockNumberFor<T>>> {
		let now = frame_system::Pallet::<T>::block_number();
		let payable_next_block =
			now.saturating_add(One::one()).saturating_sub(T::SettlementDelay::get());
		let policy = Policies::<T>::get(id)?;
		let nodes = policy
			.arrangements
			.iter()
			.map(|arrangement| {
				let serves_until = policy.service_end(arrangement);
				let owed_until = |to: BlockNumberFor<T>| {
					arrangement.clone().pay_until(policy.rate, to.min(serves_until)).0
				};
				NodeFees {
					node: arrangement.node.clone(),
					kfrag_id: arrangement.kfrag_id,
					status: arrangement.status,
					serves_until,
					paid_until: arrangement.paid_until,
					earned: owed_until(now),
					claimable: owed_until(payable_next_block),
				}
			})
			.collect();
		Some(PolicyView {
			owner: policy.owner.clone(),
			label: policy.label.to_vec(),
			umbral_keys: policy.umbral_keys,
			threshold: policy.threshold,
			requester: policy.requester.clone(),
			rate: policy.rate,
			start: policy.start,
			expiry: policy.expiry,
			decide_by: policy.decide_by,
			state: policy.state(now),
			escrow: policy.escrow,
			deposit: policy.deposit,
			nodes,
		})
	}

	/// What [`NkmsPolicyApi::quote`] answers.
	pub fn quote(
		shares: u32,
		rate: BalanceOf<T>,
		expiry: BlockNumberFor<T>,
		label_len: u32,
		with_requester: bool,
	) -> Option<FeeQuote<BalanceOf<T>>> {
		let now = frame_system::Pallet::<T>::block_number().saturating_add(One::one());
		let valid = (1..=T::MaxShares::get()).contains(&shares)
			&& label_len <= T::MaxLabelLen::get()
			&& expiry > now.saturating_add(T::AcceptanceWindow::get())
			&& expiry.saturating_sub(now) <= T::MaxPolicyDuration::get();
		if !valid {
			return None;
		}
		Some(FeeQuote {
			escrow: Self::escrow_for(rate, shares, now, expiry).ok()?,
			deposit: Self::deposit_for(shares, label_len, with_requester),
		})
	}
}
