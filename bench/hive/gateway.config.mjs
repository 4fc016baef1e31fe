// Hive Gateway for `npm run bench`, on its defaults, with the one thing our subgraphs require:
// each fetch signed for the public viewer (the subgraphs refuse an unsigned one), in its
// onFetch hook. BENCH_SUBGRAPHS: JSON of [url, { name, secret }] pairs.
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { signViewerHeaders, Viewer } = require('../../packages/runtime/dist/index.js');
const subgraphs = new Map(JSON.parse(process.env.BENCH_SUBGRAPHS ?? '[]'));

export const gatewayConfig = {
  supergraph: process.env.SUPERGRAPH_FILE,
  plugins: () => [
    {
      onFetch({ url, options, setOptions }) {
        const subgraph = subgraphs.get(url);
        if (!subgraph) return;
        const requestId = randomUUID();
        const signed = signViewerHeaders({
          viewer: Viewer.public(),
          secret: subgraph.secret,
          requestId,
          direction: 'gateway-to-subgraph',
          audience: subgraph.name,
          body: String(options.body ?? ''),
        });
        setOptions({ ...options, headers: { ...options.headers, 'x-request-id': requestId, ...signed } });
      },
    },
  ],
};
