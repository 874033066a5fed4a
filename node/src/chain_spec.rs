//! The chain specifications built into the node: `dev` and `local`.

use nkms_runtime::{SS58_PREFIX, TOKEN_DECIMALS, TOKEN_SYMBOL, WASM_BINARY};
use sc_chain_spec::{ChainType, Properties};
use sp_genesis_builder::{DEV_RUNTIME_PRESET, LOCAL_TESTNET_RUNTIME_PRESET};

/// A chain specification of NKMS Chain (no extensions).
pub type ChainSpec = sc_service::GenericChainSpec;

/// The token as wallets show it: NKMS, its decimals and the SS58 address prefix.
pub fn chain_properties() -> Properties {
	let mut properties = Properties::new();
	properties.insert("tokenSymbol".into(), TOKEN_SYMBOL.into());
	properties.insert("tokenDecimals".into(), TOKEN_DECIMALS.into());
	properties.insert("ss58Format".into(), SS58_PREFIX.into());
	properties
}

fn chain_spec(
	name: &str,
	id: &str,
	chain_type: ChainType,
	preset: &str,
) -> Result<ChainSpec, String> {
	let wasm = WASM_BINARY.ok_or("the node was built without the runtime's Wasm")?;
	Ok(ChainSpec::builder(wasm, None)
		.with_name(name)
		.with_id(id)
		.with_protocol_id("nkms")
		.with_chain_type(chain_type)
		.with_genesis_config_preset_name(preset)
		.with_properties(chain_properties())
		.build())
}

/// `dev`: a single validator, Alice.
pub fn development() -> Result<ChainSpec, String> {
	chain_spec("NKMS Development", "nkms_dev", ChainType::Development, DEV_RUNTIME_PRESET)
}

/// `local`: four validators, Alice, Bob, Charlie and Dave, on one machine.
pub fn local_testnet() -> Result<ChainSpec, String> {
	chain_spec("NKMS Local Testnet", "nkms_local", ChainType::Local, LOCAL_TESTNET_RUNTIME_PRESET)
}
