#!/usr/bin/env bash
# Sets up the machine, builds the node and the `nkms` client, and runs a single-validator
# development chain (Alice) with a throwaway database. Extra arguments go to the node, e.g.
# `scripts/dev.sh --rpc-port 9945`.
set -euo pipefail
source "$(dirname "$0")/common.sh"

"$repo_root/scripts/setup.sh"
build_binaries
exec "$NKMS_NODE" --dev "$@"
