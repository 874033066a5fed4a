//! The genesis presets build a valid state with the documented validators, endowments and sudo.

use frame_support::traits::fungible::Inspect;
use nkms_primitives::staking::NodeRegistry;
use nkms_runtime::{
	genesis_config_presets::{
		get_preset, preset_names, DEV_ENDOWMENT, DEV_SESSION_LENGTH, DEV_STAKE,
	},
	Balances, Grandpa, Runtime, Staking, System, EXISTENTIAL_DEPOSIT, UNIT,
};
use sp_consensus_aura::sr25519::AuthorityId as AuraId;
use sp_genesis_builder::{DEV_RUNTIME_PRESET, LOCAL_TESTNET_RUNTIME_PRESET};
use sp_keyring::{Ed25519Keyring, Sr25519Keyring};

use crate::common::preset_state;

fn aura_of(keys: &[Sr25519Keyring]) -> Vec<AuraId> {
	keys.iter().map(|key| key.public().into()).collect()
}

#[test]
fn the_runtime_offers_exactly_the_two_presets() {
	assert_eq!(
		preset_names(),
		vec![DEV_RUNTIME_PRESET.to_string(), LOCAL_TESTNET_RUNTIME_PRESET.to_string()]
	);
	assert!(get_preset(&"staging".into()).is_none());
}

#[test]
fn development_has_alice_as_sole_validator_and_sudo() {
	preset_state(DEV_RUNTIME_PRESET).execute_with(|| {
		assert_eq!(
			pallet_aura::Authorities::<Runtime>::get().into_inner(),
			aura_of(&[Sr25519Keyring::Alice])
		);
		assert_eq!(
			Grandpa::grandpa_authorities(),
			vec![(Ed25519Keyring::Alice.public().into(), 1)]
		);
		assert_eq!(pallet_sudo::Key::<Runtime>::get(), Some(Sr25519Keyring::Alice.to_account_id()));
	});
}

#[test]
fn local_testnet_has_alice_bob_charlie_and_dave_as_validators() {
	preset_state(LOCAL_TESTNET_RUNTIME_PRESET).execute_with(|| {
		// Equal stakes: elected in the order of their accounts.
		let validators = [
			Sr25519Keyring::Dave,
			Sr25519Keyring::Bob,
			Sr25519Keyring::Charlie,
			Sr25519Keyring::Alice,
		];
		assert_eq!(pallet_aura::Authorities::<Runtime>::get().into_inner(), aura_of(&validators));
		let grandpa: Vec<_> = [
			Ed25519Keyring::Dave,
			Ed25519Keyring::Bob,
			Ed25519Keyring::Charlie,
			Ed25519Keyring::Alice,
		]
		.iter()
		.map(|key| (key.public().into(), 1))
		.collect();
		assert_eq!(Grandpa::grandpa_authorities(), grandpa);
	});
}

#[test]
fn every_well_known_account_is_endowed_and_validators_stake() {
	for (preset, validators) in [
		(DEV_RUNTIME_PRESET, &[Sr25519Keyring::Alice][..]),
		(
			LOCAL_TESTNET_RUNTIME_PRESET,
			&[
				Sr25519Keyring::Alice,
				Sr25519Keyring::Bob,
				Sr25519Keyring::Charlie,
				Sr25519Keyring::Dave,
			][..],
		),
	] {
		preset_state(preset).execute_with(|| {
			let accounts: Vec<_> =
				Sr25519Keyring::well_known().map(|k| k.to_account_id()).collect();
			for key in Sr25519Keyring::well_known() {
				let account = key.to_account_id();
				let stake = if validators.contains(&key) { DEV_STAKE } else { 0 };
				assert_eq!(Balances::balance(&account), DEV_ENDOWMENT - stake);
				assert_eq!(Balances::total_balance(&account), DEV_ENDOWMENT);
				assert_eq!(<Staking as NodeRegistry<_>>::stake_of(&account), stake);
				assert!(System::account_exists(&account));
			}
			assert_eq!(Balances::total_issuance(), DEV_ENDOWMENT * accounts.len() as u128);
		});
	}
}

#[test]
fn genesis_validators_are_active_nodes_with_keys() {
	preset_state(LOCAL_TESTNET_RUNTIME_PRESET).execute_with(|| {
		let mut active: Vec<_> = <Staking as NodeRegistry<_>>::active_nodes();
		active.sort();
		let mut expected: Vec<_> = [
			Sr25519Keyring::Alice,
			Sr25519Keyring::Bob,
			Sr25519Keyring::Charlie,
			Sr25519Keyring::Dave,
		]
		.iter()
		.map(|key| (key.to_account_id(), DEV_STAKE))
		.collect();
		expected.sort();
		assert_eq!(active, expected);
		for key in [Sr25519Keyring::Alice, Sr25519Keyring::Bob] {
			let account = key.to_account_id();
			// Their nodes' off-chain workers register them.
			assert_eq!(<Staking as NodeRegistry<_>>::umbral_key_of(&account), None);
			assert_eq!(
				<Staking as NodeRegistry<_>>::staker_of_node_key(&key.public().into()),
				Some(account)
			);
		}
		assert_eq!(pallet_nkms_staking::SessionLength::<Runtime>::get(), DEV_SESSION_LENGTH);
		assert_eq!(pallet_session::Validators::<Runtime>::get().len(), 4);
	});
}

#[test]
fn token_units_are_twelve_decimals() {
	assert_eq!(UNIT, 10u128.pow(nkms_runtime::TOKEN_DECIMALS as u32));
	assert_eq!(nkms_runtime::TOKEN_SYMBOL, "NKMS");
	const { assert!(EXISTENTIAL_DEPOSIT > 0 && EXISTENTIAL_DEPOSIT < UNIT) };
	assert_eq!(
		<<Runtime as frame_system::Config>::SS58Prefix as frame_support::traits::Get<u16>>::get(),
		42
	);
}
