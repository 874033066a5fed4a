//! The staking pallet's face to other pallets: queries, slashing and payments to nodes, and
//! what it needs from them (the session keys' owners, the policies a node serves).
//!
//! The runtime wires the implementations; each pallet's mock implements what it needs.

use alloc::vec::Vec;
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;
use sp_runtime::{DispatchResult, Perbill};

use crate::{NodeKey, UmbralPublicKey};

/// How much of a staker's held stake (active and unlocking) a slash takes.
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
pub enum SlashAmount<Balance> {
	/// This fraction of the held stake, rounded down.
	Fraction(Perbill),
	/// This amount, or all of the held stake if it is less.
	Amount(Balance),
}

/// Why a stake was slashed.
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
pub enum SlashReason {
	/// A proven consensus equivocation (e.g. two GRANDPA votes in one round), reported through
	/// pallet-offences.
	Equivocation,
	/// A capsule fragment whose correctness proof failed verification.
	IncorrectReencryption,
	/// Re-encryption requests left unanswered past their deadline.
	Unresponsive,
}

/// Why no sample could be drawn.
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
pub enum SampleError {
	/// Fewer active nodes than asked for.
	NotEnoughNodes {
		/// How many active nodes there are.
		active: u32,
	},
}

/// What other pallets and clients may ask about the staked nodes.
pub trait NodeRegistry<AccountId> {
	/// The stake's balance type.
	type Balance;

	/// Whether `who` is in the current session's active node (validator) set.
	fn is_active(who: &AccountId) -> bool;
	/// Whether `who` may take on new work: it is active, wants to go on validating and has at
	/// least the minimum stake bonded (a node that unbonded or chilled this session is still
	/// active, but no longer takes new policies).
	fn can_serve(who: &AccountId) -> bool;
	/// `who`'s active (bonded, not unlocking) stake; zero for a non-staker.
	fn stake_of(who: &AccountId) -> Self::Balance;
	/// Whether `who`'s active stake is at least the minimum stake: a node slashed below it
	/// answers for nothing less than what it would lose.
	fn has_min_stake(who: &AccountId) -> bool;
	/// `who`'s registered Umbral public key.
	fn umbral_key_of(who: &AccountId) -> Option<UmbralPublicKey>;
	/// The current session's active nodes with the stake each had when it was elected.
	fn active_nodes() -> Vec<(AccountId, Self::Balance)>;
	/// `n` distinct active nodes drawn with probability proportional to their stake, without
	/// replacement; the same `seed` and the same active set give the same sample.
	fn sample_active_nodes(seed: &[u8; 32], n: u32) -> Result<Vec<AccountId>, SampleError>;
	/// The staker whose `nkms` session key is `key`.
	fn staker_of_node_key(key: &NodeKey) -> Option<AccountId>;
	/// The staker a transaction signed by `caller` acts for: `caller` itself if it is a staker,
	/// else the staker whose `nkms` session key has `caller`'s bytes.
	fn staker_acting_as(caller: &AccountId) -> Option<AccountId>;
}

/// Slashing of held stake, for the pallets that judge misbehaviour.
pub trait SlashStake<AccountId> {
	/// The stake's balance type.
	type Balance;

	/// Takes `amount` of `who`'s held stake for `reason`, pays the reporter's share to
	/// `reporter` and returns how much was taken (zero for a non-staker).
	fn slash(
		who: &AccountId,
		amount: SlashAmount<Self::Balance>,
		reason: SlashReason,
		reporter: Option<&AccountId>,
	) -> Self::Balance;
}

/// Payments to nodes (policy fees go through it).
pub trait RewardNode<AccountId> {
	/// The balance type.
	type Balance;

	/// Transfers `amount` from `payer` to the staker `node`; fails if `node` is not a staker or
	/// `payer` cannot pay.
	fn reward(node: &AccountId, payer: &AccountId, amount: Self::Balance) -> DispatchResult;
}

/// The policies a node serves (implemented by the policy pallet).
pub trait PolicyObligations<AccountId> {
	/// Whether `node` still holds key fragments of live policies, so that its stake must stay at
	/// or above the minimum.
	fn serves_live_policies(node: &AccountId) -> bool;
}

/// No policies: no node serves any.
impl<AccountId> PolicyObligations<AccountId> for () {
	fn serves_live_policies(_: &AccountId) -> bool {
		false
	}
}

/// Who registered an `nkms` session key (implemented with pallet-session).
pub trait NodeKeyOwner<AccountId> {
	/// The account whose session keys include the `nkms` key with these raw public bytes.
	fn owner_of(node_key: &[u8]) -> Option<AccountId>;
	/// The account of `owner`'s `nkms` session key, as last set (which the next session uses).
	fn node_account_of(owner: &AccountId) -> Option<AccountId>;
}

/// The bytes an Umbral key's proof of possession begins with.
pub const UMBRAL_KEY_PROOF_DOMAIN: &[u8] = b"nkms/umbral-key";

/// What a node signs with its Umbral secret key to register the key for `staker` on the chain
/// whose genesis block hash is `genesis_hash`: `UMBRAL_KEY_PROOF_DOMAIN ‖ SCALE(staker) ‖
/// genesis_hash` (for a 32-byte account id, SCALE is its bytes). The signature is umbral-pre's
/// (`Signer::sign`), so no one without the secret key can register it.
pub fn umbral_key_proof_message<AccountId: Encode>(
	staker: &AccountId,
	genesis_hash: &[u8],
) -> Vec<u8> {
	let mut message = UMBRAL_KEY_PROOF_DOMAIN.to_vec();
	staker.encode_to(&mut message);
	message.extend_from_slice(genesis_hash);
	message
}
