// End-to-end: the four-validator `local` network (Alice, Bob, Charlie, Dave) of the real nkms-node
// binary, started by scripts/local-testnet.sh (the one definition of that network) on free
// loopback ports and a temporary folder.
//
// Checks that the nodes connect to each other, that all four validators author blocks (Aura
// round robin), that GRANDPA finality advances on every node, and that SIGINT to the script stops
// all four nodes cleanly. The script runs in its own process group, which cleanup kills whole.

import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe } from 'node:test';

import {
  auraAuthor,
  connectApi,
  devAccounts,
  disconnectAll,
  finalizedNumber,
  requireNodeBinary,
  rpcPortFromLog,
  toHex,
} from './lib/chain.js';
import {
  cleanupAll,
  exitReason,
  groupAlive,
  makeTempDir,
  printLogTails,
} from './lib/processes.js';
import { LOCAL_VALIDATORS, startLocalTestnet, trackFailures } from './lib/suite.js';
import { ms, waitFor, withTimeout } from './lib/wait.js';

const VALIDATORS = LOCAL_VALIDATORS;
/** Alice's peer id for the network key 0x00…01 that the script gives her. */
const ALICE_PEER_ID = '12D3KooWEyoppNCUx8Yx66oV9fJnriXwCcXwDDUA2kj6vnc6iDEp';
/** The script's own grace period for its nodes (SIGTERM, then SIGKILL). */
const SCRIPT_STOP_TIMEOUT_S = 15;

describe('local network: Alice, Bob, Charlie and Dave (scripts/local-testnet.sh)', { timeout: ms(540_000) }, () => {
  let script;
  let netDir;
  let accounts;
  const apis = {};
  const finalizedAtStart = {};
  let connected = false;
  const tracker = trackFailures();
  const check = tracker.check;

  const nodeLogs = () => (netDir ? VALIDATORS.map((name) => path.join(netDir, `${name}.log`)) : []);
  const networkDown = () => (script ? exitReason(script) : 'the network was not started');

  before(() => tracker.guard(async () => {
    const binary = requireNodeBinary();
    const dir = makeTempDir('nkms-e2e-local-');

    ({ script, netDir } = await startLocalTestnet(dir, { binary, stopTimeoutS: SCRIPT_STOP_TIMEOUT_S }));

    for (const name of VALIDATORS) {
      const port = await rpcPortFromLog(path.join(netDir, `${name}.log`), { timeoutMs: ms(10_000), process: script });
      apis[name] = await connectApi(`ws://127.0.0.1:${port}`, { timeoutMs: ms(60_000), abortIf: networkDown });
    }
    for (const name of VALIDATORS) finalizedAtStart[name] = await finalizedNumber(apis[name]);
    accounts = await devAccounts();
  }), { timeout: ms(300_000) });

  after(async () => {
    await disconnectAll(Object.values(apis));
    if (tracker.failed) printLogTails([script?.logFile, ...nodeLogs()].filter(Boolean), 60);
    await cleanupAll({ graceMs: (SCRIPT_STOP_TIMEOUT_S + 15) * 1000 });
  }, { timeout: ms(120_000) });

  check('each node is connected to the other two', ms(60_000), async (t, timeoutMs) => {
    await waitFor(
      async () => {
        const healths = await Promise.all(VALIDATORS.map((name) => apis[name].rpc.system.health()));
        return healths.every((health) => health.peers.toNumber() >= VALIDATORS.length - 1);
      },
      { timeoutMs, intervalMs: 1_000, what: `every node to have ${VALIDATORS.length - 1} peers`, abortIf: networkDown },
    );

    const peerIds = {};
    for (const name of VALIDATORS) peerIds[name] = (await apis[name].rpc.system.localPeerId()).toString();
    assert.equal(peerIds.alice, ALICE_PEER_ID, "Alice's network key is the fixed one");
    for (const name of VALIDATORS) {
      const health = await apis[name].rpc.system.health();
      assert.equal(health.peers.toNumber(), VALIDATORS.length - 1, `${name} has a peer for each other node`);
      const peers = (await apis[name].rpc.system.peers()).map((peer) => peer.peerId.toString()).sort();
      const others = VALIDATORS.filter((other) => other !== name).map((other) => peerIds[other]).sort();
      assert.deepEqual(peers, others, `${name}'s peers are the other two nodes`);
    }
    connected = true;
  });

  check('Alice, Bob and Charlie all author finalized blocks', ms(150_000), async (t, timeoutMs) => {
    assert.ok(connected, 'the nodes are not connected to each other (see the previous test)');
    const api = apis.alice;
    const names = new Map(
      VALIDATORS.map((name) => [toHex(accounts[name].publicKey), name]),
    );

    const authorities = (await api.query.aura.authorities()).map((key) => key.toHex());
    assert.deepEqual([...authorities].sort(), [...names.keys()].sort(), 'the Aura authorities are Alice, Bob, Charlie and Dave');

    // Walk the finalized chain from block 1, attributing each block to its Aura author.
    const authored = new Map(); // name -> block numbers
    let next = 1;
    let foreign = '';
    await waitFor(
      async () => {
        const finalized = await finalizedNumber(api);
        for (; next <= finalized; next += 1) {
          const hash = await api.rpc.chain.getBlockHash(next);
          const header = await api.rpc.chain.getHeader(hash);
          const author = await auraAuthor(api, header);
          const name = names.get(author);
          if (!name) {
            foreign = `block #${next} was authored by ${author}, none of the four validators`;
            return false;
          }
          authored.set(name, [...(authored.get(name) ?? []), next]);
        }
        return authored.size === VALIDATORS.length;
      },
      {
        timeoutMs,
        intervalMs: 2_000,
        what: 'finalized blocks authored by each of Alice, Bob, Charlie and Dave',
        abortIf: () => foreign || networkDown(),
      },
    ).catch((error) => {
      const summary = VALIDATORS.map((name) => `${name}: ${authored.get(name)?.join(', ') || 'none'}`).join('; ');
      throw new Error(`${error.message}; blocks authored up to #${next - 1}: ${summary}`);
    });

    for (const name of VALIDATORS) {
      assert.ok(authored.get(name)?.length > 0, `${name} authored a finalized block`);
    }
  });

  check('finality advances on every node, and they agree', ms(90_000), async (t, timeoutMs) => {
    assert.ok(connected, 'the nodes are not connected to each other (see the previous test)');
    const reached = await waitFor(
      async () => {
        const numbers = await Promise.all(VALIDATORS.map((name) => finalizedNumber(apis[name])));
        return numbers.every((n, i) => n >= finalizedAtStart[VALIDATORS[i]] + 2) && numbers;
      },
      { timeoutMs, intervalMs: 1_000, what: 'the finalized number to grow by 2 on every node', abortIf: networkDown },
    );
    for (const [i, name] of VALIDATORS.entries()) {
      assert.ok(reached[i] >= finalizedAtStart[name] + 2, `${name}: finalized #${finalizedAtStart[name]} -> #${reached[i]}`);
    }

    const common = Math.min(...reached);
    const hashes = await Promise.all(VALIDATORS.map((name) => apis[name].rpc.chain.getBlockHash(common)));
    for (const [i, name] of VALIDATORS.entries()) {
      assert.equal(hashes[i].toHex(), hashes[0].toHex(), `${name} finalized the same block #${common} as Alice`);
    }
  });

  check('SIGINT to the script stops all four nodes', ms(SCRIPT_STOP_TIMEOUT_S * 1000 + 15_000), async (t, timeoutMs) => {
    assert.ok(script && !script.exited, `the script is running (${networkDown()})`);
    await disconnectAll(Object.values(apis));
    process.kill(script.pid, 'SIGINT');
    await withTimeout(script.exit, timeoutMs, 'local-testnet.sh to stop after SIGINT');
    assert.equal(script.exitCode, 0, `local-testnet.sh: ${exitReason(script)}`);
    await waitFor(() => !groupAlive(script.pid), {
      timeoutMs: ms(5_000),
      intervalMs: 100,
      what: 'no process of the network to be left',
    });
  });
});
