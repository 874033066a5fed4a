// Key fragments a hostile data owner makes: they pass umbral-pre's own `KeyFrag.verify`, yet every
// capsule fragment made with them fails the chain's check. Made from umbral-pre's bytes of a key
// fragment (310 bytes of MessagePack, laid out below) with @noble/curves for the curve arithmetic.

import { createHash } from 'node:crypto';

import * as umbral from '@nucypher/umbral-pre';
import { secp256k1 } from '@noble/curves/secp256k1';

/** Where each field's data starts in umbral-pre's bytes of a key fragment (after its bin8 header). */
const AT = { u: 4, id: 39, key: 73, precursor: 107, commitment: 143, signatureForProxy: 178, signatureForReceiver: 244 };
const POINT = 33;
const SCALAR = 32;

function bytesOf(kfrag) {
  const bytes = kfrag.toBytes();
  if (bytes.length !== 310 || bytes[0] !== 0x95 || bytes[AT.signatureForReceiver - 2] !== 0xc4) {
    throw new Error('not umbral-pre\'s bytes of a key fragment');
  }
  return bytes;
}

/** `kfrag` with its signature for the receiver (which `KeyFrag.verify` ignores) over other bytes. */
export function withForgedReceiverSignature(kfrag, signer) {
  const bytes = bytesOf(kfrag);
  bytes.set(signer.sign(new TextEncoder().encode('not this key fragment')).toBEBytes(), AT.signatureForReceiver);
  return umbral.KeyFrag.fromBytes(bytes);
}

/**
 * `kfrag` made over another parameter `u` (a multiple of the generator by a hash of its id), its
 * commitment recomputed and both of Alice's signatures made anew by `signer`: exactly what
 * `generateKFrags` would have made over that `u`.
 */
export function withParameterU(kfrag, signer, delegatingKey, receivingKey) {
  const bytes = bytesOf(kfrag);
  const field = (at, length) => bytes.slice(at, at + length);
  const id = field(AT.id, SCALAR);
  const scalar = (data) => BigInt(`0x${Buffer.from(data).toString('hex')}`) % secp256k1.CURVE.n;
  const u = secp256k1.ProjectivePoint.BASE.multiply(scalar(createHash('sha256').update(id).digest()));
  const commitment = u.multiply(scalar(field(AT.key, SCALAR))).toRawBytes(true);
  bytes.set(u.toRawBytes(true), AT.u);
  bytes.set(commitment, AT.commitment);
  const message = Buffer.concat([
    id, commitment, field(AT.precursor, POINT),
    Buffer.from([1]), delegatingKey.toCompressedBytes(), Buffer.from([1]), receivingKey.toCompressedBytes(),
  ]);
  bytes.set(signer.sign(message).toBEBytes(), AT.signatureForProxy);
  bytes.set(signer.sign(message).toBEBytes(), AT.signatureForReceiver);
  return umbral.KeyFrag.fromBytes(bytes);
}
