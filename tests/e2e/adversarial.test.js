// End-to-end: attacks on honest nodes, on the four-validator `local` network, each sent as an
// outsider would, with @polkadot/api and @nucypher/umbral-pre (and @noble/curves to forge).
//
// Eve is the hostile data owner and staker, Ferdie the hostile requester; Alice, Bob, Charlie and
// Dave run honest nodes. After every attack each honest node's stake, strikes and fees are what
// they were (no slash, strike or forfeit for an honest node in the attack's blocks, no fee paid by
// one), and the attacker paid. A table of the attacks, what they cost and what the honest nodes
// lost is printed at the end (the README has it).

import assert from 'node:assert/strict';
import { after, before, describe } from 'node:test';

import * as umbral from '@nucypher/umbral-pre';

import { bestNumber, eventData, eventNames, refusedByPool, submitInBlock, toHex, waitPolicyLive } from './lib/chain.js';
import { withForgedReceiverSignature, withParameterU } from './lib/forgery.js';
import { exitReason } from './lib/processes.js';
import { LOCAL_VALIDATORS, startServingNetwork, stopServingNetwork, trackFailures } from './lib/suite.js';
import { kfragId, policyKeys, share } from './lib/umbral.js';
import { ms, waitFor } from './lib/wait.js';

const UNIT = 10n ** 12n;
/** The nodes every hostile policy names. */
const VICTIMS = ['alice', 'bob', 'charlie'];

describe('attacks cost honest nodes nothing, and the attacker pays', { timeout: ms(1_200_000) }, () => {
  let network;
  let script;
  let api;
  let accounts;
  const table = [];
  const tracker = trackFailures();

  const down = () => (script ? exitReason(script) : 'the network was not started');
  const address = (name) => accounts[name].address;

  async function send(tx, signer) {
    const sent = await submitInBlock(api, tx, signer, { timeoutMs: ms(60_000), abortIf: down });
    assert.equal(sent.error, 'none', `${tx.method.section}.${tx.method.method} (events: ${eventNames(sent.result)})`);
    return sent;
  }

  /** What every honest node holds: stake, strikes and free balance. */
  async function holdings() {
    const held = {};
    for (const name of LOCAL_VALIDATORS) {
      held[name] = {
        stake: (await api.call.nkmsStakingApi.stake(address(name))).toBigInt(),
        strikes: (await api.query.reencryption.strikes(address(name))).length,
        free: (await api.query.system.account(address(name))).data.free.toBigInt(),
      };
    }
    return held;
  }

  /** The attackers' (Eve's and Ferdie's) free and reserved NKMS. */
  async function attackersTotal() {
    let total = 0n;
    for (const name of ['eve', 'ferdie']) {
      const { data } = await api.query.system.account(address(name));
      total += data.free.toBigInt() + data.reserved.toBigInt();
    }
    return total;
  }

  /** The events of the blocks `from..=to`. */
  async function eventsOf(from, to) {
    const events = [];
    for (let number = from; number <= to; number += 1) {
      const hash = await api.rpc.chain.getBlockHash(number);
      events.push(...(await (await api.at(hash)).query.system.events()).map(({ event }) => event));
    }
    return events;
  }

  /**
   * Runs `attack` and checks the rule: no honest node slashed, struck, made to forfeit fees or to
   * pay a fee, its stake and strikes unchanged; the attacker paid (or was refused outright).
   * Records a row of the table.
   */
  async function attempt(name, attack) {
    const before = await holdings();
    const spent = await attackersTotal();
    const from = (await bestNumber(api)) + 1;
    const outcome = (await attack()) ?? '';
    // The nodes' answers and decisions land within two blocks.
    const settled = (await bestNumber(api)) + 2;
    await waitFor(async () => (await bestNumber(api)) >= settled, { timeoutMs: ms(60_000), what: 'two more blocks', abortIf: down });
    const honest = new Set(LOCAL_VALIDATORS.map(address));
    const penalties = (await eventsOf(from, settled)).filter((event) =>
      ((event.section === 'staking' && event.method === 'Slashed')
        || (event.section === 'reencryption' && ['StrikeRecorded', 'SlashedForSilence'].includes(event.method))
        || (event.section === 'policy' && event.method === 'FeesForfeited'))
      && honest.has(event.data[event.section === 'staking' ? 'staker' : 'node']?.toString()));
    assert.deepEqual(penalties.map((event) => `${event.section}.${event.method}`), [], `${name}: penalties of honest nodes`);
    const afterwards = await holdings();
    let lost = 0n;
    for (const node of LOCAL_VALIDATORS) {
      assert.equal(afterwards[node].stake, before[node].stake, `${name}: ${node}'s stake`);
      assert.equal(afterwards[node].strikes, before[node].strikes, `${name}: ${node}'s strikes`);
      assert.ok(afterwards[node].free >= before[node].free, `${name}: ${node} paid nothing`);
      lost += before[node].stake - afterwards[node].stake;
    }
    const cost = spent - (await attackersTotal());
    assert.ok(cost > 0n || outcome.startsWith('refused'), `${name}: the attacker paid`);
    table.push({ attack: name, cost, lost, outcome });
  }

  /**
   * Eve's 2-of-3 policy over the victims, each key fragment passed through `tamper(kfrag, i,
   * ctx)`, which returns the share's key fragment (and optionally the key it is encrypted to and
   * the id named). Returns the policy's id and its nodes' declines once it has failed.
   */
  async function hostilePolicy(label, tamper) {
    const delegating = umbral.SecretKey.random();
    const signing = umbral.SecretKey.random();
    const signer = new umbral.Signer(signing);
    const reader = umbral.SecretKey.random();
    const kfrags = umbral.generateKFrags(delegating, reader.publicKey(), signer, 2, 3, true, true)
      .map((kfrag) => umbral.KeyFrag.fromBytes(kfrag.toBytes()));
    const nodeKeys = await Promise.all(VICTIMS.map(async (name) => umbral.PublicKey.fromCompressedBytes(
      (await api.call.nkmsStakingApi.umbralKey(address(name))).unwrap().toU8a())));
    const context = { kfrags, signer, delegating: delegating.publicKey(), reading: reader.publicKey(), nodeKeys };
    const shares = VICTIMS.map((name, i) => {
      const { kfrag, to = nodeKeys[i], id = kfragId(kfrag), ciphertextFlip = false } = tamper(kfrags[i], i, context);
      const [capsule, ciphertext] = umbral.encrypt(to, kfrag.toBytes());
      if (ciphertextFlip) ciphertext[ciphertext.length - 1] ^= 1;
      return { node: address(name), kfragId: toHex(id), kfrag: { capsule: toHex(capsule.toBytes()), ciphertext: toHex(ciphertext) } };
    });
    const keys = policyKeys(reader, delegating, signing);
    const rate = (await api.query.policy.feeRates()).min.toBigInt();
    const expiry = (await bestNumber(api)) + 600;
    const { result, header } = await send(api.tx.policy.createPolicy(label, keys, 2, shares, expiry, rate, null), accounts.eve);
    const id = eventData(result, 'policy', 'PolicyCreated').id.toHex();
    await waitFor(async () => {
      const view = await api.call.nkmsPolicyApi.policy(id);
      return view.isNone || view.unwrap().state.isFailed;
    }, { timeoutMs: ms(60_000), what: `policy ${label} to fail`, abortIf: down });
    const declines = (await eventsOf(header.number.toNumber(), await bestNumber(api)))
      .filter((event) => event.section === 'policy' && event.method === 'ArrangementDeclined' && event.data.id.toHex() === id);
    return { id, declines };
  }

  /** A fault as `Variant` or `Rejected.Reason`. */
  function faultName(fault) {
    return fault.isRejected ? `Rejected.${fault.asRejected.type}` : fault.type;
  }

  /** A hostile policy whose every node must decline with `fault`; returns the outcome. */
  async function declinedWith(label, fault, tamper) {
    const { declines } = await hostilePolicy(label, tamper);
    assert.ok(declines.length >= 2, `${label}: two nodes declined (the policy then failed)`);
    for (const decline of declines) assert.equal(faultName(decline.data.fault), fault, `${label}: the fault named`);
    return `declined (${fault}), policy failed`;
  }

  before(() => tracker.guard(async () => {
    network = await startServingNetwork('nkms-e2e-adversarial-');
    ({ script, api, accounts } = network);
  }), { timeout: ms(300_000) });

  after(() => {
    if (table.length) {
      const nkms = (planck) => `${(Number(planck) / 1e12).toFixed(6)}`;
      console.log('\n| attack | attacker\'s cost (NKMS) | honest nodes\' loss (NKMS) | what happened |');
      console.log('| --- | ---: | ---: | --- |');
      for (const row of table) console.log(`| ${row.attack} | ${nkms(row.cost)} | ${nkms(row.lost)} | ${row.outcome} |`);
    }
    return stopServingNetwork(network ?? {}, tracker.failed);
  }, { timeout: ms(120_000) });

  tracker.check('key fragments forged to make every fragment fail are declined', ms(420_000), async () => {
    await attempt('key fragments with a forged signature for the receiver', () => declinedWith(
      'forged receiver signature',
      'Rejected.IncorrectKeyFragSignature',
      (kfrag, i, { signer }) => ({ kfrag: withForgedReceiverSignature(kfrag, signer) }),
    ));
    await attempt('key fragments over a non-standard parameter u', () => declinedWith(
      'non-standard u',
      'NonStandardParameters',
      (kfrag, i, { signer, delegating, reading }) => ({ kfrag: withParameterU(kfrag, signer, delegating, reading) }),
    ));
    await attempt('key fragments that do not decrypt', () => declinedWith(
      'undecryptable',
      'Undecryptable',
      (kfrag) => ({ kfrag, ciphertextFlip: true }),
    ));
    await attempt('key fragments encrypted to another node\'s key', () => declinedWith(
      'another node\'s key',
      'Undecryptable',
      (kfrag, i, { nodeKeys }) => ({ kfrag, to: nodeKeys[(i + 1) % 3] }),
    ));
    await attempt('key fragments under another node\'s id', () => declinedWith(
      'another id',
      'WrongId',
      (kfrag, i, { kfrags }) => ({ kfrag, id: kfragId(kfrags[(i + 1) % 3]) }),
    ));
  });

  tracker.check('a policy too short for its nodes to decide is refused', ms(120_000), async () => {
    await attempt('a policy that would expire before its nodes can decide', async () => {
      const reader = umbral.SecretKey.random();
      const signing = umbral.SecretKey.random();
      const delegating = umbral.SecretKey.random();
      const [kfrag] = umbral.generateKFrags(delegating, reader.publicKey(), new umbral.Signer(signing), 1, 1, true, true);
      const shares = [await share(api, address('alice'), kfrag)];
      const keys = policyKeys(reader, delegating, signing);
      const rate = (await api.query.policy.feeRates()).min.toBigInt();
      const sent = await submitInBlock(api, api.tx.policy.createPolicy('short', keys, 1, shares, (await bestNumber(api)) + 3, rate, null), accounts.eve, { timeoutMs: ms(60_000), abortIf: down });
      assert.match(sent.error, /^policy\.DurationTooShort/);
      return 'policy.DurationTooShort';
    });
  });

  tracker.check('answers of outsiders and of a withdrawn node are refused; paid spam does not delay answers', ms(300_000), async () => {
    // A sound policy, accepted by its three nodes.
    const delegating = umbral.SecretKey.random();
    const signing = umbral.SecretKey.random();
    const reader = umbral.SecretKey.random();
    const kfrags = umbral.generateKFrags(delegating, reader.publicKey(), new umbral.Signer(signing), 2, 3, true, true);
    const shares = await Promise.all(VICTIMS.map((name, i) => share(api, address(name), kfrags[i])));
    const keys = policyKeys(reader, delegating, signing);
    const rate = (await api.query.policy.feeRates()).min.toBigInt();
    const { result } = await send(api.tx.policy.createPolicy('sound', keys, 2, shares, (await bestNumber(api)) + 600, rate, null), accounts.eve);
    const policy = eventData(result, 'policy', 'PolicyCreated').id.toHex();
    await waitPolicyLive(api, policy, { timeoutMs: ms(60_000), abortIf: down });

    await attempt('answers from a non-node and from a node the owner withdrew', async () => {
      await send(api.tx.policy.revokeNode(policy, address('charlie')), accounts.eve);
      const [capsule] = umbral.encrypt(delegating.publicKey(), new TextEncoder().encode('probe'));
      const { result: asked } = await send(api.tx.reencryption.requestReencryption(policy, [toHex(capsule.toBytes())]), accounts.ferdie);
      const id = eventData(asked, 'reencryption', 'ReencryptionRequested').id.toNumber();
      const fragment = toHex(umbral.reencrypt(capsule, kfrags[2]).toBytes());
      const digest = `0x${'00'.repeat(32)}`;
      await refusedByPool(api.tx.reencryption.submitCfrags(id, digest, [fragment]), accounts.ferdie);
      await refusedByPool(api.tx.reencryption.submitCfrags(id, digest, [fragment]), accounts.charlie);
      await waitFor(async () => (await api.call.nkmsReencryptionApi.request(id)).unwrap().status.isFulfilled, {
        timeoutMs: ms(60_000), what: 'the honest nodes\' answers', abortIf: down,
      });
      return 'refused by the pool; Alice and Bob answered';
    });

    await attempt('paid, tipped spam while a request awaits its answers', async () => {
      const [capsule] = umbral.encrypt(delegating.publicKey(), new TextEncoder().encode('under spam'));
      const nonce = (await api.rpc.system.accountNextIndex(address('ferdie'))).toNumber();
      // Ferdie asks, then floods the pool with 200 remarks that each tip a tenth of an NKMS.
      const request = api.tx.reencryption.requestReencryption(policy, [toHex(capsule.toBytes())]);
      const { result: asked, header } = await send(request, accounts.ferdie);
      const id = eventData(asked, 'reencryption', 'ReencryptionRequested').id.toNumber();
      const spam = [];
      for (let i = 1; i <= 200; i += 1) {
        spam.push(api.tx.system.remark(toHex(new Uint8Array(1_000).fill(i % 256)))
          .signAndSend(accounts.ferdie, { nonce: nonce + i, tip: UNIT / 10n }).catch(() => {}));
      }
      await Promise.all(spam);
      let fulfilledAt;
      await waitFor(async () => {
        const status = (await api.call.nkmsReencryptionApi.request(id)).unwrap().status;
        if (status.isFulfilled) fulfilledAt = status.asFulfilled.toNumber();
        return fulfilledAt !== undefined;
      }, { timeoutMs: ms(60_000), what: 'the answers under spam', abortIf: down });
      const blocks = fulfilledAt - header.number.toNumber();
      assert.ok(blocks <= 2, `fulfilled ${blocks} blocks after the request`);
      // The spam lands too (and pays): wait for Ferdie's nonce to pass it.
      await waitFor(async () => (await api.rpc.system.accountNextIndex(address('ferdie'))).toNumber() > nonce + 200, {
        timeoutMs: ms(120_000), what: 'the spam to be included', abortIf: down,
      });
      return `fulfilled ${blocks} block(s) after the request, 200 tipped transactions around it`;
    });
  });

  tracker.check('an Umbral key is registered only by its holder, and flipping keys pays', ms(240_000), async () => {
    // Eve bonds, so that she may register a key at all.
    const minStake = api.consts.staking.minStake.toBigInt();
    await send(api.tx.staking.bond(minStake), accounts.eve);
    await attempt('squatting an honest node\'s Umbral key', async () => {
      const victim = (await api.call.nkmsStakingApi.umbralKey(address('alice'))).unwrap().toHex();
      // Without Alice's node's secret Eve can only sign with a key of her own.
      const own = new umbral.Signer(umbral.SecretKey.random());
      const genesis = (await api.rpc.chain.getBlockHash(0)).toU8a();
      const message = new Uint8Array([...new TextEncoder().encode('nkms/umbral-key'), ...accounts.eve.publicKey, ...genesis]);
      const proof = toHex(own.sign(message).toBEBytes());
      const sent = await submitInBlock(api, api.tx.staking.setUmbralKey(victim, proof), accounts.eve, { timeoutMs: ms(60_000), abortIf: down });
      assert.match(sent.error, /^staking\.InvalidKeyProof/);
      assert.equal((await api.call.nkmsStakingApi.umbralKey(address('alice'))).unwrap().toHex(), victim);
      return 'staking.InvalidKeyProof';
    });
    // Both changes in one session: start right after a rotation.
    const length = (await api.query.staking.sessionLength()).toNumber();
    await waitFor(async () => (await bestNumber(api)) % length === 1, { timeoutMs: ms(120_000), what: 'a new session', abortIf: down });
    await attempt('flipping one\'s own Umbral key', async () => {
      const genesis = (await api.rpc.chain.getBlockHash(0)).toU8a();
      const message = new Uint8Array([...new TextEncoder().encode('nkms/umbral-key'), ...accounts.eve.publicKey, ...genesis]);
      const changes = [];
      for (let i = 0; i < 2; i += 1) {
        const secret = umbral.SecretKey.random();
        const key = toHex(secret.publicKey().toCompressedBytes());
        const proof = toHex(new umbral.Signer(secret).sign(message).toBEBytes());
        const { result, header } = await send(api.tx.staking.setUmbralKey(key, proof), accounts.eve);
        const session = (await (await api.at(header.hash)).query.staking.currentSession()).toNumber();
        changes.push({ paid: eventNames(result).includes('transactionPayment.TransactionFeePaid'), session });
      }
      assert.equal(changes[0].paid, false, 'the first change of a session is free');
      // The second pays, unless a new session began in between.
      assert.equal(changes[1].paid, changes[1].session === changes[0].session, 'a second change in the session pays');
      return 'first change free, second paid';
    });
  });
});
