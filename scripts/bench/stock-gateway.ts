/**
 * A stock @apollo/gateway for `npm run bench`: Apollo's defaults (its own fetcher, no batching
 * of ours, no limits, no plugins), with the one thing our subgraphs require added — each fetch
 * signed for the public viewer, as the subgraphs refuse an unsigned one. Run as its own process
 * so its CPU is its own: PORT, SUPERGRAPH_FILE (routing URLs the subgraphs' own) and SUBGRAPH_<NAME>_SECRET.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import { ApolloGateway, RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { signViewerHeaders, Viewer } from '@skills-sichuan/runtime';

const env = (name: string) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
};

class SignedDataSource extends RemoteGraphQLDataSource {
  constructor(
    url: string,
    private readonly subgraph: string,
    private readonly secret: string,
  ) {
    super({ url });
  }

  override willSendRequest({ request }: GraphQLDataSourceProcessOptions): void {
    const requestId = randomUUID();
    // RemoteGraphQLDataSource sends JSON.stringify of the request without `http`: the body signed is that one
    const { http, ...body } = request;
    const signed = signViewerHeaders({
      viewer: Viewer.public(),
      secret: this.secret,
      requestId,
      direction: 'gateway-to-subgraph',
      audience: this.subgraph,
      body: JSON.stringify(body),
    });
    http?.headers.set('x-request-id', requestId);
    for (const [name, value] of Object.entries(signed)) http?.headers.set(name, value);
  }
}

async function main() {
  const gateway = new ApolloGateway({
    supergraphSdl: fs.readFileSync(env('SUPERGRAPH_FILE'), 'utf8'),
    // the supergraph's routing URLs are the bench's; the registry (the gateway's own subgraph) is not benched and needs no signature
    buildService: ({ name, url }) => new SignedDataSource(url!, name, process.env[`SUBGRAPH_${name.toUpperCase()}_SECRET`] ?? ''),
  });
  const server = new ApolloServer({ gateway });
  const { url } = await startStandaloneServer(server, { listen: { host: '127.0.0.1', port: Number(env('PORT')) } });
  process.stdout.write(`stock gateway listening at ${url}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
