/** What the partner tests share: partners' services whose schema a test writes. */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer, HeaderMap } from '@apollo/server';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';
import type { Json } from './graph';

/**
 * A partner's subgraph whose schema can be replaced while it runs, on one address, as a
 * partner's deploy replaces it: plain @apollo/subgraph, for schemas the checks should refuse
 * or accept. It decodes (not verifies) the gateway's token, so a field can answer what it was told.
 */
export interface AdHocPartner {
  url: string;
  serve(sdl: string, resolvers?: Record<string, unknown>): Promise<void>;
  stop(): Promise<void>;
}

export async function adHocPartner(sdl: string, resolvers: Record<string, unknown> = {}): Promise<AdHocPartner> {
  let apollo: ApolloServer<{ claims: Json }> | undefined;
  const serve = async (typeDefs: string, given: Record<string, unknown> = {}) => {
    const next = new ApolloServer<{ claims: Json }>({
      schema: buildSubgraphSchema({ typeDefs: parse(typeDefs), resolvers: given as never }),
    });
    await next.start();
    const previous = apollo;
    apollo = next;
    await previous?.stop();
  };
  await serve(sdl, resolvers);
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
      const claims = token ? JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8')) : {};
      const map = new HeaderMap();
      for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') map.set(k, v);
      const response = await apollo!.executeHTTPGraphQLRequest({
        httpGraphQLRequest: { method: req.method ?? 'POST', headers: map, search: '', body: raw ? JSON.parse(raw) : undefined },
        context: async () => ({ claims }),
      });
      res.writeHead(response.status ?? 200, Object.fromEntries(response.headers));
      res.end(response.body.kind === 'complete' ? response.body.string : '');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`,
    serve,
    async stop() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await apollo?.stop();
    },
  };
}

export { loadLoop, post, timeUntil, type LoadResult } from '../scripts/load';
export { partnerCli, startBankProcess } from '../scripts/processes';
