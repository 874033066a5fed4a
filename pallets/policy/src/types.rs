//! Types and aliases of the policy pallet.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use frame_support::{
	traits::{fungible, Get},
	BoundedVec, CloneNoBound, DebugNoBound, EqNoBound, PartialEqNoBound,
};
use frame_system::pallet_prelude::BlockNumberFor;
use nkms_primitives::{policy::PolicyKeys, EncryptedKeyFrag, KeyFragId};
use scale_info::TypeInfo;

use crate::Config;

/// The balance type of the currency fees and deposits are paid in.
pub type BalanceOf<T> =
	<<T as Config>::Currency as fungible::Inspect<<T as frame_system::Config>::AccountId>>::Balance;
/// A policy as stored.
pub type PolicyOf<T> = Policy<
	<T as frame_system::Config>::AccountId,
	BalanceOf<T>,
	BlockNumberFor<T>,
	<T as Config>::MaxShares,
	<T as Config>::MaxLabelLen,
>;
/// One node's part in a policy as stored.
pub type ArrangementOf<T> =
	Arrangement<<T as frame_system::Config>::AccountId, BalanceOf<T>, BlockNumberFor<T>>;
/// A label as `create_policy` takes it.
pub type LabelOf<T> = BoundedVec<u8, <T as Config>::MaxLabelLen>;
/// The chosen nodes with their key fragments, as `create_policy` takes them.
pub type SharesOf<T> =
	BoundedVec<Share<<T as frame_system::Config>::AccountId>, <T as Config>::MaxShares>;
/// The policies a node serves, each with the block its service ends.
pub type NodePolicyListOf<T> = BoundedVec<
	(nkms_primitives::policy::PolicyId, BlockNumberFor<T>),
	<T as Config>::MaxPoliciesPerNode,
>;
/// The arrangements a node has yet to decide on, each with the block its window closes.
pub type NodeProposalListOf<T> = BoundedVec<
	(nkms_primitives::policy::PolicyId, BlockNumberFor<T>),
	<T as Config>::MaxProposalsPerNode,
>;

/// A node Alice chose, with the key fragment she made for it.
#[derive(
	Clone, Debug, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo,
)]
pub struct Share<AccountId> {
	/// The node: an active staker with a registered Umbral key.
	pub node: AccountId,
	/// The key fragment's id (the capsule fragments the node makes with it carry it; one made
	/// with another id slashes the node).
	pub kfrag_id: KeyFragId,
	/// The key fragment, encrypted to the node's Umbral key.
	pub kfrag: EncryptedKeyFrag,
}

/// Alice's grant to Bob: `threshold` of the arrangements' nodes re-encrypt for it from `start`
/// until it ends (at `expiry`, or when revoked), each paid `rate` per block served.
#[derive(
	CloneNoBound,
	PartialEqNoBound,
	EqNoBound,
	DebugNoBound,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
)]
#[scale_info(skip_type_params(MaxShares, MaxLabelLen))]
#[codec(mel_bound(AccountId: MaxEncodedLen, Balance: MaxEncodedLen, BlockNumber: MaxEncodedLen))]
pub struct Policy<AccountId, Balance, BlockNumber, MaxShares: Get<u32>, MaxLabelLen: Get<u32>>
where
	AccountId: Clone + PartialEq + Eq + core::fmt::Debug,
	Balance: Clone + PartialEq + Eq + core::fmt::Debug,
	BlockNumber: Clone + PartialEq + Eq + core::fmt::Debug,
{
	/// Alice: she pays, and she alone revokes and extends.
	pub owner: AccountId,
	/// The label the id was derived from.
	pub label: BoundedVec<u8, MaxLabelLen>,
	/// The policy's Umbral keys.
	pub umbral_keys: PolicyKeys,
	/// Capsule fragments Bob needs: `m`.
	pub threshold: u8,
	/// The one account that may request re-encryption; anyone if `None`.
	pub requester: Option<AccountId>,
	/// The fee per node per block served.
	pub rate: Balance,
	/// The block of creation: service starts here.
	pub start: BlockNumber,
	/// The first block after the service.
	pub expiry: BlockNumber,
	/// The first block at which a node can no longer accept or decline its arrangement.
	pub decide_by: BlockNumber,
	/// The block the policy ended at before its expiry, and how: service ended there.
	pub ended: Option<(BlockNumber, Ending)>,
	/// Fees still held in escrow for this policy.
	pub escrow: Balance,
	/// The deposit still held for this policy: its storage, and `DeclineCompensation` for each
	/// node that has yet to decide.
	pub deposit: Balance,
	/// Fees that nodes forfeited and payments already deducted: still in escrow, the owner's at
	/// settlement.
	pub forfeits: Balance,
	/// Each node's part, in the order Alice gave them.
	pub arrangements: BoundedVec<Arrangement<AccountId, Balance, BlockNumber>, MaxShares>,
}

/// How a policy ended before its expiry.
#[derive(
	Clone,
	Copy,
	Debug,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
)]
pub enum Ending {
	/// Its owner revoked it.
	Revoked,
	/// Fewer than `m` of its nodes accepted it in the acceptance window.
	Failed,
}

/// Where a node stands in a policy.
#[derive(
	Clone,
	Copy,
	Debug,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
)]
pub enum ArrangementStatus<BlockNumber> {
	/// Proposed: the node has yet to check its key fragment and accept or decline. It gets no
	/// request, no strike and no fee until it accepts.
	Proposed,
	/// Accepted at this block: it serves from here until `until`.
	Accepted(BlockNumber),
	/// Withdrawn by the owner (`revoke_node`) or left at once by the node: its fragment is
	/// gone and its service ended at `until`.
	Withdrawn,
}

/// One node's part in a policy: once it accepts, it serves the blocks from its acceptance to
/// `until` (or the policy's end, if earlier).
#[derive(
	Clone, Debug, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo,
)]
pub struct Arrangement<AccountId, Balance, BlockNumber> {
	/// The node: a staker.
	pub node: AccountId,
	/// The id of the key fragment Alice made for it.
	pub kfrag_id: KeyFragId,
	/// Whether it accepted.
	pub status: ArrangementStatus<BlockNumber>,
	/// The first block after its service: the policy's expiry, the end of its notice, or the
	/// block it was withdrawn.
	pub until: BlockNumber,
	/// Its fees are paid (or, before its acceptance, refunded) for the blocks before this one.
	pub paid_until: BlockNumber,
	/// Fees it forfeited for missed requests that no payment has deducted yet.
	pub forfeited: Balance,
	/// The end of the last window it forfeited fees for.
	pub forfeited_until: BlockNumber,
}

/// Where a policy is in its life.
#[derive(
	Clone,
	Copy,
	Debug,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
)]
pub enum PolicyState {
	/// Fewer than `m` nodes have accepted; the acceptance window is open.
	Pending,
	/// Accepted by at least `m` nodes: serving requests.
	Live,
	/// Past its expiry; settled and removed `SettlementDelay` blocks after.
	Expired,
	/// Revoked by its owner; settled and removed `SettlementDelay` blocks after.
	Revoked,
	/// Fewer than `m` nodes accepted it in the acceptance window; settled and removed
	/// `SettlementDelay` blocks after.
	Failed,
}

/// The bounds of the nodes' minimum fee rates, set by the admin origin.
#[derive(
	Clone,
	Copy,
	Debug,
	Default,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
)]
pub struct FeeRateRange<Balance> {
	/// The least minimum a node may set, and the minimum of nodes that set none.
	pub min: Balance,
	/// The largest minimum a node may set.
	pub max: Balance,
}

/// What `create_policy` is given, besides its origin.
pub struct PolicyTerms<T: Config> {
	/// Alice's label.
	pub label: LabelOf<T>,
	/// The policy's keys.
	pub umbral_keys: PolicyKeys,
	/// `m`.
	pub threshold: u8,
	/// The nodes with their encrypted key fragments.
	pub shares: SharesOf<T>,
	/// The first block without service.
	pub expiry: BlockNumberFor<T>,
	/// The fee per node per block.
	pub rate: BalanceOf<T>,
	/// The one account that may request re-encryption.
	pub requester: Option<<T as frame_system::Config>::AccountId>,
}
