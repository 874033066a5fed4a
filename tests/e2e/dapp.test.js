// End-to-end: the dApp path of docs/dapp.md on the four-validator `local` network. Alice (Eve's
// account), Enrico and Bob (Ferdie's account) do their part with e2e/dapp/client.js, which uses
// @polkadot/api and @nucypher/umbral-pre only: grant over nodes the chain draws, encrypt, request,
// decrypt, revoke.

import assert from 'node:assert/strict';
import { after, before, describe } from 'node:test';

import * as umbral from '@nucypher/umbral-pre';
import { u8aToHex } from '@polkadot/util';

import { decrypt, encrypt, grant, requestReencryption, revoke, send, waitUntilFulfilled } from './dapp/client.js';
import { startServingNetwork, stopServingNetwork, trackFailures } from './lib/suite.js';
import { ms, withTimeout } from './lib/wait.js';

const MESSAGES = ['meet me at the lighthouse', 'bring the blue notebook'];

describe('a dApp with @polkadot/api and @nucypher/umbral-pre alone', { timeout: ms(600_000) }, () => {
  let network;
  const tracker = trackFailures();

  before(() => tracker.guard(async () => {
    network = await startServingNetwork('nkms-e2e-dapp-');
  }), { timeout: ms(300_000) });

  after(() => stopServingNetwork(network ?? {}, tracker.failed), { timeout: ms(120_000) });

  tracker.check('Alice grants, Enrico encrypts, Bob decrypts, and after Alice revokes nothing more', ms(240_000), async () => {
    const { api, accounts } = network;
    const [alice, bob] = [accounts.eve, accounts.ferdie];
    const bobSecret = umbral.SecretKey.random();

    const policy = await grant(api, alice, {
      bobKey: bobSecret.publicKey(),
      bobAccount: bob.address,
      threshold: 2,
      shares: 3,
      blocks: 600,
      label: 'dapp guide',
    });
    const delegatingKey = policy.delegating.publicKey();
    const sealed = MESSAGES.map((text) => encrypt(delegatingKey, new TextEncoder().encode(text)));

    const id = await requestReencryption(api, bob, policy.policyId, sealed.map(({ capsule }) => capsule));
    await withTimeout(waitUntilFulfilled(api, id), ms(60_000), `request ${id} to be fulfilled`);
    const plaintexts = await decrypt(api, id, {
      bobSecret,
      delegatingKey,
      verifyingKey: policy.signing.publicKey(),
      threshold: 2,
    }, sealed);
    assert.deepEqual(plaintexts.map((bytes) => new TextDecoder().decode(bytes)), MESSAGES);

    const revoked = await revoke(api, alice, policy.policyId);
    assert.ok(revoked.refund.toBigInt() > 0n, 'the unused fees came back');
    await assert.rejects(
      requestReencryption(api, bob, policy.policyId, [sealed[0].capsule]),
      /^Error: reencryption\.PolicyNotLive/,
    );
    // Only Bob may ask under the policy: a revoked one refuses him first; a live one others.
    const other = await grant(api, alice, {
      bobKey: bobSecret.publicKey(), bobAccount: bob.address, threshold: 1, shares: 1, blocks: 100, label: 'dapp guide 2',
    });
    await assert.rejects(
      send(api, api.tx.reencryption.requestReencryption(other.policyId, [u8aToHex(sealed[0].capsule.toBytes())]), alice),
      /^Error: reencryption\.RequesterNotAllowed/,
    );
  });
});
