//! `client/metadata.scale`, from which the `nkms` client's types are generated, is this runtime's
//! metadata. After a change to the runtime's interface, `NKMS_UPDATE_METADATA=1 cargo test
//! --release -p nkms-runtime --test integration client_metadata` writes it anew.

use nkms_runtime::Runtime;

/// The newest metadata version the runtime offers that subxt 0.51 reads.
const MAX_VERSION: u32 = 16;

#[test]
fn the_client_metadata_is_the_runtimes() {
	let version = Runtime::metadata_versions()
		.into_iter()
		.filter(|version| *version <= MAX_VERSION)
		.max()
		.expect("a metadata version subxt reads");
	let metadata = Runtime::metadata_at_version(version).expect("offered").to_vec();
	let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../client/metadata.scale");
	if std::env::var_os("NKMS_UPDATE_METADATA").is_some() {
		std::fs::write(path, &metadata).expect("writes the metadata");
	}
	let file = std::fs::read(path).expect("client/metadata.scale");
	assert!(
		file == metadata,
		"client/metadata.scale is not this runtime's metadata (v{version}): run NKMS_UPDATE_METADATA=1 cargo test --release -p nkms-runtime --test integration client_metadata"
	);
}
