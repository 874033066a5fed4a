// Tests that remember failures (so that `after` prints the logs), and the local network.

import path from 'node:path';
import { it } from 'node:test';

import { REPO_ROOT, waitForLog } from './chain.js';
import { PortReservation } from './ports.js';
import { spawnLogged } from './processes.js';
import { ms } from './wait.js';

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
 * Starts scripts/local-testnet.sh (Alice, Bob, Charlie) on free loopback ports with its folder in
 * `dir`, reserving `extraNodes` more ports of each kind right after the three, and waits until it
 * is ready. Returns the script's handle, its folder, Alice's address and the base ports.
 */
export async function startLocalTestnet(dir, { binary, extraNodes = 0, stopTimeoutS = 20 }) {
  const netDir = path.join(dir, 'net');
  const reservation = new PortReservation();
  const p2pBase = await reservation.range(3 + extraNodes);
  const rpcBase = await reservation.range(3 + extraNodes);
  const prometheusBase = await reservation.range(3 + extraNodes);
  await reservation.release();

  const script = spawnLogged('bash', [path.join(REPO_ROOT, 'scripts', 'local-testnet.sh')], {
    name: 'local-testnet.sh',
    logFile: path.join(dir, 'local-testnet.log'),
    cwd: REPO_ROOT,
    env: {
      NKMS_NODE: binary,
      NKMS_TESTNET_DIR: netDir,
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
    what: 'the three nodes to start (local-testnet.sh: ready)',
  });
  return { script, netDir, bootnode, p2pBase, rpcBase, prometheusBase };
}
