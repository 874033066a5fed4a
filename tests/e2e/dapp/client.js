// A dApp's client of NKMS Chain, with @polkadot/api and NuCypher's @nucypher/umbral-pre only:
// Alice grants Bob access, Enrico encrypts for Alice's policy, Bob asks the chain's nodes to
// re-encrypt and decrypts, Alice revokes. docs/dapp.md walks through it; tests/e2e/dapp.test.js
// runs it against the local network.

import * as umbral from '@nucypher/umbral-pre';
import { u8aToHex } from '@polkadot/util';
import { randomAsU8a } from '@polkadot/util-crypto';

/**
 * Signs and sends `tx`; resolves with its events once it is in a block, rejects with
 * `pallet.Error: docs` if it failed. (Byte arguments go as hex strings: polkadot.js reads a
 * Uint8Array given for `Bytes` as already SCALE-encoded.)
 */
export function send(api, tx, signer) {
  return new Promise((resolve, reject) => {
    tx.signAndSend(signer, ({ status, events, dispatchError }) => {
      if (!status.isInBlock) return;
      if (!dispatchError) return resolve(events);
      if (!dispatchError.isModule) return reject(new Error(dispatchError.toString()));
      const { section, name, docs } = api.registry.findMetaError(dispatchError.asModule);
      reject(new Error(`${section}.${name}: ${docs.join(' ')}`));
    }).catch(reject);
  });
}

/** The data of the event `section.method` among `events`. */
function eventData(events, section, method) {
  const record = events.find(({ event }) => event.section === section && event.method === method);
  if (!record) throw new Error(`no ${section}.${method} event`);
  return record.event.data;
}

/**
 * The id of a key fragment, which the chain binds to the node that holds it. umbral-pre's
 * MessagePack of a key fragment is an array of five fields: its parameters (`[u]`, 36 bytes),
 * then the id as a `bin8` of 32 bytes.
 */
export function kfragId(kfrag) {
  const bytes = kfrag.toBytes();
  if (bytes[0] !== 0x95 || bytes[37] !== 0xc4 || bytes[38] !== 0x20) throw new Error('not a key fragment');
  return bytes.slice(39, 71);
}

/**
 * Alice grants the holder of `bobKey` (an Umbral public key) `threshold`-of-`shares` access for
 * `blocks` blocks, over nodes the chain draws by stake, and lets only `bobAccount` ask for
 * re-encryption. Returns the policy's id and Alice's Umbral secrets.
 */
export async function grant(api, alice, { bobKey, bobAccount, threshold, shares, blocks, label }) {
  const delegating = umbral.SecretKey.random();
  const signing = umbral.SecretKey.random();
  const nodes = (await api.call.nkmsStakingApi.sampleNodes(u8aToHex(randomAsU8a(32)), shares)).asOk.map(String);
  const kfrags = umbral.generateKFrags(delegating, bobKey, new umbral.Signer(signing), threshold, shares, true, true);
  // Every node must take a policy this long (a node may set the longest it takes).
  for (const node of nodes) {
    const longest = await api.query.policy.maxDurations(node);
    if (longest.isSome && longest.unwrap()[0].toNumber() < blocks) throw new Error(`node ${node} takes policies of at most ${longest.unwrap()[0]} blocks`);
  }
  let rate = (await api.query.policy.feeRates()).min.toBigInt();
  const policyShares = [];
  for (const [i, node] of nodes.entries()) {
    const nodeMinimum = await api.query.policy.minFeeRates(node);
    if (nodeMinimum.isSome && nodeMinimum.unwrap()[0].toBigInt() > rate) rate = nodeMinimum.unwrap()[0].toBigInt();
    // Each key fragment is encrypted to its node's Umbral key: only that node can read it.
    const nodeKey = umbral.PublicKey.fromCompressedBytes((await api.call.nkmsStakingApi.umbralKey(node)).unwrap().toU8a());
    const [capsule, ciphertext] = umbral.encrypt(nodeKey, kfrags[i].toBytes());
    policyShares.push({
      node,
      kfragId: u8aToHex(kfragId(kfrags[i])),
      kfrag: { capsule: u8aToHex(capsule.toBytes()), ciphertext: u8aToHex(ciphertext) },
    });
  }
  const keys = {
    receiving: u8aToHex(bobKey.toCompressedBytes()),
    delegating: u8aToHex(delegating.publicKey().toCompressedBytes()),
    verifying: u8aToHex(signing.publicKey().toCompressedBytes()),
  };
  const expiry = (await api.rpc.chain.getHeader()).number.toNumber() + blocks;
  const events = await send(
    api,
    api.tx.policy.createPolicy(label, keys, threshold, policyShares, expiry, rate, bobAccount),
    alice,
  );
  const policyId = eventData(events, 'policy', 'PolicyCreated').id.toHex();
  await waitUntilLive(api, policyId);
  return { policyId, delegating, signing };
}

/**
 * Waits (polling) until `threshold` of the policy's nodes have checked their key fragments and
 * accepted it: only a live policy serves requests. Fails if too many nodes declined or stayed
 * silent in the acceptance window.
 */
export async function waitUntilLive(api, policyId) {
  for (;;) {
    const { state, nodes } = (await api.call.nkmsPolicyApi.policy(policyId)).unwrap();
    if (state.isLive) return;
    if (!state.isPending) {
      throw new Error(`policy ${policyId} is ${state.type}: ${nodes.filter((node) => node.status.isAccepted).length} nodes accepted`);
    }
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
}

/** Enrico encrypts `plaintext` for Alice's policy, knowing only her delegating public key. */
export function encrypt(delegatingKey, plaintext) {
  const [capsule, ciphertext] = umbral.encrypt(delegatingKey, plaintext);
  return { capsule, ciphertext };
}

/** Bob asks the policy's nodes to re-encrypt `capsules`; returns the request's id. */
export async function requestReencryption(api, bob, policyId, capsules) {
  const tx = api.tx.reencryption.requestReencryption(policyId, capsules.map((capsule) => u8aToHex(capsule.toBytes())));
  const events = await send(api, tx, bob);
  return eventData(events, 'reencryption', 'ReencryptionRequested').id.toNumber();
}

/** Waits (polling each block's time) until request `id` is fulfilled; fails at its deadline. */
export async function waitUntilFulfilled(api, id) {
  for (;;) {
    const request = (await api.call.nkmsReencryptionApi.request(id)).unwrap();
    if (request.status.isFulfilled) return request;
    if (!request.status.isPending) throw new Error(`request ${id} is ${request.status.type}`);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
}

/**
 * Bob decrypts the messages of a fulfilled request: for each capsule, the verified fragments on
 * chain, each checked again with umbral-pre, opened with his secret key.
 */
export async function decrypt(api, id, { bobSecret, delegatingKey, verifyingKey, threshold }, sealed) {
  const { fragments } = (await api.call.nkmsReencryptionApi.request(id)).unwrap();
  return sealed.map(({ capsule, ciphertext }, i) => {
    const verified = fragments[i].slice(0, threshold).map(([, bytes]) =>
      umbral.CapsuleFrag.fromBytes(bytes.toU8a(true)).verify(capsule, verifyingKey, delegatingKey, bobSecret.publicKey()));
    return umbral.decryptReencrypted(bobSecret, delegatingKey, capsule, verified, ciphertext);
  });
}

/** Alice revokes her policy: the nodes stop serving it at once and the unused fees come back. */
export async function revoke(api, alice, policyId) {
  const events = await send(api, api.tx.policy.revokePolicy(policyId), alice);
  return eventData(events, 'policy', 'PolicyRevoked');
}
