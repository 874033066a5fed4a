// Alice's part of a grant with NuCypher's @nucypher/umbral-pre: the shares of policy.createPolicy.

import * as umbral from '@nucypher/umbral-pre';

import { toHex } from './chain.js';

/**
 * The id of a key fragment. The package has no getter for it; umbral-pre's MessagePack of a key
 * fragment is an array of five fields, the first its parameters (`[u]`, 36 bytes), the second the
 * id as a `bin8` of 32 bytes.
 */
export function kfragId(kfrag) {
  const bytes = kfrag.toBytes();
  if (bytes[0] !== 0x95 || bytes[1] !== 0x91 || bytes[37] !== 0xc4 || bytes[38] !== 0x20) {
    throw new Error('not umbral-pre\'s bytes of a key fragment');
  }
  return bytes.slice(39, 71);
}

/**
 * One share of policy.createPolicy: `node`, the id of its key fragment, and the fragment encrypted
 * to the node's registered Umbral key. Byte fields go as hex: polkadot.js reads a Uint8Array given
 * for `Bytes` as already SCALE-encoded.
 */
export async function share(api, node, kfrag) {
  const nodeKey = (await api.call.nkmsStakingApi.umbralKey(node)).unwrap().toU8a();
  const [capsule, ciphertext] = umbral.encrypt(umbral.PublicKey.fromCompressedBytes(nodeKey), kfrag.toBytes());
  return {
    node,
    kfragId: toHex(kfragId(kfrag)),
    kfrag: { capsule: toHex(capsule.toBytes()), ciphertext: toHex(ciphertext) },
  };
}

/** The `umbralKeys` of policy.createPolicy: Bob's receiving key, Alice's delegating and verifying keys. */
export function policyKeys(reader, delegating, signing) {
  return {
    receiving: reader.publicKey().toCompressedBytes(),
    delegating: delegating.publicKey().toCompressedBytes(),
    verifying: signing.publicKey().toCompressedBytes(),
  };
}
