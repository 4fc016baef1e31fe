/** The graph as end-to-end tests start it: a small program, on PostgreSQL when TEST_DATABASE=postgres. */
import { DEFAULT_PROGRAM, type DatabaseTarget, type ProgramOptions } from '@skills-sichuan/subgraph-kit';
import { startGraph as startWholeGraph, UNCACHED, type Graph } from '../scripts/graph';

export { fetchesDuring, fewestSqlDuring, sqlDuring, type Graph, type GraphResponse, type Json, type SubgraphName } from '../scripts/graph';

/** A small program: every kind of record, seeded in well under a second. */
export const TEST_PROGRAM: ProgramOptions = { seed: DEFAULT_PROGRAM.seed, scale: 0.05 };

export const usingPostgres = process.env.TEST_DATABASE === 'postgres';

/**
 * `env`: variables the services read as they start, e.g. `{ MAX_ALIASES: '5' }` for both the gateway and the subgraphs
 * (the response cache is off unless `RESPONSE_CACHE: 'true'`: tests write rows beside the graph and count the statements a read costs);
 * `gatewayStore`: the gateway's own database, when another replica or `npm run partner` must share it (in memory otherwise)
 */
export function startGraph(
  options: { program?: ProgramOptions; env?: Record<string, string>; gatewayStore?: DatabaseTarget } = {},
): Promise<Graph> {
  return startWholeGraph({
    program: options.program ?? TEST_PROGRAM,
    env: { ...UNCACHED, ...options.env },
    gatewayStore: options.gatewayStore,
    database: usingPostgres ? 'postgres' : 'sqlite',
    postgresUrl: process.env.TEST_DATABASE_URL,
  });
}

/** A sample's value in Prometheus text: the line of `name` whose labels include all of `labels`, whatever their order. */
export function metricSample(text: string, name: string, labels: Record<string, string>): number | undefined {
  for (const line of text.split('\n')) {
    const match = /^([a-z_]+)\{([^}]*)\} (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const given = Object.fromEntries([...match[2].matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));
    if (Object.entries(labels).every(([key, value]) => given[key] === value)) return Number(match[3]);
  }
  return undefined;
}
