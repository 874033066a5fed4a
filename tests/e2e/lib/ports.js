// Free TCP ports on the loopback interface.
//
// Ports are picked at random from 20000–32767, below Linux's ephemeral range (32768–60999), so
// that the outgoing connections of the nodes and of the tests do not take them between the moment
// they are found free and the moment a node binds them. Every port handed out by one
// PortReservation is distinct: the reservation holds a listener on each until release().

import net from 'node:net';

const LOW = 20000;
const HIGH = 32767;
const HOST = '127.0.0.1';

function listenOn(port) {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.unref();
    server.once('error', () => resolve(null));
    server.listen({ port, host: HOST, exclusive: true }, () => resolve(server));
  });
}

function closeServer(server) {
  return new Promise((resolve) => server.close(() => resolve()));
}

function randomPort(count) {
  return LOW + Math.floor(Math.random() * (HIGH - LOW - count + 2));
}

/** Reserves ports (single ones or runs of consecutive ones) until release(). */
export class PortReservation {
  #servers = [];
  #ports = new Set();

  /** Tries to hold `port`..`port + count - 1`; true when all of them were free. */
  async #tryRange(base, count) {
    const held = [];
    for (let port = base; port < base + count; port += 1) {
      const server = this.#ports.has(port) ? null : await listenOn(port);
      if (!server) {
        await Promise.all(held.map(closeServer));
        return false;
      }
      held.push(server);
    }
    this.#servers.push(...held);
    for (let port = base; port < base + count; port += 1) this.#ports.add(port);
    return true;
  }

  /** `count` consecutive free ports; returns the first. */
  async range(count, { attempts = 200 } = {}) {
    for (let attempt = 0; attempt < attempts; attempt += 1) {
      const base = randomPort(count);
      if (await this.#tryRange(base, count)) return base;
    }
    throw new Error(`no ${count} consecutive free TCP ports on ${HOST} after ${attempts} attempts`);
  }

  /** One free port. */
  async port() {
    return this.range(1);
  }

  /** `count` free ports, not necessarily consecutive. */
  async ports(count) {
    const ports = [];
    for (let i = 0; i < count; i += 1) ports.push(await this.port());
    return ports;
  }

  /** Frees the ports so the nodes can bind them. */
  async release() {
    const servers = this.#servers;
    this.#servers = [];
    await Promise.all(servers.map(closeServer));
  }
}

/** `count` distinct free loopback ports. */
export async function freePorts(count) {
  const reservation = new PortReservation();
  try {
    return await reservation.ports(count);
  } finally {
    await reservation.release();
  }
}

/** True when nothing accepts connections on 127.0.0.1:`port` (checked within `timeoutMs`). */
export function isPortClosed(port, timeoutMs = 1000) {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host: HOST });
    const done = (closed) => {
      socket.destroy();
      resolve(closed);
    };
    socket.setTimeout(timeoutMs, () => done(true));
    socket.once('connect', () => done(false));
    socket.once('error', () => done(true));
  });
}
