/**
 * npm run bench:partners [-- --rounds 5] (BENCH_DATABASE=postgres for PostgreSQL): two gateway
 * replicas on one store over one in-process graph, a load loop of the first query against
 * both, and the example bank (its own process) added and removed through the registry's
 * mutation on the first replica, round after round. Prints, per round and as medians: the
 * time from the add returning to the new field answering on each replica, the same for the
 * removal, and the requests that failed meanwhile. Figures land in .bench/partners-<database>.json.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FIRST_QUERY, PartnerCredentials, startGateway } from '@skills-sichuan/gateway';
import type { DatabaseTarget } from '@skills-sichuan/subgraph-kit';
import { DEFAULT_POSTGRES_URL, dropSchemas, startGraph } from '../graph';
import { loadLoop, post, timeUntil, type LoadResult } from '../load';
import { startBankProcess } from '../processes';
import { median } from './measure';

async function main() {
  const given = process.argv.indexOf('--rounds');
  const rounds = given > 0 ? Number(process.argv[given + 1]) : 5;
  const database = process.env.BENCH_DATABASE === 'postgres' ? 'postgres' : 'sqlite';
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-partners-'));
  const store: DatabaseTarget =
    database === 'postgres'
      ? { kind: 'postgres', url: DEFAULT_POSTGRES_URL, schema: `bench_gateway_${process.pid}` }
      : { kind: 'sqlite', file: path.join(dataDir, 'gateway.sqlite') };
  // the replicas poll the store as often as in service (PARTNER_POLL_MS's default)
  const graph = await startGraph({
    database,
    program: { seed: 20231215, scale: 0.05 },
    gatewayStore: store,
    env: { PARTNER_POLL_MS: '1000' },
  });
  const replica = await startGateway({ ...graph.gatewayOptions(), store });
  const admin = await graph.tokenFor({ role: 'PROVINCIAL_ADMIN' as never, sub: 'bench' });
  const credentials = new PartnerCredentials(graph.secrets.partnerRoot);
  let bank: Awaited<ReturnType<typeof startBankProcess>> | undefined;
  const probe = '{ bases(first: 1) { nodes { subsidies { amountYuan } } } }';
  const serves = (url: string, wanted: boolean) => async () => {
    const { body } = await post(url, probe);
    return wanted ? !body.errors : body.errors?.[0]?.extensions?.code === 'GRAPHQL_VALIDATION_FAILED';
  };
  const replicas = [graph.url, replica.url];
  const load = loadLoop(replicas.map((url) => ({ url, query: FIRST_QUERY })));
  const figures: { round: number; addMs: number[]; removeMs: number[] }[] = [];
  let result: LoadResult;
  try {
    for (let round = 1; round <= rounds; round += 1) {
      // a partner added again is called with a new secret (generation): its service is configured with it first
      await bank?.stop();
      bank = await startBankProcess(credentials.secret('bank', round));
      const added = await post(graph.url, 'mutation ($input: AddPartnerInput!) { addPartner(input: $input) { revision } }', admin, {
        input: { name: 'bank', routingUrl: bank.url, owner: '示例银行', contact: 'bench@example.cn' },
      });
      if (added.body.errors) throw new Error(JSON.stringify(added.body.errors));
      const addMs = await Promise.all(replicas.map((url) => timeUntil(serves(url, true), 30_000)));
      const removed = await post(graph.url, 'mutation { removePartner(name: "bank") { revision } }', admin);
      if (removed.body.errors) throw new Error(JSON.stringify(removed.body.errors));
      const removeMs = await Promise.all(replicas.map((url) => timeUntil(serves(url, false), 30_000)));
      figures.push({ round, addMs, removeMs });
      process.stdout.write(
        `round ${round}: add → field answers ${addMs.map((ms) => `${ms.toFixed(0)} ms`).join(' / ')}, removal → gone ${removeMs.map((ms) => `${ms.toFixed(0)} ms`).join(' / ')} (replica 1 / replica 2)\n`,
      );
    }
  } finally {
    result = await load.stop();
    await bank?.stop();
    await replica.stop();
    await graph.stop();
    if (store.kind === 'postgres') await dropSchemas(store.url, [store.schema]);
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  const summary = {
    database,
    rounds,
    pollMs: 1000,
    medianAddMs: [0, 1].map((i) => Math.round(median(figures.map((f) => f.addMs[i])))),
    medianRemoveMs: [0, 1].map((i) => Math.round(median(figures.map((f) => f.removeMs[i])))),
    requestsSent: result.sent,
    requestsFailed: result.failures,
    slowestMs: Math.round(result.slowestMs),
  };
  process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
  fs.mkdirSync('.bench', { recursive: true });
  fs.writeFileSync(`.bench/partners-${database}.json`, `${JSON.stringify({ summary, figures }, null, 2)}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
