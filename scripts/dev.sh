#!/usr/bin/env bash
# Sets up the machine, builds the node and runs a single-validator development chain (Alice)
# with a throwaway database. Extra arguments go to the node, e.g. `scripts/dev.sh --rpc-port 9945`.
set -euo pipefail
source "$(dirname "$0")/common.sh"

"$repo_root/scripts/setup.sh"
build_node
exec "$NKMS_NODE" --dev "$@"
