import net from 'node:net';

export type ProxyMode = 'forward' | 'hang' | 'refuse';

/**
 * A TCP stand-in for a service that can be made to hang (connections accepted, nothing
 * answered: a frozen process) or refuse (a dead one), and forward again. Switching mode
 * drops the connections open, as the real failure would.
 */
export async function serviceProxy(target: string): Promise<{ url: string; set(mode: ProxyMode): void; close(): Promise<void> }> {
  const { hostname, port, pathname } = new URL(target);
  let mode: ProxyMode = 'forward';
  const open = new Set<net.Socket>();
  const server = net.createServer((client) => {
    open.add(client);
    client.once('close', () => open.delete(client));
    client.on('error', () => undefined);
    if (mode === 'refuse') return client.destroy();
    if (mode === 'hang') return;
    const upstream = net.connect(Number(port), hostname);
    open.add(upstream);
    upstream.once('close', () => open.delete(upstream));
    upstream.on('error', () => client.destroy());
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as net.AddressInfo).port}${pathname}`,
    set(next) {
      mode = next;
      for (const socket of open) socket.destroy();
    },
    async close() {
      for (const socket of open) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
