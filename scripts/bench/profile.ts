/**
 * npm run bench:profile — where the graph's CPU goes: the gateway and the four subgraphs in this
 * one process (seed scale BENCH_SCALE, default 0.3; the response cache off, or on with
 * BENCH_CACHED=1 to see what a cache hit costs), the first query and a
 * base's page asked one after another for BENCH_SECONDS (20) so nothing merges in flight, under
 * V8's profiler. Prints CPU (idle left out; the asking client, undici, is in it) by package or folder; writes .bench/graph.cpuprofile (open it in
 * Chrome's DevTools for the call tree).
 */
import fs from 'node:fs';
import { Session } from 'node:inspector/promises';
import path from 'node:path';
import { FIRST_QUERY } from '@skills-sichuan/gateway';
import { DEFAULT_PROGRAM } from '@skills-sichuan/subgraph-kit';
import { startGraph, UNCACHED } from '../graph';

const ROOT = path.resolve(__dirname, '../../..');
const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const CACHED = process.env.BENCH_CACHED === '1';
const BASE_PAGE = `query ($id: ID!) { base(id: $id) {
  name tier status city { name } brand { name } operator { name credit { level score } }
  latestAssessment { year result qualityScore } trainingPrograms { id personTimes }
} }`;

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string };
}

/** the package (node_modules/…), our folder (gateway/dist, packages/runtime …) or Node's module a frame belongs to */
function placeOf({ url, functionName }: ProfileNode['callFrame']): string {
  const modules = url.split('node_modules/')[1];
  if (modules)
    return modules
      .split('/')
      .slice(0, modules.startsWith('@') ? 2 : 1)
      .join('/');
  if (url.startsWith(ROOT)) return path.relative(ROOT, url).split(path.sep).slice(0, 2).join('/');
  if (url.startsWith('node:')) return url;
  return functionName || '(native)';
}

async function main() {
  const graph = await startGraph({
    program: { seed: DEFAULT_PROGRAM.seed, scale: Number(process.env.BENCH_SCALE ?? 0.3) },
    env: { ...(CACHED ? {} : UNCACHED), LOG_LEVEL: 'warn' },
  });
  try {
    const ids = (await graph.query<{ brand: { bases: { id: string }[] } }>('{ brand(code: "NEW_FARMER") { bases(tier: MAIN) { id } } }'))
      .body.data!;
    const operations: [string, Record<string, unknown>][] = [
      [FIRST_QUERY, {}],
      [BASE_PAGE, { id: ids.brand.bases[0].id }],
    ];
    const ask = async () => {
      for (const [query, variables] of operations) {
        const { body } = await graph.query(query, variables);
        if (body.errors) throw new Error(JSON.stringify(body.errors));
      }
    };
    for (let i = 0; i < 50; i++) await ask(); // plans, statements and code warmed
    const session = new Session();
    session.connect();
    await session.post('Profiler.enable');
    await session.post('Profiler.start');
    const until = Date.now() + SECONDS * 1000;
    let requests = 0;
    while (Date.now() < until) {
      await ask();
      requests += operations.length;
    }
    const { profile } = await session.post('Profiler.stop');
    session.disconnect();
    fs.mkdirSync(path.join(ROOT, '.bench'), { recursive: true });
    fs.writeFileSync(path.join(ROOT, '.bench', 'graph.cpuprofile'), JSON.stringify(profile));

    const nodes = new Map((profile.nodes as ProfileNode[]).map((n) => [n.id, n]));
    const byPlace = new Map<string, number>();
    let total = 0;
    profile.samples!.forEach((id, i) => {
      const micros = profile.timeDeltas![i] ?? 0;
      const place = placeOf(nodes.get(id)!.callFrame);
      // waiting is not work; the asking client (fetch, undici) runs in this process too and is shown as such
      if (place === '(idle)') return;
      byPlace.set(place, (byPlace.get(place) ?? 0) + micros);
      total += micros;
    });
    process.stdout.write(
      `${requests} requests in ${SECONDS} s, ${(total / 1000 / requests).toFixed(2)} ms CPU each (the whole graph, and the client asking)\n\n`,
    );
    process.stdout.write('| where | share of CPU |\n|---|---|\n');
    for (const [place, micros] of [...byPlace].sort((a, b) => b[1] - a[1]).slice(0, 25))
      process.stdout.write(`| ${place} | ${((100 * micros) / total).toFixed(1)} % |\n`);
  } finally {
    await graph.stop();
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  },
);
