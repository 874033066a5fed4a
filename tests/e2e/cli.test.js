// End-to-end: the `nkms` command-line client against the four-validator `local` network.
//
// Runs the README's walkthrough exactly as written (its sh blocks, with NKMS_URL pointing at the
// network and NODE_URL at a fifth node started here for the new operator), then every other
// subcommand and each error path: node unreachable, unknown and revoked policy, insufficient
// balance, timeout, malformed key and encrypted files, wrong keystore password, a failed call
// named with its pallet error and documentation, and a deadline passed with Dave's node stopped.

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe } from 'node:test';

import { Keyring } from '@polkadot/keyring';

import { REPO_ROOT, requireClientBinary, rpcPortFromLog } from './lib/chain.js';
import { makeTempDir, spawnLogged, stopProcess } from './lib/processes.js';
import { LOCAL_VALIDATORS, startServingNetwork, stopServingNetwork, trackFailures } from './lib/suite.js';
import { ms } from './lib/wait.js';

/** The sh blocks of the README between its walkthrough markers, in order. */
function walkthrough() {
  const readme = fs.readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');
  const [, section] = readme.split('<!-- walkthrough -->');
  const [body] = section.split('<!-- /walkthrough -->');
  return [...body.matchAll(/```sh\n([\s\S]*?)```/g)].map(([, code]) => code).join('\n');
}

/** Runs `command` with `args`; resolves with its exit code and output, bounded by `timeoutMs`. */
function run(command, args, { cwd, env, timeoutMs = ms(180_000) } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (data) => { stdout += data; });
    child.stderr.on('data', (data) => { stderr += data; });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${command} ${args.join(' ')} did not finish within ${timeoutMs} ms:\n${stdout}\n${stderr}`));
    }, timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

describe('the nkms command-line client', { timeout: ms(1_200_000) }, () => {
  let network;
  let cli;
  let work; // the walkthrough's folder
  let env; // what the walkthrough runs with
  let policy; // the walkthrough's (revoked) policy
  const tracker = trackFailures();
  const check = tracker.check;

  /** `nkms args…` in the walkthrough's folder; it must exit with `code`. */
  async function nkms(args, code = 0) {
    const result = await run(cli, args, { cwd: work, env });
    assert.equal(result.code, code, `nkms ${args.join(' ')}: exit ${result.code}\n${result.stdout}${result.stderr}`);
    return result;
  }

  /**
   * `nkms args…` must fail with `code` and one error line matching `message`: the last line of
   * standard error, after any progress lines (`retrieve` reports its progress there).
   */
  async function fails(args, code, message) {
    const { stderr } = await nkms(args, code);
    const lines = stderr.trim().split('\n');
    assert.deepEqual(lines.filter((line) => line.startsWith('nkms: ')), [lines.at(-1)], `one error line, last: ${stderr}`);
    assert.match(lines.at(-1), message);
    return lines.at(-1);
  }

  before(() => tracker.guard(async () => {
    cli = requireClientBinary();
    network = await startServingNetwork('nkms-e2e-cli-', { ownNodes: ['dave'] });
    // The new operator's node: a fresh keystore, unsafe RPC for author_rotateKeysWithOwner.
    const { net } = network;
    const index = LOCAL_VALIDATORS.length;
    const log = path.join(net.netDir, 'operator.log');
    spawnLogged(network.binary, [
      '--chain', 'local', '--validator',
      '--base-path', path.join(net.netDir, 'operator'),
      '--database', 'paritydb',
      '--node-key', String(index + 1).padStart(64, '0'),
      '--listen-addr', `/ip4/127.0.0.1/tcp/${net.p2pBase + index}`,
      '--bootnodes', net.bootnode,
      '--rpc-port', String(net.rpcBase + index),
      '--rpc-methods', 'unsafe',
      '--prometheus-port', String(net.prometheusBase + index),
      '--no-mdns', '--no-telemetry',
    ], { name: 'operator', logFile: log });
    const operatorPort = await rpcPortFromLog(log, { timeoutMs: ms(60_000) });
    const alicePort = await rpcPortFromLog(path.join(net.netDir, 'alice.log'), { timeoutMs: ms(10_000) });
    work = makeTempDir('nkms-e2e-cli-work-');
    env = {
      NKMS_URL: `ws://127.0.0.1:${alicePort}`,
      NODE_URL: `ws://127.0.0.1:${operatorPort}`,
      PATH: `${path.dirname(cli)}:${process.env.PATH}`,
    };
  }), { timeout: ms(400_000) });

  after(() => stopServingNetwork(network ?? {}, tracker.failed), { timeout: ms(120_000) });

  check('every subcommand has --help with an example', ms(60_000), async () => {
    const commands = [
      ['keys', 'generate'], ['keys', 'show'], ['encrypt'], ['decrypt'], ['grant'], ['revoke'], ['extend'],
      ['policies'], ['retrieve'], ['stake', 'bond'], ['stake', 'unbond'], ['stake', 'withdraw'],
      ['stake', 'rebond'], ['stake', 'chill'], ['stake', 'validate'], ['stake', 'set-keys'],
      ['stake', 'status'], ['stake', 'claim'],
    ];
    for (const command of commands) {
      const { stdout } = await nkms([...command, '--help']);
      assert.match(stdout, /Example/, `nkms ${command.join(' ')} --help`);
      assert.match(stdout, /--url/, `nkms ${command.join(' ')} --help`);
    }
  });

  check('the README walkthrough runs as written', ms(420_000), async () => {
    const script = `set -euo pipefail\n${walkthrough()}\necho "POLICY=$POLICY"\n`;
    const result = await run('bash', ['-c', script], { cwd: work, env, timeoutMs: ms(400_000) });
    assert.equal(result.code, 0, `the walkthrough failed:\n${result.stdout}\n${result.stderr}`);
    const text = 'the fox is in the henhouse\n';
    assert.equal(fs.readFileSync(path.join(work, 'for-bob.txt'), 'utf8'), text);
    assert.equal(fs.readFileSync(path.join(work, 'for-alice.txt'), 'utf8'), text);
    assert.ok(!fs.existsSync(path.join(work, 'again.txt')), 'no plaintext after the revocation');
    assert.match(result.stderr, /was revoked/, 'the failed retrieval names the revocation');
    assert.match(result.stdout, /active stake 20000 NKMS/);
    policy = /POLICY=(0x[0-9a-f]{64})/.exec(result.stdout)?.[1];
    assert.ok(policy, 'the walkthrough made a policy');
    for (const name of ['delegating.key', 'signing.key', 'receiving.key']) {
      assert.equal(fs.statSync(path.join(work, 'alice', name)).mode & 0o777, 0o600, name);
    }
  });

  check('the other subcommands: extend, policies as JSON, unbond, rebond, withdraw, chill, validate, claim', ms(300_000), async () => {
    const bobKey = (await nkms(['--key-dir', 'bob', '--field', 'receiving', 'keys', 'show'])).stdout.trim();
    const granted = JSON.parse((await nkms([
      '--key-dir', 'alice', '--suri', '//Eve', '--json', 'grant', '--to', bobKey, '-m', '1', '-n', '2',
      '--duration', '100', '--label', 'cli extend', '--yes',
    ])).stdout);
    const extended = JSON.parse((await nkms(['--suri', '//Eve', '--json', 'extend', granted.policy, '--by', '50'])).stdout);
    assert.equal(extended.expiry, granted.expiry + 50);
    const listed = JSON.parse((await nkms(['--suri', '//Eve', '--json', 'policies'])).stdout).policies;
    const row = listed.find((entry) => entry.policy === granted.policy);
    assert.deepEqual([row.state, row.threshold, row.nodes, row.expiry], ['live', 1, 2, granted.expiry + 50]);
    assert.equal(listed.find((entry) => entry.policy === policy)?.state, 'revoked');

    const operator = ['--suri', '//Ferdie//stash'];
    await nkms([...operator, 'stake', 'unbond', '1000']);
    await nkms([...operator, 'stake', 'rebond', '400']);
    await nkms([...operator, 'stake', 'chill']);
    await nkms([...operator, 'stake', 'validate']);
    const status = JSON.parse((await nkms([...operator, '--json', 'stake', 'status'])).stdout);
    assert.equal(status.active, (19_400n * 10n ** 12n).toString());
    assert.equal(status.unlocking.length, 1);
    assert.equal(status.unlocking[0].value, (600n * 10n ** 12n).toString());
    assert.equal(status.wants_to_validate, true);
    // The unbonding period (7 days) has not passed: the call fails with the pallet's error.
    await fails([...operator, 'stake', 'withdraw'], 4, /^nkms: staking\.\w+: /);

    // A validator claims what its policies owe it.
    const claimed = JSON.parse((await nkms(['--suri', '//Alice', '--json', 'stake', 'claim'])).stdout);
    assert.ok(BigInt(claimed.claimed) >= 0n);
  });

  check('each failure is one line and a non-zero exit code', ms(240_000), async () => {
    await fails(['--url', 'ws://127.0.0.1:9', '--suri', '//Eve', 'policies'], 3, /^nkms: node unreachable at ws:\/\/127\.0\.0\.1:9/);
    const unknown = `0x${'ab'.repeat(32)}`;
    await fails(['--key-dir', 'bob', '--suri', '//Ferdie', 'retrieve', 'secret.txt.nkms', '--policy', unknown, '--output', 'x.txt'], 4, /no policy 0xabab/);
    await fails(['--key-dir', 'bob', '--suri', '//Ferdie', 'retrieve', 'secret.txt.nkms', '--policy', policy, '--output', 'x.txt'], 4, /was revoked/);
    const bobKey = (await nkms(['--key-dir', 'bob', '--field', 'receiving', 'keys', 'show'])).stdout.trim();
    await fails([
      '--key-dir', 'alice', '--suri', '//Eve', 'grant', '--to', bobKey, '-m', '2', '-n', '3', '--duration', '1d',
      '--rate', '1000000', '--yes',
    ], 4, /^nkms: policy\.InsufficientBalance: /);
    await fails(['--suri', '//Nobody', 'stake', 'bond', '20000'], 4, /^nkms: the node refused the transaction: .*(pay|fee|balance)/i);
    await fails(['--suri', '//Eve', 'stake', 'unbond', '1'], 4, /^nkms: staking\.\w+: \S/);
    await fails(['--key-dir', 'nowhere', 'keys', 'show'], 5, /keys generate/);

    // Timed out: a new grant's request, given no time to be answered.
    const live = (await nkms([
      '--key-dir', 'alice', '--suri', '//Eve', '--field', 'policy', 'grant', '--to', bobKey, '-m', '2', '-n', '3',
      '--duration', '1h', '--yes',
    ])).stdout.trim();
    await fails(['--key-dir', 'bob', '--suri', '//Ferdie', 'retrieve', 'secret.txt.nkms', '--policy', live, '--output', 'x.txt', '--timeout', '0'], 4, /--timeout/);

    // Malformed files.
    fs.mkdirSync(path.join(work, 'broken'));
    fs.writeFileSync(path.join(work, 'broken', 'receiving.key'), 'not hex\n');
    await fails(['--key-dir', 'broken', '--suri', '//Ferdie', 'retrieve', 'secret.txt.nkms', '--policy', live, '--output', 'x.txt'], 5, /not a hex key seed/);
    fs.writeFileSync(path.join(work, 'junk.nkms'), 'NKMSENC1 but nothing else');
    await fails(['--key-dir', 'alice', 'decrypt', 'junk.nkms', '--output', 'x.txt'], 5, /not an nkms encrypted file/);
    const altered = fs.readFileSync(path.join(work, 'secret.txt.nkms'));
    altered[altered.length - 1] ^= 1;
    fs.writeFileSync(path.join(work, 'altered.nkms'), altered);
    await fails(['--key-dir', 'alice', 'decrypt', 'altered.nkms', '--output', 'x.txt'], 5, /altered/);
    assert.ok(!fs.existsSync(path.join(work, 'x.txt')), 'no partial plaintext is left');
    await fails(['encrypt', 'secret.txt', '--to', '0x02abcd', '--output', 'x.nkms'], 5, /not an Umbral public key/);

    // A polkadot.js keystore file: the right password signs, a wrong one is named.
    const pair = new Keyring({ type: 'sr25519' }).addFromUri('//Eve');
    fs.writeFileSync(path.join(work, 'eve.json'), JSON.stringify(pair.toJson('correct horse')));
    const listed = JSON.parse((await nkms(['--keystore', 'eve.json', '--password', 'correct horse', '--json', 'policies'])).stdout);
    assert.ok(listed.policies.some((entry) => entry.policy === live));
    await fails(['--keystore', 'eve.json', '--password', 'wrong', 'policies'], 5, /wrong password/);
  });

  check('a retrieval whose nodes are down ends at the request\'s deadline', ms(240_000), async () => {
    const bobKey = (await nkms(['--key-dir', 'bob', '--field', 'receiving', 'keys', 'show'])).stdout.trim();
    const dave = network.accounts.dave.address;
    const policy = (await nkms([
      '--key-dir', 'alice', '--suri', '//Eve', '--field', 'policy', 'grant', '--to', bobKey, '-m', '1', '-n', '1',
      '--nodes', dave, '--duration', '1h', '--yes',
    ])).stdout.trim();
    await stopProcess(network.nodes.dave, { signal: 'SIGINT', graceMs: ms(30_000) });
    await fails(['--key-dir', 'bob', '--suri', '//Ferdie', 'retrieve', 'secret.txt.nkms', '--policy', policy, '--output', 'late.txt'], 4, /the deadline \(block \d+\) passed with 0 verified fragments, 1 needed/);
    assert.ok(!fs.existsSync(path.join(work, 'late.txt')));
  });
});
