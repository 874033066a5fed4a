/// The runtime's Wasm is built in a workspace under the target directory, which lies outside
/// the clone; point it back to our Cargo.lock so that it builds the same locked versions.
#[cfg(feature = "std")]
fn use_our_lock() {
	let workspace = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
	std::env::set_var("WASM_BUILD_WORKSPACE_HINT", workspace);
}

#[cfg(all(feature = "std", feature = "metadata-hash"))]
fn main() {
	use_our_lock();
	substrate_wasm_builder::WasmBuilder::init_with_defaults()
		.enable_metadata_hash("NKMS", 12)
		.build();
}

#[cfg(all(feature = "std", not(feature = "metadata-hash")))]
fn main() {
	use_our_lock();
	substrate_wasm_builder::WasmBuilder::build_using_defaults();
}

/// The Wasm is only built when compiling natively with `std`.
#[cfg(not(feature = "std"))]
fn main() {}
