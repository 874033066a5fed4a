#!/usr/bin/env bash
# Measures, in one run on this machine, how fast the runtime verifies capsule fragments:
#
# - umbral-pre's native `CapsuleFrag::verify`, µs per fragment (the baseline), and this chain's
#   verifier run natively (primitives/examples/cfrag_verification_speed.rs);
# - the runtime's cost per fragment: the slope of `submit_cfrags` in the Wasm benchmark
#   (`nkms-node benchmark pallet`), and its ratio to the baseline (goal: at most 0.75);
# - how many fragments the normal class of a 6-second block accepts, in answers of
#   `MaxCapsulesPerRequest` fragments with their storage reads and writes and the base weight of
#   each transaction (goal: at least 4,000);
# - the off-chain worker's re-encryption in Wasm (the slope of the `reencrypt_in_worker`
#   benchmark: decoding a capsule, `reencrypt_with_rng`, encoding the fragment) against
#   umbral-pre's native `reencrypt`, as a ratio of rates (goal: at least 0.4).
#
#   scripts/verification-speed.sh          # 50 steps, 20 repeats
#   STEPS=8 REPEAT=5 scripts/verification-speed.sh
#
# Like scripts/benchmark.sh it builds the node with `runtime-benchmarks`.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
cd "$repo_root"

steps="${STEPS:-50}"
repeat="${REPEAT:-20}"
scripts/setup.sh >/dev/null
# The runtime's limits first: the runtime test and the benchmark node build the runtime's Wasm
# into the same place, with and without `runtime-benchmarks`.
limits="$(cargo test --locked --release -q -p nkms-runtime --test integration -- \
  --ignored --nocapture reencryption::block_limits | grep '=')"
native="$(cargo run --locked --release -q -p nkms-primitives --example cfrag_verification_speed)"
cargo build --locked --release -p nkms-node --features runtime-benchmarks
runtime="$CARGO_TARGET_DIR/release/wbuild/nkms-runtime/nkms_runtime.compact.compressed.wasm"
benchmark() {
  "$NKMS_NODE" benchmark pallet --runtime "$runtime" \
    --genesis-builder runtime --genesis-builder-preset development \
    --pallet pallet_nkms_reencryption --extrinsic "$1" \
    --steps "$steps" --repeat "$repeat"
}
bench="$(benchmark submit_cfrags)"
worker="$(benchmark reencrypt_in_worker)"

python3 - "$native" "$limits" "$bench" "$worker" <<'EOF'
import re, sys

native, limits, bench, worker = sys.argv[1:]
values = dict(line.split("=") for line in (native + "\n" + limits).split())
umbral = float(values["umbral_verify_us"])
ours_native = float(values["nkms_verify_us"])
# The least-squares model, the last one printed: `Time ~= base` then `+ c slope`, in µs.
model = bench[bench.rindex("Model:"):]
base = float(re.search(r"Time ~=\s+([\d.]+)", model).group(1))
slope = float(re.search(r"\+ c\s+([\d.]+)", model).group(1))
reads = [int(x) for x in re.search(r"Reads = (\d+) \+ \((\d+) \* c\)", model).groups()]
writes = [int(x) for x in re.search(r"Writes = (\d+) \+ \((\d+) \* c\)", model).groups()]

c = int(values["max_capsules"])
answer_us = (base + slope * c
             + (reads[0] + reads[1] * c) * float(values["db_read_us"])
             + (writes[0] + writes[1] * c) * float(values["db_write_us"])
             + float(values["extrinsic_base_us"]))
answers = int(float(values["normal_max_us"]) // answer_us)

print(f"umbral-pre CapsuleFrag::verify, native:      {umbral:8.1f} µs per fragment (baseline)")
print(f"this chain's verifier, native:               {ours_native:8.1f} µs  ({ours_native / umbral:.2f} × baseline)")
print(f"the runtime's weight per fragment (Wasm):    {slope:8.1f} µs  ({slope / umbral:.2f} × baseline, goal ≤ 0.75)")
print(f"an answer of {c} fragments, all included:     {answer_us:8.1f} µs")
print(f"fragments per 6-second block (normal class): {answers * c:8d}     (goal ≥ 4000)")

reencrypt = float(values["umbral_reencrypt_us"])
worker_model = worker[worker.rindex("Model:"):]
worker_us = float(re.search(r"\+ c\s+([\d.]+)", worker_model).group(1))
print(f"umbral-pre reencrypt, native:                {reencrypt:8.1f} µs per capsule (baseline)")
worker_native = float(values["worker_native_us"])
print(f"the off-chain worker's re-encryption (Wasm): {worker_us:8.1f} µs  (rate {reencrypt / worker_us:.2f} × baseline, goal ≥ 0.4)")
print(f"  the same work natively:                    {worker_native:8.1f} µs  ({worker_native / reencrypt:.2f} × reencrypt; Wasm costs {worker_us / worker_native:.2f} × native)")
EOF
