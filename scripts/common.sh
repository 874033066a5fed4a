# Shared settings of the scripts; sourced, not run.

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# One fixed target directory outside the clone, so every clone and CI run builds incrementally.
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-/var/tmp/nkms-target}"
# The node binary the scripts and end-to-end tests run.
export NKMS_NODE="${NKMS_NODE:-$CARGO_TARGET_DIR/release/nkms-node}"

# The `nkms` client the README's walkthrough and the end-to-end tests run.
export NKMS_CLI="${NKMS_CLI:-$CARGO_TARGET_DIR/release/nkms}"

# Builds the node and the `nkms` client (one cargo run: they share their dependencies).
build_binaries() {
  (cd "$repo_root" && cargo build --locked --release -p nkms-node -p nkms-cli)
}
