import { createConnection, createServer, Server, Socket } from 'net';

/**
 * A TCP proxy in front of a shared server (the run's database), so a test can cut one app's or
 * one connection's line to it, as a failover does, without stopping the server for everyone.
 * Down, it drops every open connection and every new one at once (the port stays taken).
 */
export class TcpProxy {
  private server?: Server;
  private readonly open = new Set<Socket>();
  private up = true;
  port = 0;

  constructor(
    private readonly targetHost: string,
    private readonly targetPort: number,
  ) {}

  /** A proxy to the host and port of a `mongodb://host:port/...` address. */
  static forMongoUri(uri: string): TcpProxy {
    const { hostname, port } = new URL(uri);
    return new TcpProxy(hostname, Number(port || 27017));
  }

  async start(): Promise<this> {
    this.server = createServer((client) => {
      if (!this.up) {
        client.destroy();
        return;
      }
      const upstream = createConnection({ host: this.targetHost, port: this.targetPort });
      for (const [a, b] of [
        [client, upstream],
        [upstream, client],
      ]) {
        this.open.add(a);
        a.pipe(b);
        a.on('error', () => b.destroy());
        a.on('close', () => {
          this.open.delete(a);
          b.destroy();
        });
      }
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as { port: number }).port;
    return this;
  }

  /** The same address with this proxy's host and port. */
  uriFor(uri: string): string {
    const url = new URL(uri);
    url.hostname = '127.0.0.1';
    url.port = String(this.port);
    return url.toString();
  }

  /** Drops every connection and refuses new ones until `restore()`. */
  cut(): void {
    this.up = false;
    for (const socket of this.open) socket.destroy();
  }

  restore(): void {
    this.up = true;
  }

  async stop(): Promise<void> {
    this.cut();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
