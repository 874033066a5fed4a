// End-to-end: the `--dev` chain (one validator, Alice) of the real nkms-node binary.
//
// Starts the node on free loopback ports with a temporary base path, then checks that it
// finalizes blocks, that its off-chain worker registers Alice's Umbral key, that it declares the
// NKMS token, serves metadata, runtime APIs, fee queries and Prometheus metrics, and that a
// balance transfer moves exactly the amount and charges the fee.

import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';

import {
  TOKEN,
  auraSlot,
  connectApi,
  describeDispatchError,
  devAccounts,
  disconnectAll,
  eventNames,
  finalizedNumber,
  prometheusPortFromLog,
  rawRpc,
  requireNodeBinary,
  rpcPortFromLog,
  signAndWaitInBlock,
} from './lib/chain.js';
import { PortReservation } from './lib/ports.js';
import { cleanupAll, exitReason, makeTempDir, printLogTails, spawnLogged } from './lib/processes.js';
import { trackFailures } from './lib/suite.js';
import { ms, waitFor, withTimeout } from './lib/wait.js';

/** 12.345 NKMS in planck (12 decimals). */
const AMOUNT = 12_345_000_000_000n;

describe('nkms-node --dev', { timeout: ms(300_000) }, () => {
  let node;
  let api;
  let accounts;
  let metricsUrl;
  const tracker = trackFailures();
  /** Each check has two minutes. */
  const check = (name, fn) => tracker.check(name, ms(120_000), fn);

  before(() => tracker.guard(async () => {
    const binary = requireNodeBinary();
    const dir = makeTempDir('nkms-e2e-dev-');
    const reservation = new PortReservation();
    const [p2pPort, rpcPort, prometheusPort] = await reservation.ports(3);
    await reservation.release();

    node = spawnLogged(
      binary,
      [
        '--dev',
        '--base-path', path.join(dir, 'data'),
        '--database', 'paritydb',
        '--listen-addr', `/ip4/127.0.0.1/tcp/${p2pPort}`,
        '--rpc-port', String(rpcPort),
        '--prometheus-port', String(prometheusPort),
        '--no-telemetry',
        '--no-mdns',
      ],
      { name: 'nkms-node --dev', logFile: path.join(dir, 'node.log') },
    );

    const startup = { timeoutMs: ms(90_000), process: node };
    const actualRpcPort = await rpcPortFromLog(node.logFile, startup);
    const actualPrometheusPort = await prometheusPortFromLog(node.logFile, startup);
    metricsUrl = `http://127.0.0.1:${actualPrometheusPort}/metrics`;
    api = await connectApi(`ws://127.0.0.1:${actualRpcPort}`, {
      timeoutMs: ms(60_000),
      abortIf: () => exitReason(node),
    });
    accounts = await devAccounts();
  }), { timeout: ms(180_000) });

  after(async () => {
    await disconnectAll([api]);
    if (tracker.failed && node) printLogTails([node.logFile], 80);
    await cleanupAll();
  }, { timeout: ms(60_000) });

  /** Fails at once, with the reason, when the node is gone. */
  const nodeDied = () => (node ? exitReason(node) : 'the node was not started');

  check('finalizes a block', async () => {
    const number = await waitFor(async () => {
      const finalized = await finalizedNumber(api);
      return finalized >= 1 ? finalized : 0;
    }, {
      timeoutMs: ms(90_000),
      intervalMs: 1_000,
      what: 'a finalized block with number >= 1',
      abortIf: nodeDied,
    });
    assert.ok(number >= 1, `finalized #${number}`);

    const hash = await api.rpc.chain.getFinalizedHead();
    const header = await api.rpc.chain.getHeader(hash);
    assert.ok(auraSlot(header) > 0n, 'finalized blocks carry an Aura slot');
  });

  // Before the transfer: Alice's nkms key is her account, so her node's transaction comes first.
  check("Alice's node registers an Umbral key of its own", async () => {
    await waitFor(async () => (await api.call.nkmsStakingApi.umbralKey(accounts.alice.address)).isSome, {
      timeoutMs: ms(60_000),
      intervalMs: 1_000,
      what: "Alice's Umbral key",
      abortIf: nodeDied,
    });
    const key = (await api.call.nkmsStakingApi.umbralKey(accounts.alice.address)).unwrap();
    assert.equal(key.toU8a(true).length, 33);
  });

  check('declares the NKMS token: symbol, 12 decimals, SS58 prefix 42', async () => {
    assert.deepEqual(api.registry.chainTokens, [TOKEN.symbol]);
    assert.deepEqual(api.registry.chainDecimals, [TOKEN.decimals]);
    assert.equal(api.registry.chainSS58, TOKEN.ss58Format);

    const properties = await api.rpc.system.properties();
    assert.equal(properties.ss58Format.unwrap().toNumber(), TOKEN.ss58Format);
    assert.deepEqual(properties.tokenDecimals.unwrap().map((d) => d.toNumber()), [TOKEN.decimals]);
    assert.deepEqual(properties.tokenSymbol.unwrap().map((s) => s.toString()), [TOKEN.symbol]);

    // The chain spec's raw JSON, as wallets read it.
    const raw = await rawRpc(api, 'system_properties');
    assert.equal(raw.tokenSymbol, TOKEN.symbol);
    assert.equal(raw.tokenDecimals, TOKEN.decimals);
    assert.equal(raw.ss58Format, TOKEN.ss58Format);

    // The runtime agrees with the chain spec.
    assert.equal(api.consts.system.ss58Prefix.toNumber(), TOKEN.ss58Format);
    assert.equal(accounts.alice.address, '5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY');
  });

  check('serves metadata and runtime APIs', async () => {
    await withTimeout(api.isReady, ms(10_000), 'api.isReady');
    assert.ok(api.isConnected);

    const metadata = await api.rpc.state.getMetadata();
    assert.ok(metadata.version >= 14, `metadata v${metadata.version}`);
    const pallets = metadata.asLatest.pallets.map((p) => p.name.toString());
    for (const pallet of ['System', 'Timestamp', 'Aura', 'Grandpa', 'Balances', 'TransactionPayment', 'Sudo']) {
      assert.ok(pallets.includes(pallet), `pallet ${pallet} in the metadata (${pallets.join(', ')})`);
    }

    // The transaction extensions include CheckMetadataHash (that @polkadot/api builds them all
    // correctly is shown by the transfer below being accepted).
    const names = metadata.asLatest.extrinsic.transactionExtensions.map((e) => e.identifier.toString());
    assert.ok(names.includes('CheckMetadataHash'), `CheckMetadataHash in ${names.join(', ')}`);
    assert.deepEqual([...api.registry.signedExtensions].sort(), [...names].sort());

    // Runtime APIs called through state_call.
    const version = await api.call.core.version();
    assert.equal(version.specName.toString(), api.runtimeVersion.specName.toString());
    const versions = (await api.call.metadata.metadataVersions()).map((v) => v.toNumber());
    assert.ok(versions.includes(14) && versions.includes(15), `metadata versions ${versions}`);

    const authorities = await api.query.aura.authorities();
    assert.deepEqual(authorities.map((k) => k.toHex()), [`0x${Buffer.from(accounts.alice.publicKey).toString('hex')}`]);
  });

  check('serves Prometheus metrics', async () => {
    const response = await fetch(metricsUrl, { signal: AbortSignal.timeout(ms(10_000)) });
    assert.equal(response.status, 200);
    const text = await response.text();
    assert.match(text, /^substrate_block_height\{/m, 'substrate_block_height is exported');
  });

  check('quotes transaction fees (runtime API and payment_queryInfo RPC)', async () => {
    const { alice, bob } = accounts;
    const tx = await api.tx.balances.transferKeepAlive(bob.address, AMOUNT).signAsync(alice);
    const at = await api.rpc.chain.getFinalizedHead();

    const apiAt = await api.at(at);
    // The runtime API takes the extrinsic's SCALE bytes (as @polkadot/api's paymentInfo passes them).
    const info = await apiAt.call.transactionPaymentApi.queryInfo(tx.toU8a(), tx.encodedLength);
    const fee = info.partialFee.toBigInt();
    assert.ok(fee > 0n, `partial fee ${fee}`);
    assert.ok(info.weight.refTime.toBigInt() > 0n, 'the transfer has a weight');
    assert.equal(info.class.toString(), 'Normal');

    const rpcInfo = await rawRpc(api, 'payment_queryInfo', [tx.toHex(), at.toHex()]);
    assert.equal(BigInt(String(rpcInfo.partialFee)), fee, 'the RPC and the runtime API quote the same fee');

    // The helper wallets use, on the best block.
    const paymentInfo = await api.tx.balances.transferKeepAlive(bob.address, AMOUNT).paymentInfo(alice);
    assert.ok(paymentInfo.partialFee.toBigInt() > 0n);
  });

  check('transfers 12.345 NKMS from Alice to Bob, charging the fee to Alice', async () => {
    const { alice, bob } = accounts;
    const result = await signAndWaitInBlock(
      api.tx.balances.transferKeepAlive(bob.address, AMOUNT),
      alice,
      { timeoutMs: ms(60_000), abortIf: nodeDied },
    );
    assert.equal(result.dispatchError, undefined, `dispatch error: ${describeDispatchError(result.dispatchError)}`);
    assert.ok(result.findRecord('system', 'ExtrinsicSuccess'), 'ExtrinsicSuccess event');

    const transfer = result.findRecord('balances', 'Transfer');
    assert.ok(transfer, `a balances.Transfer event among ${eventNames(result)}`);
    assert.equal(transfer.event.data.from.toString(), alice.address);
    assert.equal(transfer.event.data.to.toString(), bob.address);
    assert.equal(transfer.event.data.amount.toBigInt(), AMOUNT);

    const feePaid = result.findRecord('transactionPayment', 'TransactionFeePaid');
    assert.ok(feePaid, `a transactionPayment.TransactionFeePaid event among ${eventNames(result)}`);
    assert.equal(feePaid.event.data.who.toString(), alice.address);
    const fee = feePaid.event.data.actualFee.toBigInt();
    assert.ok(fee > 0n, `fee ${fee}`);

    // Balances just before and just after the block that included the transfer.
    const blockHash = result.status.asInBlock;
    const header = await api.rpc.chain.getHeader(blockHash);
    const [before, after] = await Promise.all([api.at(header.parentHash), api.at(blockHash)]);
    const free = async (apiAt, who) => (await apiAt.query.system.account(who)).data.free.toBigInt();
    const [aliceBefore, aliceAfter, bobBefore, bobAfter] = await Promise.all([
      free(before, alice.address),
      free(after, alice.address),
      free(before, bob.address),
      free(after, bob.address),
    ]);
    assert.equal(bobAfter - bobBefore, AMOUNT, "Bob's free balance grows by exactly the amount");
    assert.equal(aliceBefore - aliceAfter, AMOUNT + fee, "Alice's free balance drops by the amount plus the fee");
  });
});
