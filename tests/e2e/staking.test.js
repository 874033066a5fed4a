// End-to-end: a fifth operator joins and leaves the validator set of the `local` network through
// @polkadot/api alone.
//
// scripts/local-testnet.sh starts Alice, Bob, Charlie and Dave; this test starts Ferdie's node with a fresh
// keystore. Ferdie's operator asks his node for new session keys (author_rotateKeysWithOwner), bonds
// NKMS and registers the keys with session.setKeys; nobody funds the account of his new `nkms` key.
// His node's off-chain worker registers its own Umbral public key with that key, for free. After
// the session rotations Ferdie is elected, Aura gives him slots, and he authors blocks while
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

/** Ferdie bonds twenty thousand NKMS (the minimum is ten thousand). */
const STAKE = new BN(20_000).mul(new BN(10).pow(new BN(TOKEN.decimals)));
/**
 * Sessions of the local chain last ten blocks; joining takes up to three rotations (the election
 * that keeps the nkms key's account alive, the one that elects Ferdie once his node registered its
 * Umbral key, the start of his session), leaving two.
 */
const ROTATIONS_MS = ms(300_000);

describe('staking: Ferdie joins and leaves the validator set', { timeout: ms(900_000) }, () => {
  let script;
  let ferdie;
  let dir;
  let api; // Ferdie's operator talks to Ferdie's own node
  let accounts;
  let sessionKeys; // { aura, grandpa, nkms } hex public keys
  const tracker = trackFailures();
  const check = tracker.check;

  const down = () => (script?.exited ? exitReason(script) : '') || (ferdie?.exited ? exitReason(ferdie) : '');

  /** Ferdie signs `tx`; it must succeed; returns the in-block result. */
  async function ferdieSends(tx) {
    const result = await signAndWaitInBlock(tx, accounts.ferdie, { timeoutMs: ms(60_000), abortIf: down });
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

    // Ferdie: a validator node with an empty keystore, its own network key and unsafe RPC
    // (for author_rotateKeysWithOwner) on loopback.
    const ferdieLog = path.join(dir, 'ferdie.log');
    ferdie = spawnLogged(binary, [
      '--chain', 'local',
      '--validator',
      '--base-path', path.join(dir, 'ferdie'),
      '--database', 'paritydb',
      '--node-key', '0000000000000000000000000000000000000000000000000000000000000005',
      '--listen-addr', `/ip4/127.0.0.1/tcp/${p2pBase + 4}`,
      '--bootnodes', bootnode,
      '--rpc-port', String(rpcBase + 4),
      '--rpc-methods', 'unsafe',
      '--prometheus-port', String(prometheusBase + 4),
      '--no-mdns',
      '--no-telemetry',
    ], { name: 'ferdie', logFile: ferdieLog });
    const port = await rpcPortFromLog(ferdieLog, { timeoutMs: ms(60_000), process: ferdie });
    api = await connectApi(`ws://127.0.0.1:${port}`, { timeoutMs: ms(60_000), abortIf: down });
    accounts = await devAccounts();
    await waitFor(async () => (await api.rpc.system.health()).peers.toNumber() >= 4 && !(await api.rpc.system.health()).isSyncing.isTrue, {
      timeoutMs: ms(90_000),
      intervalMs: 1_000,
      what: "Ferdie's node to connect to the four validators and sync",
      abortIf: down,
    });
  }), { timeout: ms(400_000) });

  after(async () => {
    await disconnectAll([api]);
    if (tracker.failed && dir) {
      printLogTails([script?.logFile, path.join(dir, 'ferdie.log'), path.join(dir, 'net', 'alice.log')].filter(Boolean), 60);
    }
    await cleanupAll({ graceMs: 35_000 });
  }, { timeout: ms(120_000) });

  check("Ferdie's operator bonds and sets session keys; his node registers its Umbral key for free", ms(240_000), async (t, timeoutMs) => {
    const ferdieId = toHex(accounts.ferdie.publicKey);
    const generated = await rawRpc(api, 'author_rotateKeysWithOwner', [ferdieId]);
    const keys = api.createType('NkmsRuntimeSessionKeys', generated.keys);
    sessionKeys = { aura: keys.aura.toHex(), grandpa: keys.grandpa.toHex(), nkms: keys.nkms.toHex() };
    assert.equal((await rawRpc(api, 'author_hasSessionKeys', [generated.keys])), true, "the keys are in Ferdie's keystore");

    const bonded = await ferdieSends(api.tx.staking.bond(STAKE));
    assert.match(eventNames(bonded), /staking\.Bonded.*staking\.Validating/);
    await ferdieSends(api.tx.session.setKeys(generated.keys, generated.proof));

    const ferdie = accounts.ferdie.address;
    assert.equal((await api.call.nkmsStakingApi.stake(ferdie)).toString(), STAKE.toString());
    assert.equal((await api.call.nkmsStakingApi.stakerOfNodeKey(sessionKeys.nkms)).unwrap().toString(), ferdie);
    assert.equal((await api.call.nkmsStakingApi.isActive(ferdie)).isTrue, false, 'not active before a rotation');
    const nodeAccount = api.createType('AccountId', sessionKeys.nkms).toString();
    assert.equal((await api.query.system.account(nodeAccount)).data.free.toBigInt(), 0n, 'nobody funded the nkms key');

    // At the next election the chain keeps the nkms key's account alive; Ferdie's node then
    // registers its Umbral key, signed by that key, and pays nothing.
    await waitFor(async () => (await api.call.nkmsStakingApi.umbralKey(ferdie)).isSome, {
      timeoutMs, intervalMs: 2_000, what: "Ferdie's node to register its Umbral key", abortIf: down,
    });
    const account = await api.query.system.account(nodeAccount);
    assert.equal(account.data.free.toBigInt(), 0n, 'the registration was free');
    assert.equal(account.sufficients.toNumber(), 1);
    assert.equal(account.nonce.toNumber(), 1, 'one transaction of the nkms key');
    // The candidate list decodes from metadata, ranked by stake: Ferdie bonded less than the genesis validators.
    const candidates = (await api.query.staking.candidates()).map(([who, stake]) => [who.toString(), stake.toBigInt()]);
    assert.deepEqual(candidates.at(-1), [ferdie, BigInt(STAKE.toString())]);
    assert.ok(candidates.every(([, stake], i) => i === 0 || candidates[i - 1][1] >= stake), 'ranked by stake');
  });

  check('after the rotations Ferdie is elected and authors blocks, and finality goes on', ROTATIONS_MS, async (t, timeoutMs) => {
    assert.ok(sessionKeys, 'Ferdie registered (previous test)');
    const ferdie = accounts.ferdie.address;
    await waitFor(async () => (await api.call.nkmsStakingApi.isActive(ferdie)).isTrue, {
      timeoutMs, intervalMs: 2_000, what: 'Ferdie to be an active node', abortIf: down,
    });
    const validators = (await api.query.session.validators()).map(String);
    assert.ok(validators.includes(ferdie), `Ferdie is a session validator (${validators})`);
    const joinedAt = (await api.rpc.chain.getHeader()).number.toNumber();

    await waitFor(async () => {
      const authorities = (await api.query.aura.authorities()).map((key) => key.toHex());
      if (!authorities.includes(sessionKeys.aura)) return false;
      return (await authorsSince(joinedAt)).some(({ author }) => author === sessionKeys.aura);
    }, { timeoutMs, intervalMs: 3_000, what: 'a block authored by Ferdie', abortIf: down });

    const finalizedThen = await finalizedNumber(api);
    await waitFor(async () => (await finalizedNumber(api)) >= finalizedThen + 3, {
      timeoutMs: ms(90_000), intervalMs: 2_000, what: 'finality to advance with five validators', abortIf: down,
    });
    const grandpa = (await api.call.grandpaApi.grandpaAuthorities()).map(([id]) => id.toHex());
    assert.ok(grandpa.includes(sessionKeys.grandpa), 'Ferdie votes in GRANDPA');

    const sample = (await api.call.nkmsStakingApi.sampleNodes(toHex(randomAsU8a(32)), 5)).asOk.map(String);
    assert.equal(new Set(sample).size, 5, 'a stake-weighted sample of the five active nodes');
    assert.ok(sample.includes(ferdie));
  });

  check('after chill Ferdie leaves the set and authors no more', ROTATIONS_MS + ms(60_000), async (t, timeoutMs) => {
    assert.ok(sessionKeys, 'Ferdie registered');
    const ferdie = accounts.ferdie.address;
    const chilled = await ferdieSends(api.tx.staking.chill());
    assert.match(eventNames(chilled), /staking\.Chilled/);

    await waitFor(async () => {
      const authorities = (await api.query.aura.authorities()).map((key) => key.toHex());
      return !authorities.includes(sessionKeys.aura) && !(await api.call.nkmsStakingApi.isActive(ferdie)).isTrue;
    }, { timeoutMs, intervalMs: 2_000, what: 'Ferdie to leave the Aura authorities', abortIf: down });
    const leftAt = (await api.rpc.chain.getHeader()).number.toNumber();
    assert.ok(!(await api.query.session.validators()).map(String).includes(ferdie), 'Ferdie is no session validator');

    // Six more blocks from the four others, none from Ferdie; finality still advances.
    const finalizedThen = await finalizedNumber(api);
    await waitFor(async () => (await api.rpc.chain.getHeader()).number.toNumber() >= leftAt + 6, {
      timeoutMs: ms(90_000), intervalMs: 2_000, what: 'six more blocks', abortIf: down,
    });
    const later = await authorsSince(leftAt + 1);
    assert.ok(later.every(({ author }) => author !== sessionKeys.aura), `no block by Ferdie after #${leftAt}`);
    await waitFor(async () => (await finalizedNumber(api)) > finalizedThen, {
      timeoutMs: ms(60_000), intervalMs: 2_000, what: 'finality to advance without Ferdie', abortIf: down,
    });
    // Still a staker: his stake stays bonded.
    assert.equal((await api.call.nkmsStakingApi.stake(ferdie)).toString(), STAKE.toString());
  });
});
