import { randomBytes } from 'node:crypto';
import { generateTraining } from './seed/training.generator';
import { recordBatches, recordRows, seedWorkersAvailable, type RecordRow } from './seed-records';
import { personalDataVault } from './trainee/personal-data';

// the workers read the key from the environment they inherit, as the seed's process does
process.env.TRAINEE_DATA_KEY ??= randomBytes(32).toString('hex');

const SEED = 20231215;
const programs = generateTraining({ seed: SEED, scale: 0.02 }).programs.slice(0, 60);

async function collect(batches: AsyncIterable<RecordRow[]>): Promise<RecordRow[]> {
  const rows: RecordRow[] = [];
  for await (const batch of batches) rows.push(...batch);
  return rows;
}

/** a row as a reader sees it: the ciphertext (a fresh IV each time) opened */
const opened = (row: RecordRow) => ({ ...row, personalCipher: personalDataVault().reveal(row.personalCipher as string) });
const byId = (a: RecordRow, b: RecordRow) => String(a.id).localeCompare(String(b.id));

describe('the seed’s person-times', () => {
  it('are the same rows generated in two worker threads as in this one, every program’s person-times once', async () => {
    expect(seedWorkersAvailable()).toBe(true);
    const here = await collect(recordBatches(SEED, programs, { workers: 0 }));
    const inWorkers = await collect(recordBatches(SEED, programs, { workers: 2 }));
    expect(here).toHaveLength(programs.reduce((n, p) => n + p.enrolled, 0));
    expect(inWorkers.sort(byId).map(opened)).toEqual(here.sort(byId).map(opened));
  });

  it('draws a program’s person-times from its own stream: the same with or without the programs before it', () => {
    const alone = [...recordRows(SEED, programs.slice(30))].map(opened);
    const after = [...recordRows(SEED, programs)].slice(-alone.length).map(opened);
    expect(after).toEqual(alone);
  });

  it('names one person once per program', () => {
    for (const program of programs) {
      const people = [...recordRows(SEED, [program])].map((r) => r.identityHash);
      expect(new Set(people).size).toBe(program.enrolled);
    }
  });
});
