// Tests that remember failures (so that `after` prints the logs), and the local network.

import path from 'node:path';
import { it } from 'node:test';

import {
  REPO_ROOT,
  connectApi,
  devAccounts,
  disconnectAll,
  requireNodeBinary,
  rpcPortFromLog,
  waitForLog,
} from './chain.js';
import { PortReservation } from './ports.js';
import { cleanupAll, exitReason, makeTempDir, printLogTails, spawnLogged } from './processes.js';
import { ms, waitFor } from './wait.js';

/** The validators of the `local` chain, in the order of scripts/local-testnet.sh's ports and keys. */
export const LOCAL_VALIDATORS = ['alice', 'bob', 'charlie', 'dave'];

/**
 * A failure tracker: `check(name, timeoutMs, fn)` is `it` calling `fn(t, timeoutMs)` with 30 s of
 * slack on top of `timeoutMs` for its own cleanup; `guard(fn)` runs a hook's body. Either sets
 * `failed` when it throws.
 */
export function trackFailures() {
  const tracker = {
    failed: false,
    async guard(fn) {
      try {
        return await fn();
      } catch (error) {
        tracker.failed = true;
        throw error;
      }
    },
    check(name, timeoutMs, fn) {
      return it(name, { timeout: timeoutMs + ms(30_000) }, (t) => tracker.guard(() => fn(t, timeoutMs)));
    },
  };
  return tracker;
}

/**
 * Starts scripts/local-testnet.sh (the validators `nodes`, by default all four) on free loopback
 * ports with its folder in `dir`, reserving `extraNodes` more ports of each kind after the four,
 * and waits until it is ready. Returns the script's handle, its folder, Alice's address and the
 * base ports.
 */
export async function startLocalTestnet(dir, { binary, extraNodes = 0, stopTimeoutS = 20, nodes = LOCAL_VALIDATORS }) {
  const netDir = path.join(dir, 'net');
  const reservation = new PortReservation();
  const count = LOCAL_VALIDATORS.length + extraNodes;
  const p2pBase = await reservation.range(count);
  const rpcBase = await reservation.range(count);
  const prometheusBase = await reservation.range(count);
  await reservation.release();

  const script = spawnLogged('bash', [path.join(REPO_ROOT, 'scripts', 'local-testnet.sh')], {
    name: 'local-testnet.sh',
    logFile: path.join(dir, 'local-testnet.log'),
    cwd: REPO_ROOT,
    env: {
      NKMS_NODE: binary,
      NKMS_TESTNET_DIR: netDir,
      NKMS_TESTNET_NODES: nodes.join(' '),
      NKMS_BASE_PORT: String(p2pBase),
      NKMS_RPC_BASE_PORT: String(rpcBase),
      NKMS_PROMETHEUS_BASE_PORT: String(prometheusBase),
      NKMS_START_TIMEOUT: String(Math.round(ms(120_000) / 1000)),
      NKMS_STOP_TIMEOUT: String(stopTimeoutS),
    },
  });
  const [, bootnode] = await waitForLog(script.logFile, /bootnode \(Alice\): (\S+)/, {
    timeoutMs: ms(60_000),
    process: script,
    what: "the script to print Alice's address",
  });
  await waitForLog(script.logFile, /local-testnet: ready/, {
    timeoutMs: ms(150_000),
    process: script,
    what: 'the nodes to start (local-testnet.sh: ready)',
  });
  return { script, netDir, bootnode, p2pBase, rpcBase, prometheusBase };
}

/**
 * Starts validator `name` of the `local` chain as scripts/local-testnet.sh would (same key, ports,
 * base path and log file in `net`'s folder; the log is appended to), for a test that stops and
 * restarts it. Returns the process handle.
 */
export function startValidator(net, name, binary) {
  const i = LOCAL_VALIDATORS.indexOf(name);
  if (i < 1) throw new Error(`not a validator the script leaves out: ${name}`);
  return spawnLogged(binary, [
    '--chain', 'local',
    '--validator', `--${name}`,
    '--base-path', path.join(net.netDir, name),
    '--database', 'paritydb',
    '--node-key', String(i + 1).padStart(64, '0'),
    '--listen-addr', `/ip4/127.0.0.1/tcp/${net.p2pBase + i}`,
    '--bootnodes', net.bootnode,
    '--rpc-port', String(net.rpcBase + i),
    '--prometheus-port', String(net.prometheusBase + i),
    '--no-mdns',
    '--no-telemetry',
  ], { name, logFile: path.join(net.netDir, `${name}.log`) });
}

/**
 * Starts the local network in a new temporary folder (its name starting with `prefix`), connects
 * @polkadot/api to Alice's node and waits until the four validators' nodes have registered their
 * Umbral keys, so that policies can be made. With `ownNodes`, the script leaves those validators
 * out and they are started with startValidator, so that a test can stop and restart them
 * (`nodes[name]`). Returns the script's handle, the network, the API, the development accounts
 * and those nodes.
 */
export async function startServingNetwork(prefix, { ownNodes = [] } = {}) {
  const dir = makeTempDir(prefix);
  const binary = requireNodeBinary();
  const net = await startLocalTestnet(dir, { binary, nodes: LOCAL_VALIDATORS.filter((name) => !ownNodes.includes(name)) });
  const { script, netDir } = net;
  const nodes = Object.fromEntries(ownNodes.map((name) => [name, startValidator(net, name, binary)]));
  const down = () => exitReason(script) || Object.values(nodes).map((node) => (node.exited ? exitReason(node) : '')).find(Boolean);
  const port = await rpcPortFromLog(path.join(netDir, 'alice.log'), { timeoutMs: ms(10_000), process: script });
  const api = await connectApi(`ws://127.0.0.1:${port}`, { timeoutMs: ms(60_000), abortIf: down });
  const accounts = await devAccounts();
  const validators = LOCAL_VALIDATORS.map((name) => accounts[name].address);
  await waitFor(async () => {
    const keys = await Promise.all(validators.map((node) => api.call.nkmsStakingApi.umbralKey(node)));
    return keys.every((key) => key.isSome);
  }, { timeoutMs: ms(90_000), intervalMs: 1_000, what: 'the nodes to register their Umbral keys', abortIf: down });
  return { script, net, netDir, binary, api, accounts, nodes };
}

/** Ends a test of `startServingNetwork`: disconnects, prints the logs if it failed, stops all. */
export async function stopServingNetwork({ api, script, netDir }, failed) {
  await disconnectAll([api]);
  if (failed) {
    const logs = LOCAL_VALIDATORS.map((name) => path.join(netDir ?? '', `${name}.log`));
    printLogTails([script?.logFile, ...logs].filter(Boolean), 80);
  }
  await cleanupAll({ graceMs: 35_000 });
}
