//! What the runtime's integration tests share.

use frame_support::genesis_builder_helper::build_state;
use nkms_runtime::{genesis_config_presets::get_preset, RuntimeGenesisConfig};

/// The state of a preset, built the way the node builds it: the preset's patch merged into the
/// default genesis config, then `build_state`.
pub fn preset_state(name: &str) -> sp_io::TestExternalities {
	let patch = get_preset(&name.into()).unwrap_or_else(|| panic!("preset {name} exists"));
	let mut config = serde_json::to_value(RuntimeGenesisConfig::default()).unwrap();
	merge(&mut config, serde_json::from_slice(&patch).unwrap());
	let mut ext = sp_io::TestExternalities::default();
	ext.execute_with(|| build_state::<RuntimeGenesisConfig>(config.to_string().into_bytes()))
		.expect("the preset builds");
	ext
}

/// Merges a JSON patch into `base`: objects key by key, anything else replaced.
fn merge(base: &mut serde_json::Value, patch: serde_json::Value) {
	match (base, patch) {
		(serde_json::Value::Object(base), serde_json::Value::Object(patch)) => {
			for (key, value) in patch {
				merge(base.entry(key).or_insert(serde_json::Value::Null), value);
			}
		},
		(base, patch) => *base = patch,
	}
}
