// End-to-end: a fourth operator joins and leaves the validator set of the `local` network through
// @polkadot/api alone.
//
// scripts/local-testnet.sh starts Alice, Bob and Charlie; this test starts Dave's node with a fresh
// keystore. Dave's operator asks his node for new session keys (author_rotateKeysWithOwner), bonds
// NKMS and registers the keys with session.setKeys; nobody funds the account of his new `nkms` key.
// His node's off-chain worker registers its own Umbral public key with that key, for free. After
// the session rotations Dave is elected, Aura gives him slots, and he authors blocks while
// finality goes on. Then he chills: he leaves the set and authors no more.

import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe } from 'node:test';

import { BN } from '@polkadot/util';
import { randomAsU8a } from '@polkadot/util-crypto';

import {
  TOKEN,
  auraAuthor,
  connectApi,
  describeDispatchError,
  devAccounts,
  disconnectAll,
  eventNames,
  finalizedNumber,
  rawRpc,
  requireNodeBinary,
  rpcPortFromLog,
  signAndWaitInBlock,
  toHex,
} from './lib/chain.js';
import { cleanupAll, exitReason, makeTempDir, printLogTails, spawnLogged } from './lib/processes.js';
import { startLocalTestnet, trackFailures } from './lib/suite.js';
import { ms, waitFor } from './lib/wait.js';

/** Dave bonds twenty thousand NKMS (the minimum is ten thousand). */
const STAKE = new BN(20_000).mul(new BN(10).pow(new BN(TOKEN.decimals)));
/**
 * Sessions of the local chain last ten blocks; joining takes up to three rotations (the election
 * that keeps the nkms key's account alive, the one that elects Dave once his node registered its
 * Umbral key, the start of his session), leaving two.
 */
const ROTATIONS_MS = ms(300_000);

describe('staking: Dave joins and leaves the validator set', { timeout: ms(900_000) }, () => {
  let script;
  let dave;
  let dir;
  let api; // Dave's operator talks to Dave's own node
  let accounts;
  let sessionKeys; // { aura, grandpa, nkms } hex public keys
  const tracker = trackFailures();
  const check = tracker.check;

  const down = () => (script?.exited ? exitReason(script) : '') || (dave?.exited ? exitReason(dave) : '');

  /** Dave signs `tx`; it must succeed; returns the in-block result. */
  async function daveSends(tx) {
    const result = await signAndWaitInBlock(tx, accounts.dave, { timeoutMs: ms(60_000), abortIf: down });
    assert.equal(describeDispatchError(result.dispatchError), 'none', `${tx.method.section}.${tx.method.method} (events: ${eventNames(result)})`);
    return result;
  }

  /** The Aura authors (hex keys) of the best chain's blocks from `from` on. */
  async function authorsSince(from) {
    const best = (await api.rpc.chain.getHeader()).number.toNumber();
    const authors = [];
    for (let n = from; n <= best; n += 1) {
      const header = await api.rpc.chain.getHeader(await api.rpc.chain.getBlockHash(n));
      authors.push({ number: n, author: await auraAuthor(api, header) });
    }
    return authors;
  }

  before(() => tracker.guard(async () => {
    const binary = requireNodeBinary();
    dir = makeTempDir('nkms-e2e-staking-');
    const net = await startLocalTestnet(dir, { binary, extraNodes: 1 });
    ({ script } = net);
    const { bootnode, p2pBase, rpcBase, prometheusBase } = net;

    // Dave: a validator node with an empty keystore, its own network key and unsafe RPC
    // (for author_rotateKeysWithOwner) on loopback.
    const daveLog = path.join(dir, 'dave.log');
    dave = spawnLogged(binary, [
      '--chain', 'local',
      '--validator',
      '--base-path', path.join(dir, 'dave'),
      '--database', 'paritydb',
      '--node-key', '0000000000000000000000000000000000000000000000000000000000000004',
      '--listen-addr', `/ip4/127.0.0.1/tcp/${p2pBase + 3}`,
      '--bootnodes', bootnode,
      '--rpc-port', String(rpcBase + 3),
      '--rpc-methods', 'unsafe',
      '--prometheus-port', String(prometheusBase + 3),
      '--no-mdns',
      '--no-telemetry',
    ], { name: 'dave', logFile: daveLog });
    const port = await rpcPortFromLog(daveLog, { timeoutMs: ms(60_000), process: dave });
    api = await connectApi(`ws://127.0.0.1:${port}`, { timeoutMs: ms(60_000), abortIf: down });
    accounts = await devAccounts();
    await waitFor(async () => (await api.rpc.system.health()).peers.toNumber() >= 3 && !(await api.rpc.system.health()).isSyncing.isTrue, {
      timeoutMs: ms(90_000),
      intervalMs: 1_000,
      what: "Dave's node to connect to the three validators and sync",
      abortIf: down,
    });
  }), { timeout: ms(400_000) });

  after(async () => {
    await disconnectAll([api]);
    if (tracker.failed && dir) {
      printLogTails([script?.logFile, path.join(dir, 'dave.log'), path.join(dir, 'net', 'alice.log')].filter(Boolean), 60);
    }
    await cleanupAll({ graceMs: 35_000 });
  }, { timeout: ms(120_000) });

  check("Dave's operator bonds and sets session keys; his node registers its Umbral key for free", ms(240_000), async (t, timeoutMs) => {
    const daveId = toHex(accounts.dave.publicKey);
    const generated = await rawRpc(api, 'author_rotateKeysWithOwner', [daveId]);
    const keys = api.createType('NkmsRuntimeSessionKeys', generated.keys);
    sessionKeys = { aura: keys.aura.toHex(), grandpa: keys.grandpa.toHex(), nkms: keys.nkms.toHex() };
    assert.equal((await rawRpc(api, 'author_hasSessionKeys', [generated.keys])), true, "the keys are in Dave's keystore");

    const bonded = await daveSends(api.tx.staking.bond(STAKE));
    assert.match(eventNames(bonded), /staking\.Bonded.*staking\.Validating/);
    await daveSends(api.tx.session.setKeys(generated.keys, generated.proof));

    const dave = accounts.dave.address;
    assert.equal((await api.call.nkmsStakingApi.stake(dave)).toString(), STAKE.toString());
    assert.equal((await api.call.nkmsStakingApi.stakerOfNodeKey(sessionKeys.nkms)).unwrap().toString(), dave);
    assert.equal((await api.call.nkmsStakingApi.isActive(dave)).isTrue, false, 'not active before a rotation');
    const nodeAccount = api.createType('AccountId', sessionKeys.nkms).toString();
    assert.equal((await api.query.system.account(nodeAccount)).data.free.toBigInt(), 0n, 'nobody funded the nkms key');

    // At the next election the chain keeps the nkms key's account alive; Dave's node then
    // registers its Umbral key, signed by that key, and pays nothing.
    await waitFor(async () => (await api.call.nkmsStakingApi.umbralKey(dave)).isSome, {
      timeoutMs, intervalMs: 2_000, what: "Dave's node to register its Umbral key", abortIf: down,
    });
    const account = await api.query.system.account(nodeAccount);
    assert.equal(account.data.free.toBigInt(), 0n, 'the registration was free');
    assert.equal(account.sufficients.toNumber(), 1);
    assert.equal(account.nonce.toNumber(), 1, 'one transaction of the nkms key');
    // The candidate list decodes from metadata, ranked by stake: Dave bonded less than the genesis validators.
    const candidates = (await api.query.staking.candidates()).map(([who, stake]) => [who.toString(), stake.toBigInt()]);
    assert.deepEqual(candidates.at(-1), [dave, BigInt(STAKE.toString())]);
    assert.ok(candidates.every(([, stake], i) => i === 0 || candidates[i - 1][1] >= stake), 'ranked by stake');
  });

  check('after the rotations Dave is elected and authors blocks, and finality goes on', ROTATIONS_MS, async (t, timeoutMs) => {
    assert.ok(sessionKeys, 'Dave registered (previous test)');
    const dave = accounts.dave.address;
    await waitFor(async () => (await api.call.nkmsStakingApi.isActive(dave)).isTrue, {
      timeoutMs, intervalMs: 2_000, what: 'Dave to be an active node', abortIf: down,
    });
    const validators = (await api.query.session.validators()).map(String);
    assert.ok(validators.includes(dave), `Dave is a session validator (${validators})`);
    const joinedAt = (await api.rpc.chain.getHeader()).number.toNumber();

    await waitFor(async () => {
      const authorities = (await api.query.aura.authorities()).map((key) => key.toHex());
      if (!authorities.includes(sessionKeys.aura)) return false;
      return (await authorsSince(joinedAt)).some(({ author }) => author === sessionKeys.aura);
    }, { timeoutMs, intervalMs: 3_000, what: 'a block authored by Dave', abortIf: down });

    const finalizedThen = await finalizedNumber(api);
    await waitFor(async () => (await finalizedNumber(api)) >= finalizedThen + 3, {
      timeoutMs: ms(90_000), intervalMs: 2_000, what: 'finality to advance with four validators', abortIf: down,
    });
    const grandpa = (await api.call.grandpaApi.grandpaAuthorities()).map(([id]) => id.toHex());
    assert.ok(grandpa.includes(sessionKeys.grandpa), 'Dave votes in GRANDPA');

    const sample = (await api.call.nkmsStakingApi.sampleNodes(toHex(randomAsU8a(32)), 4)).asOk.map(String);
    assert.equal(new Set(sample).size, 4, 'a stake-weighted sample of the four active nodes');
    assert.ok(sample.includes(dave));
  });

  check('after chill Dave leaves the set and authors no more', ROTATIONS_MS + ms(60_000), async (t, timeoutMs) => {
    assert.ok(sessionKeys, 'Dave registered');
    const dave = accounts.dave.address;
    const chilled = await daveSends(api.tx.staking.chill());
    assert.match(eventNames(chilled), /staking\.Chilled/);

    await waitFor(async () => {
      const authorities = (await api.query.aura.authorities()).map((key) => key.toHex());
      return !authorities.includes(sessionKeys.aura) && !(await api.call.nkmsStakingApi.isActive(dave)).isTrue;
    }, { timeoutMs, intervalMs: 2_000, what: 'Dave to leave the Aura authorities', abortIf: down });
    const leftAt = (await api.rpc.chain.getHeader()).number.toNumber();
    assert.ok(!(await api.query.session.validators()).map(String).includes(dave), 'Dave is no session validator');

    // Six more blocks from the three others, none from Dave; finality still advances.
    const finalizedThen = await finalizedNumber(api);
    await waitFor(async () => (await api.rpc.chain.getHeader()).number.toNumber() >= leftAt + 6, {
      timeoutMs: ms(90_000), intervalMs: 2_000, what: 'six more blocks', abortIf: down,
    });
    const later = await authorsSince(leftAt + 1);
    assert.ok(later.every(({ author }) => author !== sessionKeys.aura), `no block by Dave after #${leftAt}`);
    await waitFor(async () => (await finalizedNumber(api)) > finalizedThen, {
      timeoutMs: ms(60_000), intervalMs: 2_000, what: 'finality to advance without Dave', abortIf: down,
    });
    // Still a staker: his stake stays bonded.
    assert.equal((await api.call.nkmsStakingApi.stake(dave)).toString(), STAKE.toString());
  });
});
