#!/usr/bin/env bash
# Measures the weights of our pallets with `nkms-node benchmark pallet` on this machine and writes
# each pallet's `weights.rs` (template: scripts/pallet-weights.hbs).
#
#   scripts/benchmark.sh                 # every pallet of ours, 50 steps, 20 repeats
#   STEPS=10 REPEAT=5 scripts/benchmark.sh pallet_nkms_staking
#
# It builds the node with `runtime-benchmarks` into the same target directory, so run
# scripts/test.sh or scripts/dev.sh afterwards to get the ordinary node back.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

steps="${STEPS:-50}"
repeat="${REPEAT:-20}"
pallets=("$@")
[ ${#pallets[@]} -gt 0 ] || pallets=(pallet_nkms_staking pallet_nkms_policy pallet_nkms_reencryption)

declare -A weights_file=(
  [pallet_nkms_staking]=pallets/staking/src/weights.rs
  [pallet_nkms_policy]=pallets/policy/src/weights.rs
  [pallet_nkms_reencryption]=pallets/reencryption/src/weights.rs
)

"$repo_root/scripts/setup.sh"
(cd "$repo_root" && cargo build --locked --release -p nkms-node --features runtime-benchmarks)
runtime="$CARGO_TARGET_DIR/release/wbuild/nkms-runtime/nkms_runtime.compact.compressed.wasm"

header="$(mktemp)"
trap 'rm -f "$header"' EXIT
printf '%s\n' '// This file is part of NKMS Chain. SPDX-License-Identifier: GPL-3.0-only' > "$header"

for pallet in "${pallets[@]}"; do
  output="${weights_file[$pallet]:?no weights.rs known for $pallet}"
  echo "benchmarking $pallet ($steps steps, $repeat repeats) into $output"
  (cd "$repo_root" && "$NKMS_NODE" benchmark pallet \
    --runtime "$runtime" \
    --genesis-builder runtime \
    --genesis-builder-preset development \
    --pallet "$pallet" \
    --extrinsic '*' \
    --steps "$steps" \
    --repeat "$repeat" \
    --template scripts/pallet-weights.hbs \
    --header "$header" \
    --output "$output")
done
