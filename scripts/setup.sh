#!/usr/bin/env bash
# Installs what building and testing NKMS Chain needs. Idempotent: safe to run again.
set -euo pipefail

need_apt=()
command -v protoc >/dev/null 2>&1 || need_apt+=(protobuf-compiler)
command -v clang >/dev/null 2>&1 || need_apt+=(clang)
if [ ${#need_apt[@]} -gt 0 ]; then
  sudo_cmd=""
  [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  echo "setup: installing ${need_apt[*]}"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi

installed_targets=$(rustup target list --installed)
for target in wasm32-unknown-unknown wasm32v1-none; do
  grep -qx "$target" <<<"$installed_targets" || rustup target add "$target"
done
installed_components=$(rustup component list --installed)
for component in rust-src rustfmt clippy; do
  grep -q "^$component" <<<"$installed_components" || rustup component add "$component"
done

if ! command -v node >/dev/null 2>&1; then
  echo "setup: Node.js is required for the end-to-end tests" >&2
  exit 1
fi
