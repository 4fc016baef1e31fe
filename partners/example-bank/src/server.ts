import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer, HeaderMap } from '@apollo/server';
import { bankSchema, type BankContext, type Subsidy } from './schema';
import { Unverified, verifyGatewayToken } from './verify';

export interface BankOptions {
  /** the partner's name in the graph's registry: the audience of the gateway's tokens */
  name: string;
  /** the secret the program office handed the bank (`npm run partner -- secret <name>`) */
  secret: string;
  host?: string;
  port?: number;
  subsidies?: Subsidy[];
}

const MAX_BODY_BYTES = 256 * 1024;

/** The bank's GraphQL service: node:http, Apollo Server, and the gateway's token checked on every request. */
export async function startBank(options: BankOptions): Promise<{ url: string; stop(): Promise<void> }> {
  const apollo = new ApolloServer<BankContext>({ schema: bankSchema(options.subsidies), introspection: false });
  await apollo.start();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    req.on('end', async () => {
      const send = (status: number, body: string, headers: Iterable<[string, string]> = [['content-type', 'application/json']]) => {
        res.writeHead(status, Object.fromEntries(headers));
        res.end(body);
      };
      if (size > MAX_BODY_BYTES) return send(413, JSON.stringify({ errors: [{ message: 'body too large' }] }));
      const raw = Buffer.concat(chunks).toString('utf8');
      try {
        const viewer = await verifyGatewayToken(req.headers.authorization, raw, options);
        const headers = new HeaderMap();
        for (const [key, value] of Object.entries(req.headers)) if (typeof value === 'string') headers.set(key, value);
        const response = await apollo.executeHTTPGraphQLRequest({
          httpGraphQLRequest: { method: req.method ?? 'POST', headers, search: '', body: raw ? JSON.parse(raw) : undefined },
          context: async () => ({ viewer, name: options.name }),
        });
        const body = response.body.kind === 'complete' ? response.body.string : '';
        send(response.status ?? 200, body, response.headers);
      } catch (err) {
        if (err instanceof Unverified)
          return send(401, JSON.stringify({ errors: [{ message: err.message, extensions: { code: 'UNAUTHENTICATED' } }] }));
        send(400, JSON.stringify({ errors: [{ message: 'bad request', extensions: { code: 'BAD_REQUEST' } }] }));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${options.host ?? '127.0.0.1'}:${port}/graphql`,
    async stop() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await apollo.stop();
    },
  };
}
