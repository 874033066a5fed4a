//! The policy pallet's face to other pallets and clients: policy ids and what a live policy
//! tells the re-encryption pallet.

use alloc::vec::Vec;
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;
use sp_runtime::traits::{BlakeTwo256, Hash};

use crate::{EncryptedKeyFrag, KeyFragId, UmbralPublicKey};

/// A policy's id (NuCypher's HRAC): see [`policy_id`].
pub type PolicyId = [u8; 32];

/// The bytes a policy id's preimage starts with.
pub const POLICY_ID_DOMAIN: &[u8] = b"nkms/policy-id";

/// The id of the policy `owner` grants to the holder of `receiving_key` under `label`:
/// `blake2_256(POLICY_ID_DOMAIN ‖ SCALE(owner) ‖ receiving_key ‖ SCALE(label))`. For an account
/// id of 32 bytes `SCALE(owner)` is those bytes; the key is its 33 compressed bytes; `SCALE(label)`
/// is the label's compact length, then its bytes. A client computes it before it sends
/// anything.
pub fn policy_id<AccountId: Encode>(
	owner: &AccountId,
	receiving_key: &UmbralPublicKey,
	label: &[u8],
) -> PolicyId {
	let mut preimage = POLICY_ID_DOMAIN.to_vec();
	owner.encode_to(&mut preimage);
	preimage.extend_from_slice(receiving_key.as_bytes());
	label.encode_to(&mut preimage);
	BlakeTwo256::hash(&preimage).0
}

/// The keys of a policy, as Alice's client made them.
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
pub struct PolicyKeys {
	/// Bob's key: the fragments re-encrypt to it.
	pub receiving: UmbralPublicKey,
	/// Alice's key, under which data is encrypted.
	pub delegating: UmbralPublicKey,
	/// Alice's signing key, which signed the key fragments.
	pub verifying: UmbralPublicKey,
}

/// A node of a live policy and the id of the key fragment Alice made for it.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, TypeInfo)]
pub struct PolicyNode<AccountId> {
	/// The node (its staker account).
	pub account: AccountId,
	/// The id of its key fragment, which every capsule fragment it makes carries.
	pub kfrag_id: KeyFragId,
}

/// What the re-encryption pallet needs of a live policy.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, TypeInfo)]
pub struct LivePolicy<AccountId, BlockNumber> {
	/// How many capsule fragments Bob needs: the threshold `m`.
	pub threshold: u8,
	/// The policy's keys: Bob's, to which the fragments re-encrypt, and Alice's.
	pub keys: PolicyKeys,
	/// The nodes that still hold a key fragment.
	pub nodes: Vec<PolicyNode<AccountId>>,
	/// The one account that may request re-encryption; anyone if `None`.
	pub requester: Option<AccountId>,
	/// The first block at which the policy is no longer live.
	pub ends_at: BlockNumber,
}

impl<AccountId: PartialEq, BlockNumber> LivePolicy<AccountId, BlockNumber> {
	/// The id of `node`'s key fragment, if `node` still serves the policy.
	pub fn kfrag_id_of(&self, node: &AccountId) -> Option<&KeyFragId> {
		self.nodes.iter().find(|n| &n.account == node).map(|n| &n.kfrag_id)
	}

	/// Whether `node` still serves the policy.
	pub fn is_served_by(&self, node: &AccountId) -> bool {
		self.kfrag_id_of(node).is_some()
	}
}

/// Policies as the re-encryption pallet sees them (implemented by the policy pallet).
pub trait Policies<AccountId, BlockNumber> {
	/// Policy `id`, if it is live at the current block: created, not expired, not revoked.
	fn live_policy(id: &PolicyId) -> Option<LivePolicy<AccountId, BlockNumber>>;
	/// `node`'s encrypted key fragment of policy `id`, while it holds one.
	fn encrypted_kfrag(id: &PolicyId, node: &AccountId) -> Option<EncryptedKeyFrag>;
	/// `node` left a request of policy `id` unanswered, whose response window was the blocks
	/// `[from, to)`: it forfeits its fee for those blocks.
	fn missed_request(id: &PolicyId, node: &AccountId, from: BlockNumber, to: BlockNumber);
}
