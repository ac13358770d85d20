import { createServer } from 'net';

// Below Linux's ephemeral range (32768-60999): a port the kernel hands out with
// listen(0) is also what it hands to outgoing connections, so a test that picks
// one, closes it and starts an app on it later can find it taken by a Kafka or
// database client in the meantime (EADDRINUSE).
const LOW = 20000;
const HIGH = 32000;
const taken = new Set<number>();

function canListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/** A free TCP port on 127.0.0.1 for an app a test starts; never the same one twice in a test file. */
export function freePort(): Promise<number> {
  return freePortRange(1);
}

/** The first of `count` free consecutive ports (a launcher's port base); never the same ones twice in a test file. */
export async function freePortRange(count: number): Promise<number> {
  for (let attempt = 0; attempt < 200; attempt++) {
    const first = LOW + Math.floor(Math.random() * (HIGH - LOW - count));
    const ports = Array.from({ length: count }, (_, i) => first + i);
    if (ports.some((port) => taken.has(port)) || !(await Promise.all(ports.map(canListen))).every(Boolean)) continue;
    ports.forEach((port) => taken.add(port));
    return first;
  }
  throw new Error(`no ${count} free consecutive ports between ${LOW} and ${HIGH}`);
}
