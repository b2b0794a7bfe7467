import net from 'node:net';
import type { AddressInfo } from 'node:net';

export interface TcpProxy {
  /** `target` with its host and port pointed at the proxy. */
  url: string;
  /**
   * The connections open now stop carrying bytes either way, and stay open:
   * what a vanished host or a forgetful NAT looks like from both ends.
   * Connections made afterwards work.
   */
  silence(): void;
  close(): Promise<void>;
}

/** A TCP proxy in front of the server of `target` (a postgres:// URL), for fault tests. */
export async function startTcpProxy(target: string): Promise<TcpProxy> {
  const upstream = new URL(target);
  const open = new Set<{ client: net.Socket; server: net.Socket; silent: boolean }>();

  const proxy = net.createServer((client) => {
    const server = net.connect(Number(upstream.port || 5432), upstream.hostname);
    const pair = { client, server, silent: false };
    open.add(pair);

    client.on('data', (chunk) => pair.silent || server.write(chunk));
    server.on('data', (chunk) => pair.silent || client.write(chunk));
    const end = () => {
      open.delete(pair);
      client.destroy();
      server.destroy();
    };
    client.on('close', end).on('error', end);
    server.on('close', end).on('error', end);
  });

  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  const url = new URL(target);
  url.hostname = '127.0.0.1';
  url.port = String((proxy.address() as AddressInfo).port);

  return {
    url: url.toString(),
    silence: () => open.forEach((pair) => (pair.silent = true)),
    close: () =>
      new Promise<void>((resolve) => {
        open.forEach(({ client, server }) => (client.destroy(), server.destroy()));
        proxy.close(() => resolve());
      }),
  };
}
