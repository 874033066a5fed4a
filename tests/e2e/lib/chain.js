// The node binary, its logs, and talking to it with @polkadot/api.

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { ApiPromise, WsProvider } from '@polkadot/api';
import { Keyring } from '@polkadot/keyring';
import { cryptoWaitReady } from '@polkadot/util-crypto';

import { exitReason } from './processes.js';
import { sleep, waitFor, withTimeout } from './wait.js';

/** The repository's root folder. */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** The token of NKMS Chain as the chain spec and the runtime declare it. */
export const TOKEN = Object.freeze({ symbol: 'NKMS', decimals: 12, ss58Format: 42 });

/** A binary of the release build: $CARGO_TARGET_DIR/release/<name> (target dir default /var/tmp/nkms-target). */
function releaseBinary(name) {
  return path.join(process.env.CARGO_TARGET_DIR || '/var/tmp/nkms-target', 'release', name);
}

/** The node binary: $NKMS_NODE, else $CARGO_TARGET_DIR/release/nkms-node. */
export function nodeBinaryPath() {
  return process.env.NKMS_NODE || releaseBinary('nkms-node');
}

/** `path` if it is an executable file; throws with a hint of how to build `pkg` otherwise. */
function requireExecutable(binary, pkg, variable) {
  try {
    fs.accessSync(binary, fs.constants.X_OK);
  } catch {
    throw new Error(
      `no executable at ${binary}: build it (cargo build --release -p ${pkg}) ` +
        `or point ${variable} (or CARGO_TARGET_DIR) at it`,
    );
  }
  return binary;
}

/** The node binary's path; throws with a hint when it is missing or not executable. */
export function requireNodeBinary() {
  return requireExecutable(nodeBinaryPath(), 'nkms-node', 'NKMS_NODE');
}

/** The `nkms` client's path ($NKMS_CLI, else the release build's); throws when it is missing. */
export function requireClientBinary() {
  return requireExecutable(process.env.NKMS_CLI || releaseBinary('nkms'), 'nkms-cli', 'NKMS_CLI');
}

const ANSI = /\x1b\[[0-9;]*[A-Za-z]/g;

function readLog(file) {
  try {
    return fs.readFileSync(file, 'utf8').replace(ANSI, '');
  } catch {
    return '';
  }
}

/**
 * Waits until `regex` matches the log file, and returns the match. Fails at once when `process`
 * (a handle from spawnLogged, optional) exits first.
 */
export function waitForLog(logFile, regex, { timeoutMs, process: handle, what } = {}) {
  return waitFor(() => readLog(logFile).match(regex), {
    timeoutMs,
    intervalMs: 250,
    what: what ?? `${regex} in ${logFile}`,
    abortIf: handle ? () => exitReason(handle) : undefined,
  });
}

/**
 * The port the node's JSON-RPC server listens on at 127.0.0.1, from its log line
 * `Running JSON-RPC server: addr=127.0.0.1:9944,[::1]:9944`. (The node falls back to a random
 * port when the one asked for is taken, so the log is the truth.)
 */
export async function rpcPortFromLog(logFile, options = {}) {
  const match = await waitForLog(logFile, /Running JSON-RPC server: addr=(\S*)/, {
    what: `the JSON-RPC server's start in ${logFile}`,
    ...options,
  });
  const port = /127\.0\.0\.1:(\d+)/.exec(match[1]);
  if (!port) throw new Error(`the node's JSON-RPC server is not on 127.0.0.1: ${match[0]}`);
  return Number(port[1]);
}

/** The Prometheus exporter's port, from the log line `Prometheus exporter started at 127.0.0.1:9615`. */
export async function prometheusPortFromLog(logFile, options = {}) {
  const match = await waitForLog(logFile, /Prometheus exporter started at [^\s:]+:(\d+)/, {
    what: `the Prometheus exporter's start in ${logFile}`,
    ...options,
  });
  return Number(match[1]);
}

const providers = new WeakMap();

/**
 * Connects an ApiPromise to `url`, trying again (every `retryDelayMs`) until `timeoutMs` has
 * passed; each try is bounded by `attemptTimeoutMs`. The provider does not reconnect on its own:
 * a node that goes away makes the calls fail instead of hanging. Each RPC call times out after
 * `requestTimeoutMs`.
 */
export async function connectApi(
  url,
  { timeoutMs = 60_000, attemptTimeoutMs = 20_000, retryDelayMs = 1_000, requestTimeoutMs = 30_000, abortIf } = {},
) {
  const deadline = performance.now() + timeoutMs;
  let lastError;
  let attempts = 0;
  while (performance.now() < deadline) {
    const abortReason = abortIf?.();
    if (abortReason) throw new Error(`gave up connecting to ${url}: ${abortReason}`);
    attempts += 1;
    const provider = new WsProvider(url, false, {}, requestTimeoutMs);
    let api;
    try {
      const left = Math.min(attemptTimeoutMs, deadline - performance.now());
      await withTimeout(openProvider(provider), left, `a WebSocket connection to ${url}`);
      api = new ApiPromise({ provider, noInitWarn: true });
      await withTimeout(api.isReadyOrError, Math.max(1_000, deadline - performance.now()), `the API at ${url} to be ready`);
      providers.set(api, provider);
      return api;
    } catch (error) {
      lastError = error;
      await withTimeout((api ?? provider).disconnect(), 2_000, 'disconnect').catch(() => {});
      await sleep(Math.min(retryDelayMs, Math.max(0, deadline - performance.now())));
    }
  }
  throw new Error(
    `could not connect to ${url} within ${timeoutMs} ms (${attempts} tries): ${lastError?.message ?? lastError}`,
  );
}

function openProvider(provider) {
  return new Promise((resolve, reject) => {
    const offs = [];
    const settle = (fn, value) => {
      offs.forEach((off) => off());
      fn(value);
    };
    offs.push(provider.on('connected', () => settle(resolve)));
    offs.push(provider.on('error', (error) => settle(reject, error instanceof Error ? error : new Error(String(error?.message ?? error)))));
    offs.push(provider.on('disconnected', () => settle(reject, new Error('disconnected'))));
    provider.connect().catch((error) => settle(reject, error));
  });
}

/** Sends a raw JSON-RPC request through the API's provider (no decoding). */
export function rawRpc(api, method, params = []) {
  const provider = providers.get(api);
  if (!provider) throw new Error('rawRpc needs an API made by connectApi');
  return provider.send(method, params);
}

/** Disconnects the APIs, each bounded to a few seconds; never throws. */
export async function disconnectAll(apis) {
  await Promise.all(
    apis.filter(Boolean).map((api) => withTimeout(api.disconnect(), 5_000, 'disconnect').catch(() => {})),
  );
}

/** The well-known development accounts (sr25519, SS58 prefix 42), keyed by lower-case name. */
export async function devAccounts() {
  await cryptoWaitReady();
  const keyring = new Keyring({ type: 'sr25519', ss58Format: TOKEN.ss58Format });
  const accounts = {};
  for (const name of ['Alice', 'Bob', 'Charlie', 'Dave', 'Eve', 'Ferdie']) {
    accounts[name.toLowerCase()] = keyring.addFromUri(`//${name}`, { name });
  }
  return accounts;
}

/** 0x-hex of bytes. */
export function toHex(bytes) {
  return `0x${Buffer.from(bytes).toString('hex')}`;
}

/** The number of the finalized head as `api` sees it. */
export async function finalizedNumber(api) {
  const hash = await api.rpc.chain.getFinalizedHead();
  const header = await api.rpc.chain.getHeader(hash);
  return header.number.toNumber();
}

/** The number of the best block as `api` sees it. */
export async function bestNumber(api) {
  const header = await api.rpc.chain.getHeader();
  return header.number.toNumber();
}

/** The Aura slot of a block, from its `PreRuntime(aura, slot)` digest item (a little-endian u64). */
export function auraSlot(header) {
  for (const log of header.digest.logs) {
    if (!log.isPreRuntime) continue;
    const [engine, data] = log.asPreRuntime;
    if (!engine.isAura) continue;
    const bytes = data.toU8a(true);
    if (bytes.length !== 8) throw new Error(`Aura pre-digest of ${bytes.length} bytes, expected 8`);
    return Buffer.from(bytes).readBigUInt64LE(0);
  }
  throw new Error(`block #${header.number} has no Aura pre-runtime digest`);
}

/**
 * The Aura authority (0x-hex public key) that authored the block with this header: the
 * authority at index slot % count of Aura's own set at the block's parent, which is what the
 * runtime checks (pallet-session's validator list may order or time its changes differently).
 */
export async function auraAuthor(api, header) {
  const apiAt = await api.at(header.parentHash);
  const authorities = (await apiAt.query.aura.authorities()).map((key) => key.toHex());
  if (authorities.length === 0) throw new Error('no Aura authorities');
  const slot = auraSlot(header);
  return authorities[Number(slot % BigInt(authorities.length))];
}

/** Signs and submits `tx`, resolving with the SubmittableResult once it is in a block. */
export function signAndWaitInBlock(tx, signer, { timeoutMs, abortIf }) {
  return new Promise((resolve, reject) => {
    let unsubscribe;
    let done = false;
    const finish = (error, value) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      clearInterval(watchdog);
      unsubscribe?.();
      if (error) reject(error);
      else resolve(value);
    };
    const timer = setTimeout(
      () => finish(new Error(`the transaction was not in a block within ${timeoutMs} ms`)),
      timeoutMs,
    );
    const watchdog = setInterval(() => {
      const reason = abortIf?.();
      if (reason) finish(new Error(`gave up waiting for the transaction: ${reason}`));
    }, 500);
    tx.signAndSend(signer, (result) => {
      if (result.status.isInBlock) finish(null, result);
      else if (result.isError) finish(new Error(`the transaction failed: ${result.status.type}`));
    })
      .then((unsub) => {
        unsubscribe = unsub;
        if (done) unsub();
      })
      .catch((error) => finish(error));
  });
}

/**
 * Signs and submits `tx` and waits until it is in a block: the result, the block's header, and the
 * dispatch error as `describeDispatchError` tells it ('none' when the call succeeded).
 */
export async function submitInBlock(api, tx, signer, options) {
  const result = await signAndWaitInBlock(tx, signer, options);
  const header = await api.rpc.chain.getHeader(result.status.asInBlock);
  return { result, header, error: describeDispatchError(result.dispatchError) };
}

/** The data of the first event `section.method` of a result; fails when there is none. */
export function eventData(result, section, method) {
  const record = result.events.find(({ event }) => event.section === section && event.method === method);
  if (!record) throw new Error(`no ${section}.${method} among ${eventNames(result)}`);
  return record.event.data;
}

/** The `section.method` names of a result's events. */
export function eventNames(result) {
  return result.events.map(({ event }) => `${event.section}.${event.method}`).join(', ');
}

/** A dispatch error as `section.Name: docs`. */
export function describeDispatchError(error) {
  if (!error) return 'none';
  if (error.isModule) {
    const { section, name, docs } = error.registry.findMetaError(error.asModule);
    return `${section}.${name}: ${docs.join(' ')}`;
  }
  return error.toString();
}

/**
 * Waits until policy `id` is live (`m` of its nodes accepted it); returns its view. Fails if it
 * fails instead.
 */
export async function waitPolicyLive(api, id, { timeoutMs, abortIf }) {
  let view;
  const failed = () => (view?.state.isFailed ? `policy ${id} failed: ${view.nodes.length} nodes left` : abortIf?.());
  await waitFor(async () => {
    view = (await api.call.nkmsPolicyApi.policy(id)).unwrap();
    return view.state.isLive;
  }, { timeoutMs, intervalMs: 500, what: `policy ${id} to be live`, abortIf: failed });
  return view;
}

/**
 * Submits `tx` signed by `signer` and expects the transaction pool to refuse it as invalid:
 * what the runtime does with a node's duty that would fail, so that nobody pays for it.
 * Resolves with the refusal's message.
 */
export async function refusedByPool(tx, signer, { timeoutMs = 30_000 } = {}) {
  try {
    await signAndWaitInBlock(tx, signer, { timeoutMs });
  } catch (error) {
    if (/1010|Invalid Transaction/i.test(error.message)) return error.message;
    throw error;
  }
  throw new Error(`${tx.method.section}.${tx.method.method} was included, not refused`);
}
