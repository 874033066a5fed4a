//! The pallets `nkms-node benchmark pallet` measures (feature `runtime-benchmarks`).

pub use frame_benchmarking::baseline::Pallet as BaselineBench;
pub use frame_system_benchmarking::{
	extensions::Pallet as SystemExtensionsBench, Pallet as SystemBench,
};

use nkms_primitives::{NodeKey, NODE_KEY_TYPE};
use sp_core::{ed25519, sr25519};
use sp_runtime::traits::{BlakeTwo256, Hash};

use super::{AccountId, Runtime, SessionKeys};
use alloc::vec::Vec;

impl frame_benchmarking::baseline::Config for Runtime {}
impl frame_system_benchmarking::Config for Runtime {}

/// Session keys for the staking benchmarks, written straight into pallet-session's storage.
pub struct StakingHelper;

impl pallet_nkms_staking::benchmarking::BenchmarkHelper<AccountId> for StakingHelper {
	fn register_session_keys(who: &AccountId) -> AccountId {
		let raw: [u8; 32] = who.clone().into();
		let node = BlakeTwo256::hash(&raw).0;
		let keys = SessionKeys {
			aura: sr25519::Public::from_raw(raw).into(),
			grandpa: ed25519::Public::from_raw(raw).into(),
			nkms: NodeKey::from(sr25519::Public::from_raw(node)),
		};
		pallet_session::NextKeys::<Runtime>::insert(who, keys);
		pallet_session::KeyOwner::<Runtime>::insert((NODE_KEY_TYPE, node.to_vec()), who);
		node.into()
	}

	fn set_session_validators(validators: Vec<AccountId>) {
		pallet_session::Validators::<Runtime>::put(validators);
	}
}

frame_benchmarking::define_benchmarks!(
	[frame_benchmarking, BaselineBench::<Runtime>]
	[frame_system, SystemBench::<Runtime>]
	[frame_system_extensions, SystemExtensionsBench::<Runtime>]
	[pallet_balances, Balances]
	[pallet_timestamp, Timestamp]
	[pallet_sudo, Sudo]
	[pallet_nkms_staking, Staking]
);
