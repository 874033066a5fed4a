//! The runtime API through which clients query NKMS staking.

use alloc::vec::Vec;
use codec::Codec;
use nkms_primitives::{staking::SampleError, NodeKey, UmbralPublicKey};

sp_api::decl_runtime_apis! {
	/// Staked nodes as clients see them (see [`crate::NodeRegistry`]).
	pub trait NkmsStakingApi<AccountId, Balance>
	where
		AccountId: Codec,
		Balance: Codec,
	{
		/// Whether `who` is in the current session's active set.
		fn is_active(who: AccountId) -> bool;
		/// `who`'s active stake (zero for a non-staker).
		fn stake(who: AccountId) -> Balance;
		/// `who`'s Umbral public key.
		fn umbral_key(who: AccountId) -> Option<UmbralPublicKey>;
		/// The current session's active nodes with their elected stake.
		fn active_nodes() -> Vec<(AccountId, Balance)>;
		/// `n` distinct active nodes drawn by stake from `seed` (policy node selection).
		fn sample_nodes(seed: [u8; 32], n: u32) -> Result<Vec<AccountId>, SampleError>;
		/// The staker whose `nkms` session key is `key`.
		fn staker_of_node_key(key: NodeKey) -> Option<AccountId>;
	}
}
