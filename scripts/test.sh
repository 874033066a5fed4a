#!/usr/bin/env bash
# Sets up the machine and runs every test: the Rust unit and integration tests of the workspace,
# then the end-to-end tests against the real node binary (dev chain and three-validator network).
set -euo pipefail
source "$(dirname "$0")/common.sh"
cd "$repo_root"

step() { printf '\n== %s (%s)\n' "$1" "$(date +%T)"; }

step "setup"
scripts/setup.sh

step "build nkms-node (release)"
build_node
test -z "$(cargo tree --locked -p nkms-node -i librocksdb-sys 2>/dev/null)" \
  || { echo "nkms-node must not depend on RocksDB" >&2; exit 1; }

step "cargo test (release profile, shares the node build's artifacts)"
cargo test --locked --release --workspace

step "end-to-end tests"
(cd tests && npm ci --no-audit --no-fund --loglevel=error)
(cd tests && node --test --test-concurrency=1 e2e/)
