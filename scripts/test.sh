#!/usr/bin/env bash
# Sets up the machine and runs every test: formatting and lints, the Rust unit and integration
# tests of the workspace, the pallets' benchmarks as tests on their mock runtimes, then the
# end-to-end tests against the real node binary (dev chain, four-validator network, policies,
# re-encryption by the validators' off-chain workers with one of them stopped and restarted, a
# fifth validator joining and leaving, the dApp guide's client, the `nkms` client with the
# README's walkthrough, and attacks on honest nodes that must cost them nothing).
set -euo pipefail
source "$(dirname "$0")/common.sh"
cd "$repo_root"

step() { printf '\n== %s (%s)\n' "$1" "$(date +%T)"; }

step "setup"
scripts/setup.sh

step "cargo fmt --check"
cargo fmt --all --check

step "build nkms-node and nkms (release)"
build_binaries
test -z "$(cargo tree --locked -p nkms-node -i librocksdb-sys 2>/dev/null)" \
  || { echo "nkms-node must not depend on RocksDB" >&2; exit 1; }

step "cargo clippy, warnings denied (release profile: shares the build's scripts and macros)"
cargo clippy --locked --release --workspace --all-targets -- -D warnings
# The benchmarks are runtime code too.
cargo clippy --locked --release -p pallet-nkms-staking -p pallet-nkms-policy -p pallet-nkms-reencryption \
  --features runtime-benchmarks --all-targets -- -D warnings

step "cargo test (release profile, shares the node build's artifacts)"
cargo test --locked --release --workspace

step "benchmarks as tests (feature runtime-benchmarks, on the pallets' mock runtimes)"
cargo test --locked --release -p pallet-nkms-staking -p pallet-nkms-policy -p pallet-nkms-reencryption \
  --features runtime-benchmarks --lib benchmarking

step "end-to-end tests"
(cd tests && npm ci --no-audit --no-fund --loglevel=error)
# Two files at a time: most of their time is waiting for blocks and sessions.
(cd tests && node --test --test-concurrency=2 e2e/)
