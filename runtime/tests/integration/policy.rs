//! Policies wired into the runtime: over the `local` chain's validators, with fees paid through
//! the staking pallet, and a node of a live policy held to the minimum stake.

use frame_support::{
	assert_noop, assert_ok,
	traits::{fungible::Inspect, Get},
	BoundedVec,
};
use nkms_runtime::{
	genesis_config_presets::{DEV_FEE_RATES, DEV_STAKE},
	Balances, Policy, Runtime, RuntimeEvent, RuntimeOrigin, Staking, System, MILLI_UNIT,
};
use pallet_nkms_policy::FeeRates;
use sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET;
use sp_keyring::Sr25519Keyring;

use crate::common::{eve_grants, preset_state};

const EXPIRY: u32 = 50;

#[test]
fn the_local_chain_starts_with_the_documented_fee_rate_range() {
	preset_state(LOCAL_TESTNET_RUNTIME_PRESET).execute_with(|| {
		let range = FeeRates::<Runtime>::get();
		assert_eq!((range.min, range.max), DEV_FEE_RATES);
	});
}

#[test]
fn a_node_of_a_live_policy_keeps_the_minimum_stake_until_it_ends() {
	preset_state(LOCAL_TESTNET_RUNTIME_PRESET).execute_with(|| {
		System::set_block_number(1);
		eve_grants(1, EXPIRY);
		let bob = RuntimeOrigin::signed(Sr25519Keyring::Bob.to_account_id());
		assert_noop!(
			Staking::unbond(bob.clone(), DEV_STAKE),
			pallet_nkms_staking::Error::<Runtime>::ServesLivePolicies
		);
		System::set_block_number(EXPIRY);
		assert_ok!(Staking::unbond(bob, DEV_STAKE));
	});
}

#[test]
fn fees_are_paid_to_nodes_through_staking() {
	preset_state(LOCAL_TESTNET_RUNTIME_PRESET).execute_with(|| {
		System::set_block_number(1);
		let id = eve_grants(1, EXPIRY).id;
		let delay: u32 = <Runtime as pallet_nkms_policy::Config>::SettlementDelay::get();
		System::set_block_number(1 + delay + 10);
		let charlie = Sr25519Keyring::Charlie.to_account_id();
		let before = Balances::balance(&charlie);
		assert_ok!(Policy::claim_fees(
			RuntimeOrigin::signed(charlie.clone()),
			BoundedVec::truncate_from(vec![id])
		));
		let paid = 10 * DEV_FEE_RATES.0;
		assert_eq!(Balances::balance(&charlie), before + paid);
		assert!(System::events().iter().any(|record| record.event
			== RuntimeEvent::Staking(pallet_nkms_staking::Event::Rewarded {
				node: charlie.clone(),
				amount: paid
			})));
	});
}

#[test]
fn the_policy_deposit_is_the_documented_one() {
	// configs.rs and the README: a 2-of-3 policy with a short label, and one of 32 nodes.
	let small = Policy::deposit_for(3, 16, false);
	let large = Policy::deposit_for(32, 128, false);
	assert!((3_000 * MILLI_UNIT..3_100 * MILLI_UNIT).contains(&small), "{small}");
	assert!((28_000 * MILLI_UNIT..28_500 * MILLI_UNIT).contains(&large), "{large}");
}
