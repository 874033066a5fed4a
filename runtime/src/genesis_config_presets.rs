//! Genesis presets: the initial state of the `development` and `local_testnet` chains.

use alloc::{vec, vec::Vec};
use frame_support::build_struct_json_patch;
use nkms_primitives::NodeKey;
use serde_json::Value;
use sp_consensus_aura::sr25519::AuthorityId as AuraId;
use sp_consensus_grandpa::AuthorityId as GrandpaId;
use sp_genesis_builder::{PresetId, DEV_RUNTIME_PRESET, LOCAL_TESTNET_RUNTIME_PRESET};
use sp_keyring::{Ed25519Keyring, Sr25519Keyring};

use crate::{
	AccountId, Balance, BalancesConfig, BlockNumber, PolicyConfig, RuntimeGenesisConfig,
	SessionConfig, SessionKeys, StakingConfig, SudoConfig, MICRO_UNIT, MIN_SESSION_LENGTH, UNIT,
};

/// What each well-known development account holds at genesis: one million NKMS.
pub const DEV_ENDOWMENT: Balance = 1_000_000 * UNIT;
/// What each genesis validator bonds: one hundred thousand NKMS.
pub const DEV_STAKE: Balance = 100_000 * UNIT;
/// The range of the nodes' minimum fee rates: a millionth to one NKMS per node per block.
pub const DEV_FEE_RATES: (Balance, Balance) = (MICRO_UNIT, UNIT);
/// Sessions of the dev and local chains: one minute, so that validator set changes show soon.
pub const DEV_SESSION_LENGTH: BlockNumber = MIN_SESSION_LENGTH;

/// A development validator: its account and session keys, derived from a well-known name.
pub struct DevValidator {
	account: AccountId,
	keys: SessionKeys,
}

impl DevValidator {
	fn new(name: Sr25519Keyring, grandpa: Ed25519Keyring) -> Self {
		Self {
			account: name.to_account_id(),
			keys: SessionKeys {
				aura: AuraId::from(name.public()),
				grandpa: GrandpaId::from(grandpa.public()),
				nkms: NodeKey::from(name.public()),
			},
		}
	}
}

/// A genesis state with these validators (bonded, with session keys; their nodes' off-chain
/// workers register their Umbral keys in the first blocks), endowed accounts and sudo key.
fn genesis(validators: &[DevValidator], endowed: Vec<AccountId>, sudo: AccountId) -> Value {
	build_struct_json_patch!(RuntimeGenesisConfig {
		balances: BalancesConfig {
			balances: endowed.into_iter().map(|account| (account, DEV_ENDOWMENT)).collect(),
		},
		staking: StakingConfig {
			stakers: validators.iter().map(|v| (v.account.clone(), DEV_STAKE, None)).collect(),
			session_length: Some(DEV_SESSION_LENGTH),
		},
		session: SessionConfig {
			keys: validators
				.iter()
				.map(|v| (v.account.clone(), v.account.clone(), v.keys.clone()))
				.collect(),
		},
		sudo: SudoConfig { key: Some(sudo) },
		policy: PolicyConfig { min_fee_rate: DEV_FEE_RATES.0, max_fee_rate: DEV_FEE_RATES.1 },
	})
}

/// The well-known development accounts (Alice, Bob, … and their `//stash` accounts).
fn dev_accounts() -> Vec<AccountId> {
	Sr25519Keyring::well_known().map(|key| key.to_account_id()).collect()
}

/// `development`: one validator, Alice, who is also sudo.
fn development() -> Value {
	genesis(
		&[DevValidator::new(Sr25519Keyring::Alice, Ed25519Keyring::Alice)],
		dev_accounts(),
		Sr25519Keyring::Alice.to_account_id(),
	)
}

/// `local_testnet`: four validators, Alice, Bob, Charlie and Dave (GRANDPA finalises with one of
/// them down); Alice is sudo.
fn local_testnet() -> Value {
	genesis(
		&[
			DevValidator::new(Sr25519Keyring::Alice, Ed25519Keyring::Alice),
			DevValidator::new(Sr25519Keyring::Bob, Ed25519Keyring::Bob),
			DevValidator::new(Sr25519Keyring::Charlie, Ed25519Keyring::Charlie),
			DevValidator::new(Sr25519Keyring::Dave, Ed25519Keyring::Dave),
		],
		dev_accounts(),
		Sr25519Keyring::Alice.to_account_id(),
	)
}

/// The JSON patch of the preset `id`, if there is one.
pub fn get_preset(id: &PresetId) -> Option<Vec<u8>> {
	let patch = match id.as_ref() {
		DEV_RUNTIME_PRESET => development(),
		LOCAL_TESTNET_RUNTIME_PRESET => local_testnet(),
		_ => return None,
	};
	serde_json::to_vec(&patch).ok()
}

/// The names of the presets this runtime offers.
pub fn preset_names() -> Vec<PresetId> {
	vec![PresetId::from(DEV_RUNTIME_PRESET), PresetId::from(LOCAL_TESTNET_RUNTIME_PRESET)]
}
