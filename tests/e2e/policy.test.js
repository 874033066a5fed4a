// End-to-end: policies on the four-validator `local` network, through @polkadot/api and
// NuCypher's published Umbral package alone.
//
// Alice's client does her Umbral work with @nucypher/umbral-pre: she splits a re-encryption key
// for a reader into three key fragments (threshold two), encrypts each to one of three validators'
// registered Umbral key, and creates the policy; each node checks its key fragment and accepts
// it, and earns from then on. The fee quote of the runtime API is what the chain holds; a node
// claims exactly what the runtime API shows; Alice's revocation gives back exactly the unserved
// escrow and the deposit; a second policy expires and is settled.
//
// The nodes' off-chain workers register their Umbral keys in the first blocks; Alice waits for
// them before she encrypts to them.

import assert from 'node:assert/strict';
import { after, before, describe } from 'node:test';

import * as umbral from '@nucypher/umbral-pre';

import { eventData, eventNames, submitInBlock, toHex, waitPolicyLive } from './lib/chain.js';
import { exitReason } from './lib/processes.js';
import { startServingNetwork, stopServingNetwork, trackFailures } from './lib/suite.js';
import { ms, waitFor } from './lib/wait.js';
import { share } from './lib/umbral.js';

/** The policies of this test are 2-of-3 over three of the four validators. */
const POLICY_NODES = ['alice', 'bob', 'charlie'];

describe('policies: grant, claim, revoke and expire on the local network', { timeout: ms(900_000) }, () => {
  let network;
  let script;
  let api;
  let accounts;
  let settlementDelay;
  let policy; // { id, rate, expiry, accepted: the block each node accepted at }
  let shortPolicy; // the id of the second policy
  const tracker = trackFailures();
  const check = tracker.check;

  const down = () => (script ? exitReason(script) : 'the network was not started');

  /** `signer` sends `tx`; it must succeed. Returns the in-block result and its block. */
  async function send(tx, signer) {
    const sent = await submitInBlock(api, tx, signer, { timeoutMs: ms(60_000), abortIf: down });
    assert.equal(sent.error, 'none', `${tx.method.section}.${tx.method.method} (events: ${eventNames(sent.result)})`);
    return sent;
  }

  /** The fee the signer of `result` paid. */
  function feePaid(result) {
    return eventData(result, 'transactionPayment', 'TransactionFeePaid').actualFee.toBigInt();
  }

  async function accountAt(hash, who) {
    const { data } = await (await api.at(hash)).query.system.account(who);
    return { free: data.free.toBigInt(), reserved: data.reserved.toBigInt() };
  }

  async function bestNumber() {
    return (await api.rpc.chain.getHeader()).number.toNumber();
  }

  /** Alice's Umbral work: 2-of-3 key fragments for a new reader, each encrypted to a node. */
  async function grant(nodes) {
    const delegating = umbral.SecretKey.random();
    const signing = umbral.SecretKey.random();
    const reader = umbral.SecretKey.random();
    const kfrags = umbral.generateKFrags(delegating, reader.publicKey(), new umbral.Signer(signing), 2, nodes.length, true, true);
    const shares = await Promise.all(nodes.map((node, i) => share(api, node, kfrags[i])));
    const keys = {
      receiving: reader.publicKey().toCompressedBytes(),
      delegating: delegating.publicKey().toCompressedBytes(),
      verifying: signing.publicKey().toCompressedBytes(),
    };
    return { keys, shares };
  }

  before(() => tracker.guard(async () => {
    network = await startServingNetwork('nkms-e2e-policy-');
    ({ script, api, accounts } = network);
    settlementDelay = api.consts.policy.settlementDelay.toNumber();
  }), { timeout: ms(300_000) });

  after(() => stopServingNetwork(network ?? {}, tracker.failed), { timeout: ms(120_000) });

  check('Alice grants a 2-of-3 policy over the validators, holding what the quote said', ms(120_000), async () => {
    const nodes = POLICY_NODES.map((name) => accounts[name].address);
    for (const node of nodes) assert.ok((await api.call.nkmsStakingApi.isActive(node)).isTrue, `${node} is active`);
    const { keys, shares } = await grant(nodes);
    const label = 'e2e medical records';
    const rate = (await api.query.policy.feeRates()).min.toBigInt() * 3n;
    const expiry = (await bestNumber()) + 300;

    const id = (await api.call.nkmsPolicyApi.policyId(accounts.alice.address, keys.receiving, label)).toHex();
    const { result, header } = await send(
      api.tx.policy.createPolicy(label, keys, 2, shares, expiry, rate, null),
      accounts.alice,
    );
    const created = eventData(result, 'policy', 'PolicyCreated');
    assert.equal(created.id.toHex(), id, 'the id the runtime API computed beforehand');
    assert.deepEqual(created.nodes.map(String), nodes);

    // The quote, asked at the parent block, is what the creation held.
    const parentApi = await api.at(header.parentHash);
    const quote = (await parentApi.call.nkmsPolicyApi.quote(3, rate, expiry, label.length, false)).unwrap();
    assert.equal(created.escrow.toBigInt(), quote.escrow.toBigInt());
    assert.equal(created.deposit.toBigInt(), quote.deposit.toBigInt());
    assert.equal(quote.escrow.toBigInt(), rate * 3n * BigInt(expiry - header.number.toNumber()));
    const before = await accountAt(header.parentHash, accounts.alice.address);
    const afterwards = await accountAt(header.hash, accounts.alice.address);
    assert.equal(afterwards.reserved - before.reserved, quote.escrow.toBigInt() + quote.deposit.toBigInt());

    // Everything decodes from metadata: the stored policy and a node's fragment.
    const stored = (await api.query.policy.policies(id)).unwrap();
    assert.equal(stored.threshold.toNumber(), 2);
    assert.equal(toHex(stored.umbralKeys.receiving.toU8a()), toHex(keys.receiving));
    const fragment = (await api.query.policy.keyFrags(id, accounts.bob.address)).unwrap();
    assert.equal(fragment.capsule.toU8a(true).length, 105);

    // The nodes' off-chain workers check their fragments and accept: the policy goes live, each
    // node's service starting at its acceptance.
    const live = await waitPolicyLive(api, id, { timeoutMs: ms(60_000), abortIf: down });
    assert.ok(live.decideBy.toNumber() > header.number.toNumber());
    const accepted = Object.fromEntries(live.nodes.map((node) => [node.node.toString(), node.status.asAccepted.toNumber()]));
    assert.deepEqual(Object.keys(accepted).sort(), [...nodes].sort(), 'every node accepted');
    for (const block of Object.values(accepted)) assert.ok(block > header.number.toNumber());
    policy = { id, rate, expiry, accepted };
  });

  check('a second, short policy names Eve as its only requester', ms(120_000), async () => {
    const nodes = POLICY_NODES.map((name) => accounts[name].address);
    const { keys, shares } = await grant(nodes);
    const rate = (await api.query.policy.feeRates()).min.toBigInt();
    // Just past the nodes' acceptance window.
    const expiry = (await bestNumber()) + api.consts.policy.acceptanceWindow.toNumber() + 4;
    const { result } = await send(api.tx.policy.createPolicy('short', keys, 2, shares, expiry, rate, accounts.eve.address), accounts.alice);
    shortPolicy = eventData(result, 'policy', 'PolicyCreated').id.toHex();
    const stored = (await api.query.policy.policies(shortPolicy)).unwrap();
    assert.equal(stored.requester.unwrap().toString(), accounts.eve.address);
  });

  check('a node claims its fees and receives exactly what the runtime API showed', ms(300_000), async (t, timeoutMs) => {
    assert.ok(policy, 'the policy was created');
    // Also until the second policy is settled: its settlement pays Bob, Alice and Charlie, which
    // would blur the balances this check and the next one compare.
    const bob = accounts.bob.address;
    await waitFor(async () => (await bestNumber()) > policy.accepted[bob] + settlementDelay + 2
      && (!shortPolicy || (await api.query.policy.policies(shortPolicy)).isNone), {
      timeoutMs,
      intervalMs: 2_000,
      what: 'fees to become payable and the second policy to be settled',
      abortIf: down,
    });
    const { result, header } = await send(api.tx.policy.claimFees([policy.id]), accounts.bob);
    const paid = eventData(result, 'policy', 'FeesPaid').amount.toBigInt();
    // The runtime API at the parent block shows what a claim in the next block pays.
    const view = (await (await api.at(header.parentHash)).call.nkmsPolicyApi.policy(policy.id)).unwrap();
    const bobFees = view.nodes.find((node) => node.node.toString() === bob);
    assert.equal(bobFees.claimable.toBigInt(), paid);
    assert.equal(paid, policy.rate * BigInt(header.number.toNumber() - settlementDelay - policy.accepted[bob]));
    const before = await accountAt(header.parentHash, bob);
    const afterwards = await accountAt(header.hash, bob);
    assert.equal(afterwards.free - before.free, paid - feePaid(result));
  });

  check('Alice revokes and gets back exactly the unserved escrow and the deposit', ms(120_000), async () => {
    assert.ok(policy, 'the policy was created');
    const { result, header } = await send(api.tx.policy.revokePolicy(policy.id), accounts.alice);
    const refund = eventData(result, 'policy', 'PolicyRevoked').refund.toBigInt();
    assert.equal(refund, policy.rate * 3n * BigInt(policy.expiry - header.number.toNumber()));
    // The deposit left: its storage part (each node's part came back at its acceptance).
    const deposit = (await (await api.at(header.parentHash)).call.nkmsPolicyApi.policy(policy.id)).unwrap().deposit.toBigInt();
    const before = await accountAt(header.parentHash, accounts.alice.address);
    const afterwards = await accountAt(header.hash, accounts.alice.address);
    assert.equal(before.reserved - afterwards.reserved, refund + deposit);
    assert.equal(afterwards.free - before.free, refund + deposit - feePaid(result));
    assert.ok((await api.query.policy.keyFrags(policy.id, accounts.bob.address)).isNone, 'fragments removed');
    const view = (await api.call.nkmsPolicyApi.policy(policy.id)).unwrap();
    assert.equal(view.state.toString(), 'Revoked');
  });

  // Created before the claim's wait, so that both waits overlap.
  check('the second policy expired and was settled by the chain', ms(300_000), async (t, timeoutMs) => {
    assert.ok(shortPolicy, 'the second policy was created');
    const id = shortPolicy;
    await waitFor(async () => (await api.query.policy.policies(id)).isNone, {
      timeoutMs,
      intervalMs: 2_000,
      what: 'the expired policy to be settled by on_idle',
      abortIf: down,
    });
    assert.ok((await api.query.policy.keyFrags(id, accounts.bob.address)).isNone);
    const owned = (await api.call.nkmsPolicyApi.ownerPolicies(accounts.alice.address)).map((owned) => owned.toHex());
    assert.ok(!owned.includes(id), 'the settled policy left its owner\'s list');
  });
});
