//! The policy pallet's face to other pallets and clients: policy ids and what a live policy
//! tells the re-encryption pallet.

use alloc::vec::Vec;
use codec::{Decode, DecodeWithMemTracking, Encode};
use scale_info::TypeInfo;
use sp_runtime::traits::{BlakeTwo256, Hash};

use crate::{EncryptedKeyFrag, UmbralPublicKey};

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

/// What the re-encryption pallet needs of a live policy.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, TypeInfo)]
pub struct LivePolicy<AccountId, BlockNumber> {
	/// How many capsule fragments Bob needs: the threshold `m`.
	pub threshold: u8,
	/// Bob's key, to which the fragments re-encrypt.
	pub receiving_key: UmbralPublicKey,
	/// Alice's key, under which Enrico encrypts.
	pub delegating_key: UmbralPublicKey,
	/// Alice's signing key, which signed the key fragments.
	pub verifying_key: UmbralPublicKey,
	/// The nodes that still hold a key fragment.
	pub nodes: Vec<AccountId>,
	/// The one account that may request re-encryption; anyone if `None`.
	pub requester: Option<AccountId>,
	/// The first block at which the policy is no longer live.
	pub ends_at: BlockNumber,
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
