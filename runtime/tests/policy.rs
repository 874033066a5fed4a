//! Policies wired into the runtime: over the `local` chain's validators, with fees paid through
//! the staking pallet, and a node of a live policy held to the minimum stake.

use frame_support::{
	assert_noop, assert_ok,
	traits::{fungible::Inspect, Get},
	BoundedVec,
};
use nkms_primitives::{
	staking::NodeRegistry,
	umbral_pre::{self, SecretKey, Signer},
	EncryptedKeyFrag, KeyFragBytes, UmbralPublicKey,
};
use nkms_runtime::{
	genesis_config_presets::{DEV_FEE_RATES, DEV_STAKE},
	AccountId, Balances, Policy, Runtime, RuntimeEvent, RuntimeOrigin, Staking, System,
};
use pallet_nkms_policy::{FeeRates, PolicyKeys, SharesOf};
use sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET;
use sp_keyring::Sr25519Keyring;

mod common;
use common::preset_state;

const EXPIRY: u32 = 50;

/// Eve's 1-of-3 policy over Alice, Bob and Charlie at the range's minimum rate until `EXPIRY`;
/// returns its id.
fn eve_grants() -> [u8; 32] {
	let validators: Vec<AccountId> =
		[Sr25519Keyring::Alice, Sr25519Keyring::Bob, Sr25519Keyring::Charlie]
			.iter()
			.map(|key| key.to_account_id())
			.collect();
	let delegating = SecretKey::random();
	let signing = SecretKey::random();
	let reader = SecretKey::random();
	let kfrags = umbral_pre::generate_kfrags(
		&delegating,
		&reader.public_key(),
		&Signer::new(signing.clone()),
		1,
		3,
		true,
		true,
	);
	let shares = validators
		.iter()
		.zip(kfrags.iter())
		.map(|(node, kfrag)| {
			let node_key = Staking::umbral_key_of(node).unwrap().to_umbral().unwrap();
			let bytes = KeyFragBytes::from_umbral(&kfrag.clone().unverify()).unwrap();
			let (capsule, ciphertext) = umbral_pre::encrypt(&node_key, bytes.as_bytes()).unwrap();
			(node.clone(), EncryptedKeyFrag::from_umbral(&capsule, &ciphertext).unwrap())
		})
		.collect::<Vec<_>>();
	let key = |sk: &SecretKey| UmbralPublicKey::from_umbral(&sk.public_key()).unwrap();
	let umbral_keys = PolicyKeys {
		receiving: key(&reader),
		delegating: key(&delegating),
		verifying: key(&signing),
	};
	let eve = Sr25519Keyring::Eve.to_account_id();
	assert_ok!(Policy::create_policy(
		RuntimeOrigin::signed(eve.clone()),
		BoundedVec::truncate_from(b"records".to_vec()),
		umbral_keys,
		1,
		SharesOf::<Runtime>::truncate_from(shares),
		EXPIRY,
		DEV_FEE_RATES.0,
		None,
	));
	nkms_primitives::policy::policy_id(&eve, &umbral_keys.receiving, b"records")
}

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
		eve_grants();
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
		let id = eve_grants();
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
