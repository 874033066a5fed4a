//! The policy pallet's face to other pallets and clients: policy ids and what a live policy
//! tells the re-encryption pallet.

use alloc::vec::Vec;
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;
use sp_runtime::traits::{BlakeTwo256, Hash};

use crate::{CfragVerificationError, EncryptedKeyFrag, KeyFragId, UmbralPublicKey};

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
	/// The nodes that accepted and still serve.
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

/// The bytes an arrangement digest's preimage starts with.
pub const ARRANGEMENT_DIGEST_DOMAIN: &[u8] = b"nkms/arrangement";

/// What a node consents to when it accepts (or refuses when it declines) its arrangement of a
/// policy: `blake2_256(ARRANGEMENT_DIGEST_DOMAIN ‖ policy ‖ SCALE(keys) ‖ kfrag_id ‖
/// SCALE(kfrag))`. A decision names it, so a decision made on one fork binds nothing on a fork
/// where the policy's id stands for other terms.
pub fn arrangement_digest(
	policy: &PolicyId,
	keys: &PolicyKeys,
	kfrag_id: &KeyFragId,
	kfrag: &EncryptedKeyFrag,
) -> [u8; 32] {
	BlakeTwo256::hash_of(&(ARRANGEMENT_DIGEST_DOMAIN, policy, keys, kfrag_id, kfrag)).0
}

/// An arrangement a node has yet to accept or decline, as its off-chain worker checks it.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, TypeInfo)]
pub struct Proposal<BlockNumber> {
	/// The policy.
	pub policy: PolicyId,
	/// Its keys.
	pub keys: PolicyKeys,
	/// The id Alice named for the node's key fragment.
	pub kfrag_id: KeyFragId,
	/// The key fragment, encrypted to the node's Umbral key.
	pub kfrag: EncryptedKeyFrag,
	/// The first block at which the node may no longer decide.
	pub decide_by: BlockNumber,
}

impl<BlockNumber> Proposal<BlockNumber> {
	/// What the node's decision names: [`arrangement_digest`].
	pub fn digest(&self) -> [u8; 32] {
		arrangement_digest(&self.policy, &self.keys, &self.kfrag_id, &self.kfrag)
	}
}

/// Why a node refuses its key fragment of a policy: what it found when it checked the fragment
/// before accepting the arrangement (or, later, before answering with it). Each makes every
/// fragment the node could make fail the chain's verification.
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
pub enum KfragFault {
	/// It does not decrypt with the node's Umbral key: made for another key, or altered.
	Undecryptable,
	/// It decrypts, but not to umbral-pre's bytes of a key fragment.
	Malformed,
	/// Its id is not the one Alice named for the node.
	WrongId,
	/// Its parameter `u` is not umbral-pre's standard one.
	NonStandardParameters,
	/// It fails umbral-pre's `KeyFrag::verify` against the policy's keys.
	Unverified,
	/// A fragment made with it fails the chain's own verifier, for this reason (a forged
	/// signature for the receiver, for example).
	Rejected(CfragVerificationError),
}

/// What a node's off-chain worker tells the chain about one of its arrangements.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, TypeInfo)]
pub enum NodeDecision {
	/// It accepts the proposed arrangement of `policy` whose [`arrangement_digest`] is `digest`.
	Accept {
		/// The policy.
		policy: PolicyId,
		/// What it checked.
		digest: [u8; 32],
	},
	/// It declines the proposed arrangement, for `fault`.
	Decline {
		/// The policy.
		policy: PolicyId,
		/// What it checked.
		digest: [u8; 32],
		/// Why.
		fault: KfragFault,
	},
	/// It leaves a policy it accepted at once: its key fragment turned out to be faulty.
	Leave {
		/// The policy.
		policy: PolicyId,
		/// Why.
		fault: KfragFault,
	},
}

/// Policies as the re-encryption pallet sees them (implemented by the policy pallet).
pub trait Policies<AccountId, BlockNumber> {
	/// Policy `id`, if it is live at the current block: created, accepted by at least `m` of its
	/// nodes, not expired, not revoked.
	fn live_policy(id: &PolicyId) -> Option<LivePolicy<AccountId, BlockNumber>>;
	/// The arrangements `node` may still accept or decline.
	fn proposals(node: &AccountId) -> Vec<Proposal<BlockNumber>>;
	/// `node`'s encrypted key fragment of policy `id`, while it holds one.
	fn encrypted_kfrag(id: &PolicyId, node: &AccountId) -> Option<EncryptedKeyFrag>;
	/// `node` left a request of policy `id` unanswered, whose response window was the blocks
	/// `[from, to)`: it forfeits its fee for those blocks.
	fn missed_request(id: &PolicyId, node: &AccountId, from: BlockNumber, to: BlockNumber);
}

/// Strikes for nodes that stay silent on what they must decide (implemented by the
/// re-encryption pallet, which keeps the strikes).
pub trait Liveness<AccountId> {
	/// `node` neither accepted nor declined its arrangement of policy `id` in time.
	fn missed_decision(node: &AccountId, id: &PolicyId);
}

/// Nobody keeps strikes.
impl<AccountId> Liveness<AccountId> for () {
	fn missed_decision(_: &AccountId, _: &PolicyId) {}
}
