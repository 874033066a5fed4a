// End-to-end: re-encryption on the four-validator `local` network, through @polkadot/api and
// NuCypher's published Umbral package alone.
//
// No node is given an Umbral key: each validator's off-chain worker makes its own and registers
// it. Eve (the data owner) grants Ferdie (the reader) 2-of-3 over three validators with
// @nucypher/umbral-pre; the nodes check their key fragments and accept. Enrico encrypts a
// message and a batch of ten. Ferdie asks for re-encryption; the validators' off-chain workers
// answer with feeless transactions without a nonce, signed by their `nkms` keys, whose fragments
// the runtime verifies; the first two answers fulfil a request and only they go on chain;
// Ferdie decrypts every plaintext from them. A node whose key fragment is bad declines it, is
// paid for its check and loses nothing; the other two serve. With Dave's node stopped, a 2-of-3
// request is fulfilled without him and costs him nothing, a 3-of-3 request expires and Dave gets
// a strike for his silence, finality goes on, and a copy of another node's fragment and a wrong
// fragment sent with his dev `nkms` key meanwhile each slash him. Restarted, his node keeps its
// Umbral key and sends nothing twice. After Eve revokes, nothing is accepted.

import assert from 'node:assert/strict';
import { after, before, describe } from 'node:test';

import * as umbral from '@nucypher/umbral-pre';
import { u8aConcat } from '@polkadot/util';
import { blake2AsHex, signatureVerify } from '@polkadot/util-crypto';

import {
  bestNumber,
  connectApi,
  disconnectAll,
  eventData,
  eventNames,
  finalizedNumber,
  refusedByPool,
  submitInBlock,
  toHex,
  waitPolicyLive,
} from './lib/chain.js';
import { exitReason, stopProcess } from './lib/processes.js';
import { LOCAL_VALIDATORS, startServingNetwork, startValidator, stopServingNetwork, trackFailures } from './lib/suite.js';
import { ms, waitFor } from './lib/wait.js';
import { share } from './lib/umbral.js';

const encoder = new TextEncoder();
/** Where the tag of E2 is in umbral-pre's bytes of a capsule fragment. */
const E2_TAG = 143;

describe('re-encryption by the validators\' off-chain workers on the local network', { timeout: ms(1_200_000) }, () => {
  let network;
  let script;
  let api;
  let accounts;
  let nodes;
  let daveNode; // started by this test, which stops and restarts it
  let poisoned; // the policy whose share for Charlie is another policy's fragment
  let poisonedRequest;
  const tracker = trackFailures();
  const check = tracker.check;

  const down = () => (script ? exitReason(script) : 'the network was not started');
  const address = (name) => accounts[name].address;

  /** `signer` sends `tx`; returns the in-block result, its header and its dispatch error. */
  function submit(tx, signer) {
    return submitInBlock(api, tx, signer, { timeoutMs: ms(60_000), abortIf: down });
  }

  /** `signer` sends `tx`; it must succeed. */
  async function send(tx, signer) {
    const sent = await submit(tx, signer);
    assert.equal(sent.error, 'none', `${tx.method.section}.${tx.method.method} (events: ${eventNames(sent.result)})`);
    return sent;
  }

  /**
   * Eve's Umbral work and her policy for Ferdie: `m`-of-3 key fragments for the validators `over`,
   * each encrypted to the node's registered Umbral key; a node in `bad` gets a fragment of
   * another delegation. Waits until the policy is live.
   */
  async function grant(label, { over = ['alice', 'bob', 'charlie'], bad = [], m = 2 } = {}) {
    const delegating = umbral.SecretKey.random();
    const signing = umbral.SecretKey.random();
    const reader = umbral.SecretKey.random();
    const kfrags = umbral.generateKFrags(delegating, reader.publicKey(), new umbral.Signer(signing), m, over.length, true, true);
    const other = umbral.generateKFrags(umbral.SecretKey.random(), reader.publicKey(), new umbral.Signer(signing), m, over.length, true, true);
    const given = over.map((name, i) => (bad.includes(name) ? other[i] : kfrags[i]));
    const shares = await Promise.all(over.map((name, i) => share(api, address(name), given[i])));
    const keys = {
      receiving: reader.publicKey().toCompressedBytes(),
      delegating: delegating.publicKey().toCompressedBytes(),
      verifying: signing.publicKey().toCompressedBytes(),
    };
    const rate = (await api.query.policy.feeRates()).min.toBigInt();
    const expiry = (await bestNumber(api)) + 600;
    const { result } = await send(
      api.tx.policy.createPolicy(label, keys, m, shares, expiry, rate, accounts.ferdie.address),
      accounts.eve,
    );
    const id = eventData(result, 'policy', 'PolicyCreated').id.toHex();
    await waitPolicyLive(api, id, { timeoutMs: ms(60_000), abortIf: down });
    return { id, delegating, signing, reader, given: Object.fromEntries(over.map((name, i) => [name, given[i]])) };
  }

  /** What a node stands to lose: its stake, its strikes and its claimable fees of `policies`. */
  async function holdings(name, policies = []) {
    const node = address(name);
    const stake = (await api.call.nkmsStakingApi.stake(node)).toBigInt();
    const strikes = (await api.query.reencryption.strikes(node)).length;
    let claimable = 0n;
    for (const id of policies) {
      const view = await api.call.nkmsPolicyApi.policy(id);
      const fees = view.isSome && view.unwrap().nodes.find((entry) => entry.node.toString() === node);
      if (fees) claimable += fees.claimable.toBigInt();
    }
    return { stake, strikes, claimable };
  }

  /** What an answer to request `id` names: the runtime API's request, hashed as the chain does. */
  async function digest(id) {
    const stored = (await api.query.reencryption.requests(id)).unwrap();
    const preimage = api.createType('(Bytes, u64, [u8; 32], AccountId, u32, Vec<Bytes>)', [
      'nkms/request', id, stored.policy, stored.requester, stored.created, stored.capsules,
    ]);
    return blake2AsHex(preimage.toU8a(), 256);
  }

  /** Ferdie asks for `capsules` to be re-encrypted under `policy`; returns id and block. */
  async function request(policy, capsules) {
    const tx = api.tx.reencryption.requestReencryption(policy.id, capsules.map((capsule) => toHex(capsule.toBytes())));
    const { result, header } = await send(tx, accounts.ferdie);
    const id = eventData(result, 'reencryption', 'ReencryptionRequested').id.toNumber();
    return { id, block: header.number.toNumber(), at: performance.now() };
  }

  /** The request as the runtime API shows it. */
  async function view(id) {
    return (await api.call.nkmsReencryptionApi.request(id)).unwrap();
  }

  /** Waits until request `id` is fulfilled; returns the block it was fulfilled at. */
  async function fulfilled(id, timeoutMs) {
    let block;
    await waitFor(async () => {
      const status = (await view(id)).status;
      if (status.isFulfilled) block = status.asFulfilled.toNumber();
      return block !== undefined;
    }, { timeoutMs, intervalMs: 250, what: `request ${id} to be fulfilled`, abortIf: down });
    return block;
  }

  /** Waits until `node`'s fragments of request `id` are on chain. */
  async function answeredBy(id, node, timeoutMs) {
    await waitFor(async () => (await view(id)).fragments[0].some(([by]) => by.toString() === node), {
      timeoutMs, intervalMs: 500, what: `${node}'s answer to request ${id}`, abortIf: down,
    });
  }

  /** Whether `signature` is `answer`'s signature by its key, as the runtime checks it. */
  function signedByItsKey(answer, signature) {
    const message = u8aConcat(
      api.createType('Bytes', 'nkms/node-answer').toU8a(),
      api.genesisHash.toU8a(),
      answer.toU8a(),
    );
    return signatureVerify(message, signature.asSr25519.toU8a(), answer.key.asSr25519.toU8a()).isValid;
  }

  /** Ferdie's decryption: each capsule's fragments from the chain, verified by umbral-pre. */
  async function decrypt(policy, id, sealed) {
    const { fragments } = await view(id);
    const delegatingPk = policy.delegating.publicKey();
    return sealed.map(([capsule, ciphertext], i) => {
      assert.ok(fragments[i].length >= 2, `capsule ${i} has ${fragments[i].length} fragments`);
      const verified = fragments[i].map(([, bytes]) => umbral.CapsuleFrag.fromBytes(bytes.toU8a(true))
        .verify(capsule, policy.signing.publicKey(), delegatingPk, policy.reader.publicKey()));
      return Buffer.from(umbral.decryptReencrypted(policy.reader, delegatingPk, capsule, verified.slice(0, 2), ciphertext)).toString();
    });
  }

  before(() => tracker.guard(async () => {
    network = await startServingNetwork('nkms-e2e-reencryption-', { ownNodes: ['dave'] });
    ({ script, api, accounts } = network);
    daveNode = network.nodes.dave;
    nodes = LOCAL_VALIDATORS.map((name) => accounts[name].address);
  }), { timeout: ms(300_000) });

  after(() => stopServingNetwork(network ?? {}, tracker.failed), { timeout: ms(120_000) });

  check('each validator\'s off-chain worker registers an Umbral key of its own', ms(120_000), async (t, timeoutMs) => {
    await waitFor(async () => {
      const keys = await Promise.all(nodes.map((node) => api.call.nkmsStakingApi.umbralKey(node)));
      return keys.every((key) => key.isSome);
    }, { timeoutMs, intervalMs: 1_000, what: 'the four Umbral keys', abortIf: down });
    const keys = await Promise.all(nodes.map(async (node) => (await api.call.nkmsStakingApi.umbralKey(node)).unwrap().toHex()));
    assert.equal(new Set(keys).size, 4, 'four distinct keys');
    for (const key of keys) umbral.PublicKey.fromCompressedBytes(Buffer.from(key.slice(2), 'hex'));
  });

  check('Ferdie\'s requests are answered within 2 blocks by m nodes, for free, and he decrypts every plaintext', ms(240_000), async () => {
    const policy = await grant('e2e re-encryption');
    const message = 'the fox is in the henhouse';
    const sealed = [umbral.encrypt(policy.delegating.publicKey(), encoder.encode(message))];
    const batch = Array.from({ length: 10 }, (_, i) => `message ${i}`);
    const sealedBatch = batch.map((text) => umbral.encrypt(policy.delegating.publicKey(), encoder.encode(text)));

    for (const [capsules, texts] of [[sealed, [message]], [sealedBatch, batch]]) {
      const asked = await request(policy, capsules.map(([capsule]) => capsule));
      const block = await fulfilled(asked.id, ms(60_000));
      const seconds = (performance.now() - asked.at) / 1000;
      console.log(`request ${asked.id} of ${capsules.length} capsule(s): fulfilled ${block - asked.block} block(s) after the request's block, ${seconds.toFixed(1)} s after its inclusion was seen`);
      assert.ok(block - asked.block <= 2, `fulfilled at block ${block}, requested at ${asked.block}`);
      assert.deepEqual(await decrypt(policy, asked.id, capsules), texts);
      // The m-th answer released the third node: only two answers are on chain.
      const shown = await view(asked.id);
      assert.ok(shown.fragments.every((fragments) => fragments.length === 2), 'two fragments per capsule');
      assert.deepEqual(shown.waitingFor.map(String), []);

      // The answers are general transactions without a nonce, signed by the nodes' nkms keys
      // (the same keys as their accounts on the local chain), that paid no fee.
      const hash = await api.rpc.chain.getBlockHash(block);
      const { block: included } = await api.rpc.chain.getBlock(hash);
      const events = await (await api.at(hash)).query.system.events();
      const answers = included.extrinsics
        .map((xt, index) => ({ xt, index }))
        .filter(({ xt }) => xt.method.section === 'reencryption' && xt.method.method === 'submitNodeAnswer'
          && xt.method.args[0].id.toNumber() === asked.id);
      assert.ok(answers.length >= 1, 'an answer in the fulfilling block');
      for (const { xt, index } of answers) {
        assert.ok(xt.isGeneral() && !xt.isSigned, 'a general transaction');
        const [answer, signature] = xt.method.args;
        assert.ok(nodes.includes(api.createType('AccountId', answer.key.asSr25519).toString()), `a node's nkms key, not ${answer.key}`);
        assert.ok(signedByItsKey(answer, signature), 'signed by its key');
        const own = events.filter(({ phase }) => phase.isApplyExtrinsic && phase.asApplyExtrinsic.toNumber() === index);
        const names = own.map(({ event }) => `${event.section}.${event.method}`);
        assert.ok(names.includes('reencryption.FragmentsAccepted'), names.join(', '));
        assert.ok(!names.includes('transactionPayment.TransactionFeePaid'), names.join(', '));
      }
    }
  });

  check('a node whose key fragment is bad declines it and loses nothing; the other two serve', ms(300_000), async (t, timeoutMs) => {
    const before = await holdings('charlie');
    const balance = (await api.query.system.account(address('charlie'))).data.free.toBigInt();
    poisoned = await grant('e2e poisoned', { bad: ['charlie'] });
    // Live once Alice's and Bob's nodes accepted; Charlie's decline may land a block later.
    const served = async () => (await api.call.nkmsPolicyApi.policy(poisoned.id)).unwrap();
    await waitFor(async () => (await served()).nodes.length === 2, { timeoutMs: ms(60_000), intervalMs: 1_000, what: 'Charlie\'s decline', abortIf: down });
    const live = await served();
    assert.deepEqual(live.nodes.map((node) => node.node.toString()), [address('alice'), address('bob')], 'Charlie declined');
    const [capsule, ciphertext] = umbral.encrypt(poisoned.delegating.publicKey(), encoder.encode('secret'));
    poisonedRequest = await request(poisoned, [capsule]);
    await fulfilled(poisonedRequest.id, ms(60_000));
    assert.deepEqual(await decrypt(poisoned, poisonedRequest.id, [[capsule, ciphertext]]), ['secret']);
    assert.deepEqual((await view(poisonedRequest.id)).waitingFor.map(String), []);

    const deadline = (await view(poisonedRequest.id)).deadline.toNumber();
    await waitFor(async () => (await bestNumber(api)) > deadline, { timeoutMs, intervalMs: 2_000, what: 'the deadline', abortIf: down });
    assert.deepEqual(await holdings('charlie'), before, 'Charlie\'s stake and strikes as they were');
    // Paid for its check: `DeclineCompensation`, at most its share of the escrow.
    const share = live.rate.toBigInt() * BigInt(live.expiry.toNumber() - live.start.toNumber());
    const cap = api.consts.policy.declineCompensation.toBigInt();
    const compensation = share < cap ? share : cap;
    assert.equal((await api.query.system.account(address('charlie'))).data.free.toBigInt(), balance + compensation, 'paid for the check');
  });

  check('with Dave\'s node stopped a 2-of-3 request is fulfilled without him at no cost to him, a 3-of-3 request gets him a strike, and finality goes on; restarted, his node keeps its key and sends nothing twice', ms(480_000), async () => {
    const dave = address('dave');
    const over = ['alice', 'bob', 'dave'];
    // A 3-of-3 policy needs Dave for every request; a 2-of-3 one does not.
    const policy = await grant('e2e restart', { over, m: 3 });
    const lenient = await grant('e2e restart, 2-of-3', { over });
    const daveKey = (await api.call.nkmsStakingApi.umbralKey(dave)).unwrap().toHex();
    const seal = (of, text) => umbral.encrypt(of.delegating.publicKey(), encoder.encode(text))[0];
    const first = await request(policy, [seal(policy, 'before')]);
    await answeredBy(first.id, dave, ms(60_000));
    // Dave's node decided on the 2-of-3 policy too (it went live with the first two).
    await waitFor(async () => (await api.call.nkmsPolicyApi.policy(lenient.id)).unwrap().nodes
      .filter((node) => node.status.isAccepted).length === 3, { timeoutMs: ms(60_000), intervalMs: 1_000, what: 'Dave\'s acceptance', abortIf: down });
    await stopProcess(daveNode, { signal: 'SIGINT', graceMs: ms(30_000) });

    const finalized = await finalizedNumber(api);
    const missed = await request(policy, [seal(policy, 'while Dave is down')]);
    const spared = await request(lenient, [seal(lenient, 'without Dave')]);
    // With his node down, his dev nkms key (the same key as his account on the local chain)
    // sends a copy of another node's valid fragment (it carries that node's key fragment id),
    // and a fragment of his own key fragment with one byte of E2 changed, each its request's one
    // attempt: each slashes him.
    const copied = await request(policy, [seal(policy, 'copied')]);
    await answeredBy(copied.id, address('alice'), ms(60_000));
    const copy = (await view(copied.id)).fragments[0].find(([by]) => by.toString() === address('alice'))[1];
    const tampered = await request(policy, [seal(policy, 'tampered')]);
    const ownCapsule = (await view(tampered.id)).capsules[0];
    const ownFragment = umbral.reencrypt(umbral.Capsule.fromBytes(ownCapsule.toU8a(true)), policy.given.dave).toBytes();
    ownFragment[E2_TAG] ^= 1;
    for (const [asked, fragment, reason] of [[copied, toHex(copy.toU8a(true)), 'ForeignKeyFragment'], [tampered, toHex(ownFragment), 'IncorrectReencryption']]) {
      const { result } = await send(api.tx.reencryption.submitCfrags(asked.id, await digest(asked.id), [fragment]), accounts.dave);
      const rejected = eventData(result, 'reencryption', 'FragmentRejected');
      assert.equal(rejected.node.toString(), dave);
      assert.equal(rejected.reason.type, reason);
      assert.ok(rejected.slashed.toBigInt() > 0n, 'slashed');
      assert.equal(eventData(result, 'staking', 'Slashed').amount.toBigInt(), rejected.slashed.toBigInt());
      assert.ok(!eventNames(result).includes('transactionPayment.TransactionFeePaid'), 'one feeless attempt');
      // A second attempt is not even a transaction.
      await refusedByPool(api.tx.reencryption.submitCfrags(asked.id, await digest(asked.id), [fragment]), accounts.dave);
    }
    const nonce = (await api.query.system.account(dave)).nonce.toNumber();
    // Alice and Bob fulfil the 2-of-3 request; Dave is released from it.
    await fulfilled(spared.id, ms(60_000));
    const deadline = (await view(tampered.id)).deadline.toNumber();
    await waitFor(async () => (await bestNumber(api)) > deadline, { timeoutMs: ms(120_000), intervalMs: 2_000, what: 'the deadlines', abortIf: down });
    assert.ok((await view(missed.id)).status.isExpired, 'the 3-of-3 request expired');
    assert.ok((await finalizedNumber(api)) >= finalized + 3, 'three of the four validators finalise');
    assert.equal((await api.query.reencryption.strikes(dave)).length, 1, 'one strike for Dave: his silence on the 3-of-3 request, not his rejected answers nor the request served without him');
    const forfeits = [];
    for (let number = spared.block; number <= deadline + 1; number += 1) {
      const events = await (await api.at(await api.rpc.chain.getBlockHash(number))).query.system.events();
      forfeits.push(...events.filter(({ event }) => event.section === 'policy' && event.method === 'FeesForfeited'
        && event.data.node.toString() === dave).map(({ event }) => event.data.id.toHex()));
    }
    assert.ok(forfeits.length >= 1, 'Dave forfeits for the 3-of-3 requests');
    assert.ok(!forfeits.includes(lenient.id), 'and nothing of the 2-of-3 policy');

    // Restarted on the same base path, Dave's node catches up and answers a new request.
    daveNode = startValidator(network.net, 'dave', network.binary);
    const daveApi = await connectApi(`ws://127.0.0.1:${network.net.rpcBase + LOCAL_VALIDATORS.indexOf('dave')}`, { timeoutMs: ms(60_000), abortIf: down });
    try {
      await waitFor(async () => (await bestNumber(daveApi)) >= (await bestNumber(api)) && !(await daveApi.rpc.system.health()).isSyncing.isTrue, {
        timeoutMs: ms(90_000), intervalMs: 1_000, what: 'Dave\'s node to catch up', abortIf: () => exitReason(daveNode),
      });
      const resumed = await request(policy, [seal(policy, 'after')]);
      await answeredBy(resumed.id, dave, ms(60_000));
      await fulfilled(resumed.id, ms(60_000));
    } finally {
      await disconnectAll([daveApi]);
    }
    assert.equal((await api.call.nkmsStakingApi.umbralKey(dave)).unwrap().toHex(), daveKey, 'the same Umbral key');
    // No signed transaction since the restart: no new key, and answers use no nonce.
    assert.equal((await api.query.system.account(dave)).nonce.toNumber(), nonce);
  });

  check('after Eve revokes, no request and no fragment for the policy is accepted', ms(120_000), async () => {
    assert.ok(poisoned, 'the policy was created');
    const [capsule] = umbral.encrypt(poisoned.delegating.publicKey(), encoder.encode('later'));
    const pending = await request(poisoned, [capsule]);
    const digestOfPending = await digest(pending.id);
    await send(api.tx.policy.revokePolicy(poisoned.id), accounts.eve);

    // An answer of one of its nodes is not even a transaction: it costs the node nothing.
    const answer = umbral.reencrypt(capsule, poisoned.given.alice).toBytes();
    await refusedByPool(api.tx.reencryption.submitCfrags(pending.id, digestOfPending, [toHex(answer)]), accounts.alice);
    const refused = await submit(api.tx.reencryption.requestReencryption(poisoned.id, [toHex(capsule.toBytes())]), accounts.ferdie);
    assert.match(refused.error, /^reencryption\.PolicyNotLive/);
  });
});
