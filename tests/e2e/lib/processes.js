// Spawned processes and temporary folders of the end-to-end tests, and their cleanup.
//
// Every process is spawned in its own process group (`detached: true`), so that stopping it
// stops whatever it started too (the local-testnet script's three nodes): the group gets SIGINT,
// then SIGKILL after a grace period. Everything spawned or created here is tracked; cleanupAll()
// stops and removes it (call it from the test's `after` hook), and a last-resort handler does the
// same synchronously when the test process exits or is told to stop (SIGINT, SIGTERM, SIGHUP).
//
// NKMS_E2E_KEEP=1 keeps the temporary folders (chain data and logs) for inspection.

import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { sleep, withTimeout } from './wait.js';

const KEEP = /^(1|true|yes)$/i.test(process.env.NKMS_E2E_KEEP ?? '');

const processes = new Set();
const tempDirs = new Set();

/** A fresh folder under the system's temporary folder, removed by cleanupAll(). */
export function makeTempDir(prefix = 'nkms-e2e-') {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  tempDirs.add(dir);
  return dir;
}

/**
 * Whether any live (non-zombie) process is in process group `pgid`. Reads /proc (Linux); falls
 * back to kill(-pgid, 0) elsewhere. Zombies do not count: an orphaned node that has exited but is
 * not reaped yet (as happens under a container's PID 1) is stopped as far as we are concerned.
 */
export function groupAlive(pgid) {
  let entries;
  try {
    entries = fs.readdirSync('/proc');
  } catch {
    try {
      process.kill(-pgid, 0);
      return true;
    } catch (error) {
      return error.code === 'EPERM';
    }
  }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    let stat;
    try {
      stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue; // exited meanwhile
    }
    // pid (comm) state ppid pgrp ...; comm may contain spaces and parentheses.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const [state, , pgrp] = fields;
    if (Number(pgrp) === pgid && state !== 'Z' && state !== 'X') return true;
  }
  return false;
}

function signalGroup(pgid, signal) {
  try {
    process.kill(-pgid, signal);
    return true;
  } catch {
    return false;
  }
}

/**
 * Spawns `command` with `args` in a new process group, its stdout and stderr appended to
 * `logFile`. Returns a handle: { name, pid, child, logFile, exited, exitCode, signal, exit }
 * where `exit` is a promise settled when the process exits (never rejects).
 */
export function spawnLogged(command, args, { name = path.basename(command), logFile, env, cwd } = {}) {
  if (!logFile) throw new Error('spawnLogged needs a logFile');
  fs.mkdirSync(path.dirname(logFile), { recursive: true });
  const fd = fs.openSync(logFile, 'a');
  fs.writeSync(fd, `# ${new Date().toISOString()} spawn: ${[command, ...args].join(' ')}\n`);
  let child;
  try {
    child = spawn(command, args, {
      cwd,
      env: { ...process.env, ...env },
      stdio: ['ignore', fd, fd],
      detached: true,
    });
  } finally {
    fs.closeSync(fd); // the child holds its own copy
  }
  const handle = {
    name,
    command,
    args,
    child,
    pid: child.pid,
    logFile,
    exited: false,
    exitCode: null,
    signal: null,
    spawnError: null,
    exit: null,
  };
  handle.exit = new Promise((resolve) => {
    child.once('error', (error) => {
      handle.spawnError = error;
      handle.exited = true;
      resolve(handle);
    });
    child.once('exit', (code, signal) => {
      handle.exited = true;
      handle.exitCode = code;
      handle.signal = signal;
      resolve(handle);
    });
  });
  processes.add(handle);
  return handle;
}

/** Why a spawned process is no longer running ('' while it runs). */
export function exitReason(handle) {
  if (!handle.exited) return '';
  if (handle.spawnError) return `${handle.name} could not be started: ${handle.spawnError.message}`;
  return handle.signal
    ? `${handle.name} was killed by ${handle.signal}`
    : `${handle.name} exited with code ${handle.exitCode}`;
}

/**
 * Stops the process group of `handle`: `signal` (SIGINT) first, SIGKILL after `graceMs`, and
 * waits (bounded) until no process of the group is left. Returns the handle.
 */
export async function stopProcess(handle, { signal = 'SIGINT', graceMs = 10_000 } = {}) {
  const pgid = handle.pid;
  if (pgid === undefined) return handle; // never started
  const gone = async (timeoutMs) => {
    const deadline = performance.now() + timeoutMs;
    while (performance.now() < deadline) {
      if (handle.exited && !groupAlive(pgid)) return true;
      await sleep(100);
    }
    return handle.exited && !groupAlive(pgid);
  };
  if (!(handle.exited && !groupAlive(pgid))) {
    signalGroup(pgid, signal);
    if (!(await gone(graceMs))) {
      signalGroup(pgid, 'SIGKILL');
      await gone(5_000);
    }
  }
  await withTimeout(handle.exit, 1_000, `${handle.name} to exit`).catch(() => {});
  processes.delete(handle);
  return handle;
}

/** The last `lines` lines of a text file ('' when it cannot be read). */
export function tailFile(file, lines = 60) {
  try {
    const size = fs.statSync(file).size;
    const length = Math.min(size, 256 * 1024);
    const buffer = Buffer.alloc(length);
    const fd = fs.openSync(file, 'r');
    try {
      fs.readSync(fd, buffer, 0, length, size - length);
    } finally {
      fs.closeSync(fd);
    }
    return buffer.toString('utf8').split('\n').slice(-lines - 1).join('\n');
  } catch {
    return '';
  }
}

/** Prints the tail of each log file to stderr (shown by the test runner). */
export function printLogTails(files, lines = 60) {
  for (const file of files) {
    const tail = tailFile(file, lines);
    console.error(`\n----- last ${lines} lines of ${file} -----\n${tail || '(empty or missing)'}\n----- end of ${file} -----`);
  }
}

/** Stops every tracked process (in parallel) and removes the temporary folders. */
export async function cleanupAll({ graceMs = 10_000 } = {}) {
  await Promise.all([...processes].map((handle) => stopProcess(handle, { graceMs })));
  removeTempDirs();
}

function removeTempDirs() {
  for (const dir of tempDirs) {
    if (KEEP) {
      console.error(`NKMS_E2E_KEEP: kept ${dir}`);
    } else {
      try {
        fs.rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
      } catch (error) {
        console.error(`could not remove ${dir}: ${error.message}`);
      }
    }
  }
  tempDirs.clear();
}

// Last resort, synchronous: kill what is left and remove the folders when the test process ends
// without having run cleanupAll() (a crash, a cancelled test, the runner's SIGTERM, Ctrl-C).
function emergencyCleanup() {
  for (const handle of processes) {
    if (handle.pid !== undefined) signalGroup(handle.pid, 'SIGKILL');
  }
  processes.clear();
  removeTempDirs();
}

process.once('exit', emergencyCleanup);
for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143], ['SIGHUP', 129]]) {
  process.once(signal, () => {
    console.error(`received ${signal}: killing the spawned nodes`);
    emergencyCleanup();
    process.exit(code);
  });
}
