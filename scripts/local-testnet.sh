#!/usr/bin/env bash
# Runs the four-validator `local` NKMS network (Alice, Bob, Charlie, Dave) on this machine, on
# loopback only: each node has its own ports, base path and log file under one folder. The others
# bootstrap from Alice, whose network key is fixed. GRANDPA finalises with one of the four down.
# Ctrl-C (SIGINT) or SIGTERM stops all nodes; if any node dies on its own, the others are stopped
# and the script exits with 1.
#
# It does not build the node: run scripts/dev.sh or `cargo build --release -p nkms-node` first.
# Extra arguments go to every node, e.g. `scripts/local-testnet.sh -l runtime=debug`.
#
# Environment (all optional):
#   NKMS_NODE                  the node binary (default $CARGO_TARGET_DIR/release/nkms-node,
#                              CARGO_TARGET_DIR defaulting to /var/tmp/nkms-target)
#   NKMS_TESTNET_DIR           folder for the base paths and logs (default: a fresh `mktemp -d`;
#                              kept afterwards; an existing folder's chains are resumed)
#   NKMS_TESTNET_NODES         which of the validators to run (default "alice bob charlie dave";
#                              Alice always runs): the others can be run by hand with the same
#                              ports, e.g. to stop and restart one
#   NKMS_BASE_PORT             p2p port of Alice; Bob +1, Charlie +2, Dave +3 (default 30400)
#   NKMS_RPC_BASE_PORT         RPC port of Alice; Bob +1, Charlie +2, Dave +3 (default 9944)
#   NKMS_PROMETHEUS_BASE_PORT  metrics port of Alice; Bob +1, …                (default 9615)
#   NKMS_START_TIMEOUT         seconds to wait for the nodes' RPC servers    (default 120)
#   NKMS_STOP_TIMEOUT          seconds to wait for the nodes to stop before SIGKILL (default 20)
# shellcheck disable=SC2317 # the functions below run from traps
set -euo pipefail
# shellcheck source=scripts/common.sh
source "$(dirname "$0")/common.sh"

base_port="${NKMS_BASE_PORT:-30400}"
rpc_base_port="${NKMS_RPC_BASE_PORT:-9944}"
prometheus_base_port="${NKMS_PROMETHEUS_BASE_PORT:-9615}"
start_timeout="${NKMS_START_TIMEOUT:-120}"
stop_timeout="${NKMS_STOP_TIMEOUT:-20}"

say() { printf 'local-testnet: %s\n' "$*"; }
die() { printf 'local-testnet: %s\n' "$*" >&2; exit 1; }

for value in "$base_port" "$rpc_base_port" "$prometheus_base_port" "$start_timeout" "$stop_timeout"; do
  [[ "$value" =~ ^[0-9]+$ ]] || die "not a number: '$value' (check the NKMS_* variables)"
done
base_port=$((10#$base_port)) rpc_base_port=$((10#$rpc_base_port))
prometheus_base_port=$((10#$prometheus_base_port))
[ -x "$NKMS_NODE" ] \
  || die "no node binary at $NKMS_NODE: build it (cargo build --release -p nkms-node) or set NKMS_NODE"

dir="${NKMS_TESTNET_DIR:-$(mktemp -d "${TMPDIR:-/tmp}/nkms-testnet.XXXXXX")}"
mkdir -p "$dir"
dir="$(cd "$dir" && pwd)"

names=(alice bob charlie dave)
# Fixed ed25519 network keys (validators must have one): Alice's peer id is then well known
# (12D3KooWEyoppNCUx8Yx66oV9fJnriXwCcXwDDUA2kj6vnc6iDEp for ...0001), and it is computed below.
node_keys=(
  0000000000000000000000000000000000000000000000000000000000000001
  0000000000000000000000000000000000000000000000000000000000000002
  0000000000000000000000000000000000000000000000000000000000000003
  0000000000000000000000000000000000000000000000000000000000000004
)
# The indexes of the validators to run, Alice's first.
run=(0)
for name in ${NKMS_TESTNET_NODES:-alice bob charlie dave}; do
  found=""
  for i in "${!names[@]}"; do
    [ "${names[$i]}" = "$name" ] && found=$i
  done
  [ -n "$found" ] || die "unknown validator '$name' in NKMS_TESTNET_NODES (one of: ${names[*]})"
  ((found == 0)) || run+=("$found")
done

p2p_port() { echo $((base_port + $1)); }
rpc_port() { echo $((rpc_base_port + $1)); }
prometheus_port() { echo $((prometheus_base_port + $1)); }

# Refuse taken ports up front: the node would silently move its RPC server to a random port.
for i in "${!names[@]}"; do
  for port in "$(p2p_port "$i")" "$(rpc_port "$i")" "$(prometheus_port "$i")"; do
    ((port > 0 && port < 65536)) || die "port $port out of range"
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      die "port $port on 127.0.0.1 is taken (set NKMS_BASE_PORT, NKMS_RPC_BASE_PORT, NKMS_PROMETHEUS_BASE_PORT)"
    fi
  done
done

printf '%s' "${node_keys[0]}" >"$dir/alice-node-key"
alice_peer_id="$("$NKMS_NODE" key inspect-node-key --file "$dir/alice-node-key")" \
  || die "could not compute Alice's peer id with '$NKMS_NODE key inspect-node-key'"
bootnode="/ip4/127.0.0.1/tcp/$(p2p_port 0)/p2p/$alice_peer_id"

pids=()

alive_pids() {
  local pid
  for pid in "${pids[@]}"; do
    kill -0 "$pid" 2>/dev/null && echo "$pid"
  done
  return 0
}

# Seconds since boot: a clock that wall-clock adjustments do not move.
monotonic_s() { local up _; read -r up _ </proc/uptime; echo "${up%.*}"; }

# Stops every node still running: SIGTERM, then SIGKILL after $stop_timeout s; reaps them.
stop_nodes() {
  local pid deadline
  [ "${#pids[@]}" -gt 0 ] || return 0
  for pid in $(alive_pids); do kill -TERM "$pid" 2>/dev/null || true; done
  deadline=$(($(monotonic_s) + stop_timeout))
  while [ -n "$(alive_pids)" ] && (($(monotonic_s) < deadline)); do sleep 0.2; done
  for pid in $(alive_pids); do
    say "node $pid did not stop within ${stop_timeout}s: killing it"
    kill -KILL "$pid" 2>/dev/null || true
  done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
}

on_exit() {
  local status=$?
  trap - EXIT
  trap '' INT TERM # stopping is bounded; let it finish
  stop_nodes
  say "stopped; data and logs are in $dir"
  exit "$status"
}
on_signal() {
  trap '' INT TERM
  say "stopping the nodes"
  exit 0 # runs on_exit
}
trap on_exit EXIT
trap on_signal INT TERM

for i in "${run[@]}"; do
  name="${names[$i]}"
  args=(
    --chain local
    --validator "--$name"
    --base-path "$dir/$name"
    --database paritydb
    --node-key "${node_keys[$i]}"
    --listen-addr "/ip4/127.0.0.1/tcp/$(p2p_port "$i")"
    --rpc-port "$(rpc_port "$i")"
    --prometheus-port "$(prometheus_port "$i")"
    --no-mdns
    --no-telemetry
  )
  ((i == 0)) || args+=(--bootnodes "$bootnode")
  "$NKMS_NODE" "${args[@]}" "$@" >"$dir/$name.log" 2>&1 &
  pids+=("$!")
done

started=()
for i in "${run[@]}"; do started+=("${names[$i]}"); done
say "started ${started[*]} (pids ${pids[*]}); logs in $dir/<name>.log"
say "bootnode (Alice): $bootnode"

# Wait (bounded) until each node's RPC server runs, and print where it actually listens.
rpc_addr() { # the 127.0.0.1:port of a node's JSON-RPC server, from its log ('' until it runs)
  sed -n 's/\x1b\[[0-9;]*m//g; s/.*Running JSON-RPC server: addr=\([^ ]*\).*/\1/p' "$dir/$1.log" 2>/dev/null \
    | head -n 1 | grep -o '127\.0\.0\.1:[0-9]*' || true
}
deadline=$(($(monotonic_s) + start_timeout))
for k in "${!run[@]}"; do
  name="${names[${run[$k]}]}"
  until [ -n "$(rpc_addr "$name")" ]; do
    kill -0 "${pids[$k]}" 2>/dev/null || die "$name exited during start-up; see $dir/$name.log"
    (($(monotonic_s) < deadline)) || die "$name's RPC server did not start within ${start_timeout}s; see $dir/$name.log"
    sleep 0.5
  done
done
for i in "${run[@]}"; do
  name="${names[$i]}"
  printf '  %-8s rpc ws://%-16s  p2p /ip4/127.0.0.1/tcp/%-5s  metrics http://127.0.0.1:%s/metrics  log %s\n' \
    "$name" "$(rpc_addr "$name")" "$(p2p_port "$i")" "$(prometheus_port "$i")" "$dir/$name.log"
done
say "ready; Ctrl-C stops the network"

# Run until a node exits (or a signal arrives: on_signal).
status=0
wait -n -p died "${pids[@]}" || status=$?
for k in "${!run[@]}"; do
  name="${names[${run[$k]}]}"
  if [ "${pids[$k]}" = "${died:-}" ]; then
    say "$name exited (status $status); stopping the others. Last lines of $dir/$name.log:" >&2
    tail -n 20 "$dir/$name.log" >&2 || true
  fi
done
exit 1
