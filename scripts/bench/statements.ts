/**
 * npm run bench:statements — what sending a fetch's selects as one statement (selectTogether,
 * as the request's `reads` do) costs against sending the same selects apart, as a loader
 * sends one alone (getRawMany, or getMany for entities), on the seeded graph's own databases:
 * the three figures a brand's page asks training for, and the assessments and credit events a
 * roster of 50 bases asks evaluation for.
 *
 * Each way — together, apart at once (each on a pooled connection of its own, as separate
 * loaders' statements went before), and apart one after another — runs BENCH_FETCHES fetches
 * from 1 and from 8 callers at a time, in BENCH_ROUNDS interleaved rounds (the order turned each
 * round). Medians of the rounds: wall µs a fetch, this process's CPU µs a fetch, and on
 * PostgreSQL the CPU its backends spent, µs a fetch. BENCH_DATABASE=postgres for PostgreSQL,
 * SEED_SCALE (default 1) for the program's size. Writes .bench/statements-<database>.json.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { DataSource, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { entityRead, rawSelect, selectTogether } from '@skills-sichuan/database';
import { DEFAULT_PROGRAM } from '@skills-sichuan/subgraph-kit';
import { DEFAULT_POSTGRES_URL, startGraph, UNCACHED } from '../graph';
import { cpuMs, median } from './measure';

const ROOT = path.resolve(__dirname, '../../..');
process.env.LOG_LEVEL ??= 'warn';
const database = process.env.BENCH_DATABASE === 'postgres' ? 'postgres' : 'sqlite';
const FETCHES = Number(process.env.BENCH_FETCHES ?? 600);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);

/** a fetch's selects: raw rows, or a plain entity's rows as entities */
type Selects = () => { query: SelectQueryBuilder<ObjectLiteral>; entities?: true }[];

/** training's part of a brand's page: progress by year and city, outcomes by year, competitions by year */
function brandFigures(db: DataSource, brandIds: string[]): Selects {
  const year = database === 'postgres' ? 'CAST(EXTRACT(YEAR FROM c.start_on) AS INTEGER)' : "CAST(strftime('%Y', c.start_on) AS INTEGER)";
  return () =>
    [
      db
        .createQueryBuilder()
        .from('training_program', 'p')
        .select('p.brand_id', 'brandId')
        .addSelect('p.year', 'year')
        .addSelect('p.city_code', 'cityCode')
        .addSelect('SUM(p.person_times)', 'personTimes')
        .where('p.brand_id IN (:...brandIds)', { brandIds })
        .andWhere('p.person_times > 0')
        .groupBy('p.brand_id')
        .addGroupBy('p.year')
        .addGroupBy('p.city_code'),
      db
        .createQueryBuilder()
        .from('training_program', 'p')
        .select('p.brand_id', 'brandId')
        .addSelect('SUM(p.person_times)', 'personTimes')
        .addSelect('SUM(p.completed_count)', 'completed')
        .addSelect('SUM(p.employed_count)', 'employed')
        .addSelect('p.year', 'YEAR')
        .where('p.brand_id IN (:...brandIds)', { brandIds })
        .andWhere('p.person_times > 0')
        .groupBy('p.brand_id')
        .addGroupBy('p.year'),
      db
        .createQueryBuilder()
        .from('competition', 'c')
        .select('c.brand_id', 'brandId')
        .addSelect('COUNT(*)', 'competitions')
        .addSelect('SUM(c.participants)', 'participants')
        .addSelect(year, 'YEAR')
        .where('c.brand_id IN (:...brandIds)', { brandIds })
        .groupBy('c.brand_id')
        .addGroupBy(year),
    ].map((query) => ({ query }));
}

/** evaluation's part of a roster: every base's assessments and its credit events, as entities */
function rosterEvaluation(db: DataSource, baseIds: string[]): Selects {
  const [assessment, creditEvent] = ['Assessment', 'CreditEvent'].map((name) => db.getMetadata(name).target);
  return () => [
    {
      query: db
        .getRepository(assessment)
        .createQueryBuilder('a')
        .where('a.subject_type = :type AND a.subject_id IN (:...ids)', { type: 'Base', ids: baseIds })
        .orderBy('a.year', 'DESC'),
      entities: true,
    },
    {
      query: db
        .getRepository(creditEvent)
        .createQueryBuilder('e')
        .where('e.subject_type = :type AND e.subject_id IN (:...ids)', { type: 'Base', ids: baseIds })
        .orderBy('e.occurred_on', 'ASC')
        .addOrderBy('e.id', 'ASC'),
      entities: true,
    },
  ];
}

/** one select as the loaders send it alone: getMany, or getRawMany */
const alone = ({ query, entities }: ReturnType<Selects>[number]) => (entities ? query.getMany() : query.getRawMany());

const WAYS = {
  together: (db: DataSource, selects: Selects) =>
    selectTogether(selects().map(({ query, entities }) => (entities ? entityRead(query) : rawSelect(query)))),
  apartAtOnce: (db: DataSource, selects: Selects) => Promise.all(selects().map(alone)),
  apartInTurn: async (db: DataSource, selects: Selects) => {
    for (const s of selects()) await alone(s);
  },
};
type Way = keyof typeof WAYS;

/** PostgreSQL's postmaster: the parent of this connection's backend, whose descendants are every backend */
async function postmaster(db: DataSource): Promise<number | null> {
  if (database !== 'postgres') return null;
  const [{ pid }] = (await db.query('SELECT pg_backend_pid() AS pid')) as { pid: number }[];
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
}

async function measure(db: DataSource, selects: Selects, way: Way, callers: number, server: number | null) {
  for (let i = 0; i < 30; i++) await WAYS[way](db, selects);
  const serverBefore = server ? cpuMs(server) : 0;
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  let left = FETCHES;
  await Promise.all(
    Array.from({ length: callers }, async () => {
      while (left-- > 0) await WAYS[way](db, selects);
    }),
  );
  const wallUs = ((performance.now() - started) * 1000) / FETCHES;
  const cpu = process.cpuUsage(cpuBefore);
  return {
    wallUs,
    cpuUs: (cpu.user + cpu.system) / FETCHES,
    serverCpuUs: server ? ((cpuMs(server) - serverBefore) * 1000) / FETCHES : 0,
  };
}

async function main() {
  const program = { ...DEFAULT_PROGRAM, scale: Number(process.env.SEED_SCALE ?? 1) };
  const graph = await startGraph({ program, database, postgresUrl: process.env.DATABASE_URL ?? DEFAULT_POSTGRES_URL, env: UNCACHED });
  try {
    const training = graph.subgraphs.training.db;
    const evaluation = graph.subgraphs.evaluation.db;
    const [{ brandId }] = (await training.query(
      'SELECT brand_id AS "brandId" FROM training_program GROUP BY brand_id ORDER BY COUNT(*) DESC LIMIT 1',
    )) as { brandId: string }[];
    const bases = (await evaluation.query(
      `SELECT subject_id AS id FROM assessment WHERE subject_type = 'Base' GROUP BY subject_id ORDER BY subject_id LIMIT 50`,
    )) as { id: string }[];
    const workloads: Record<string, [DataSource, Selects]> = {
      'BrandFigures, training (3 selects)': [training, brandFigures(training, [brandId])],
      'Roster of 50, evaluation (2 entity selects)': [
        evaluation,
        rosterEvaluation(
          evaluation,
          bases.map((b) => b.id),
        ),
      ],
    };
    const results: Record<string, Record<string, Record<Way, { wallUs: number; cpuUs: number; serverCpuUs: number }[]>>> = {};
    for (const [workload, [db, selects]] of Object.entries(workloads)) {
      const server = await postmaster(db);
      for (const callers of [1, 8]) {
        const byWay = ((results[workload] ??= {})[`${callers} at a time`] = { together: [], apartAtOnce: [], apartInTurn: [] } as Record<
          Way,
          { wallUs: number; cpuUs: number; serverCpuUs: number }[]
        >);
        for (let round = 0; round < ROUNDS; round++) {
          const order = Object.keys(WAYS) as Way[];
          for (const way of round % 2 ? order.reverse() : order) byWay[way].push(await measure(db, selects, way, callers, server));
        }
      }
    }
    const summary = Object.fromEntries(
      Object.entries(results).map(([workload, byCallers]) => [
        workload,
        Object.fromEntries(
          Object.entries(byCallers).map(([callers, byWay]) => [
            callers,
            Object.fromEntries(
              Object.entries(byWay).map(([way, runs]) => [
                way,
                {
                  wallUs: Math.round(median(runs.map((r) => r.wallUs))),
                  cpuUs: Math.round(median(runs.map((r) => r.cpuUs))),
                  serverCpuUs: Math.round(median(runs.map((r) => r.serverCpuUs))),
                },
              ]),
            ),
          ]),
        ),
      ]),
    );
    const out = { database, program, node: process.version, cpus: os.cpus().length, fetches: FETCHES, rounds: ROUNDS, summary };
    fs.mkdirSync(path.join(ROOT, '.bench'), { recursive: true });
    fs.writeFileSync(path.join(ROOT, `.bench/statements-${database}.json`), `${JSON.stringify(out, null, 2)}\n`);
    const lines = [
      '| workload | callers | way | wall µs/fetch | our CPU µs/fetch | PostgreSQL CPU µs/fetch |',
      '|---|---|---|---|---|---|',
    ];
    for (const [workload, byCallers] of Object.entries(summary))
      for (const [callers, byWay] of Object.entries(byCallers))
        for (const [way, m] of Object.entries(byWay))
          lines.push(`| ${workload} | ${callers} | ${way} | ${m.wallUs} | ${m.cpuUs} | ${database === 'postgres' ? m.serverCpuUs : '–'} |`);
    process.stdout.write(
      `${database}, seed scale ${program.scale}, medians of ${ROUNDS} rounds of ${FETCHES} fetches\n${lines.join('\n')}\n`,
    );
  } finally {
    await graph.stop();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
