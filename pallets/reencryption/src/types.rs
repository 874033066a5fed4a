//! Types and aliases of the re-encryption pallet.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use frame_support::{
	traits::{fungible, Get},
	BoundedVec, CloneNoBound, DebugNoBound, EqNoBound, PartialEqNoBound,
};
use frame_system::pallet_prelude::BlockNumberFor;
use nkms_primitives::{policy::PolicyId, CapsuleBytes, CapsuleFragBytes, KeyFragId};
use scale_info::TypeInfo;

use crate::Config;

/// A request's number, counted up from zero.
pub type RequestId = u64;
/// What an answer names of its request: [`Request::digest`].
pub type RequestDigest = [u8; 32];
/// The bytes a request digest's preimage starts with.
pub const REQUEST_DIGEST_DOMAIN: &[u8] = b"nkms/request";
/// The bytes a node's signed answer message starts with ([`Pallet::answer_message`]).
///
/// [`Pallet::answer_message`]: crate::Pallet::answer_message
pub const NODE_ANSWER_DOMAIN: &[u8] = b"nkms/node-answer";
/// The balance type of the currency deposits are held in.
pub type BalanceOf<T> =
	<<T as Config>::Currency as fungible::Inspect<<T as frame_system::Config>::AccountId>>::Balance;
/// A request as stored.
pub type RequestOf<T> = Request<
	<T as frame_system::Config>::AccountId,
	BalanceOf<T>,
	BlockNumberFor<T>,
	<T as Config>::MaxCapsulesPerRequest,
	<T as Config>::MaxShares,
>;
/// The capsules of one request.
pub type CapsulesOf<T> = BoundedVec<CapsuleBytes, <T as Config>::MaxCapsulesPerRequest>;
/// One node's capsule fragments for a request, one per capsule, in the capsules' order.
pub type CfragsOf<T> = BoundedVec<CapsuleFragBytes, <T as Config>::MaxCapsulesPerRequest>;
/// An answer a node's off-chain worker sends without an account nonce.
pub type NodeAnswerOf<T> =
	NodeAnswer<<T as frame_system::offchain::SigningTypes>::Public, BlockNumberFor<T>, CfragsOf<T>>;

/// Where a request stands.
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
pub enum RequestStatus<BlockNumber> {
	/// Fewer than `m` nodes have answered; answers are taken until the deadline.
	Pending,
	/// `m` nodes answered for every capsule at this block; no more answers are taken, and the
	/// nodes that had yet to answer are released.
	Fulfilled(BlockNumber),
	/// The deadline passed with fewer than `m` answers.
	Expired,
	/// The policy was revoked or expired before the deadline: nobody was held to answer.
	Cancelled,
}

/// Where a node stands with a request.
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
pub enum AnswerStatus {
	/// It has yet to answer.
	Awaited,
	/// Its verified fragments are on chain.
	Answered,
	/// Its answer failed verification and it was slashed: it has had its one attempt.
	Rejected,
	/// The request was fulfilled before it answered: it owes nothing.
	Released,
}

/// One node of a request's policy, as the request was made.
#[derive(
	Clone, Debug, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo,
)]
pub struct Assignee<AccountId> {
	/// The node (its staker account).
	pub node: AccountId,
	/// The id of its key fragment: every fragment of its answer must carry it.
	pub kfrag_id: KeyFragId,
	/// Whether it answered.
	pub status: AnswerStatus,
}

/// What a node stayed silent on, and got a strike for.
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
pub enum Silence {
	/// A request it did not answer by the deadline.
	Request(RequestId),
	/// A policy whose arrangement it neither accepted nor declined in time.
	Decision(PolicyId),
}

/// An answer to a request, as a node's `nkms` key signs it: the request, its digest, the
/// fragments, the key and the last block at which it may be included. Everything in it is
/// signed, so nobody can change the fragments of another node's answer, or keep it for later.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, TypeInfo)]
pub struct NodeAnswer<Public, BlockNumber, Cfrags> {
	/// The request.
	pub id: RequestId,
	/// Its [`Request::digest`].
	pub digest: RequestDigest,
	/// One fragment per capsule, in the capsules' order.
	pub cfrags: Cfrags,
	/// The node's `nkms` key, which signed the answer.
	pub key: Public,
	/// The last block the answer may be included in.
	pub valid_until: BlockNumber,
}

/// A request to re-encrypt capsules under a policy.
#[derive(
	CloneNoBound,
	DebugNoBound,
	PartialEqNoBound,
	EqNoBound,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
)]
#[scale_info(skip_type_params(MaxCapsules, MaxShares))]
#[codec(mel_bound(AccountId: MaxEncodedLen, Balance: MaxEncodedLen, BlockNumber: MaxEncodedLen))]
pub struct Request<AccountId, Balance, BlockNumber, MaxCapsules: Get<u32>, MaxShares: Get<u32>>
where
	AccountId: Clone + core::fmt::Debug + PartialEq + Eq,
	Balance: Clone + core::fmt::Debug + PartialEq + Eq,
	BlockNumber: Clone + core::fmt::Debug + PartialEq + Eq,
{
	/// The policy.
	pub policy: PolicyId,
	/// Who asked, and holds the deposit.
	pub requester: AccountId,
	/// The capsules to re-encrypt.
	pub capsules: BoundedVec<CapsuleBytes, MaxCapsules>,
	/// Verified fragments per capsule that fulfil the request: the policy's `m`.
	pub threshold: u8,
	/// The policy's nodes when the request was made.
	pub assignees: BoundedVec<Assignee<AccountId>, MaxShares>,
	/// The block of the request: its response window is `[created, deadline)`.
	pub created: BlockNumber,
	/// The first block at which answers are refused and the silent nodes get a strike.
	pub deadline: BlockNumber,
	/// Held from the requester until the request is removed.
	pub deposit: Balance,
	/// Where it stands.
	pub status: RequestStatus<BlockNumber>,
}

impl<AccountId, Balance, BlockNumber, MaxCapsules, MaxShares>
	Request<AccountId, Balance, BlockNumber, MaxCapsules, MaxShares>
where
	AccountId: Clone + core::fmt::Debug + PartialEq + Eq,
	Balance: Clone + core::fmt::Debug + PartialEq + Eq,
	BlockNumber: Clone + core::fmt::Debug + PartialEq + Eq,
	MaxCapsules: Get<u32>,
	MaxShares: Get<u32>,
{
	/// How many nodes have answered.
	pub fn answers(&self) -> usize {
		self.assignees.iter().filter(|a| a.status == AnswerStatus::Answered).count()
	}
}

impl<AccountId, Balance, BlockNumber, MaxCapsules, MaxShares>
	Request<AccountId, Balance, BlockNumber, MaxCapsules, MaxShares>
where
	AccountId: Clone + core::fmt::Debug + PartialEq + Eq + Encode,
	Balance: Clone + core::fmt::Debug + PartialEq + Eq,
	BlockNumber: Clone + core::fmt::Debug + PartialEq + Eq + Encode,
	MaxCapsules: Get<u32>,
	MaxShares: Get<u32>,
{
	/// What an answer to request `id` names, binding it to the request's content:
	/// `blake2_256(REQUEST_DIGEST_DOMAIN ‖ SCALE(id, policy, requester, created, capsules))`. On a
	/// fork where `id` stands for another request, an answer made for this one is not valid.
	pub fn digest(&self, id: RequestId) -> RequestDigest {
		sp_io::hashing::blake2_256(
			&(
				REQUEST_DIGEST_DOMAIN,
				id,
				&self.policy,
				&self.requester,
				&self.created,
				&self.capsules,
			)
				.encode(),
		)
	}
}
