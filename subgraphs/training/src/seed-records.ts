/**
 * The seed's person-times as rows: a generated trainee for each, personal data protected,
 * outcomes drawn — per program, from streams of the program's own, so the programs can be
 * split among worker threads (at plan scale, 330,000 rows; at ten times, 3.3 million) while
 * this thread writes what they send. A small seed, or a tree without the compiled worker,
 * generates here.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { Random } from '@skills-sichuan/subgraph-kit';
import { CertificateType, EmploymentOutcome, type TrainingRecord } from './record/training-record.entity';
import { programRecords, type TrainingProgramSeed } from './seed/training.generator';
import { personalDataVault } from './trainee/personal-data';
import { TraineeGenerator } from './trainee/trainee-generator';

/** what a person-time's row needs of its program */
export type SeededProgram = Pick<TrainingProgramSeed, 'id' | 'enrolled' | 'endOn' | 'cityCode' | 'startOn' | 'level'>;

/** a training_record row, named as the entity's properties (plain: it crosses from a worker) */
export type RecordRow = Pick<
  TrainingRecord,
  | 'id'
  | 'programId'
  | 'completed'
  | 'completedOn'
  | 'traineeName'
  | 'identityHash'
  | 'identityMasked'
  | 'phoneMasked'
  | 'personalCipher'
  | 'certificate'
  | 'certificateNumber'
  | 'employment'
>;

/** employment after training: most were already at work (在岗提升) or found work */
const EMPLOYMENT: [EmploymentOutcome | null, number][] = [
  [EmploymentOutcome.RETAINED, 0.38],
  [EmploymentOutcome.EMPLOYED, 0.3],
  [EmploymentOutcome.SELF_EMPLOYED, 0.07],
  [EmploymentOutcome.FURTHER_STUDY, 0.03],
  [EmploymentOutcome.SEEKING, 0.07],
  [null, 0.15],
];

function pickWeighted<T>(rng: Random, choices: [T, number][]): T {
  let r = rng.next();
  for (const [value, weight] of choices) {
    if ((r -= weight) < 0) return value;
  }
  return choices[choices.length - 1][0];
}

/** The rows of some programs' person-times, program by program. */
export function* recordRows(seed: number, programs: Iterable<SeededProgram>): Generator<RecordRow> {
  const vault = personalDataVault();
  const inProgram = new Set<string>();
  for (const program of programs) {
    const trainees = new TraineeGenerator(Random.keyed(seed, 'training-trainees', program.id));
    const outcomes = Random.keyed(seed, 'training-outcomes', program.id);
    inProgram.clear();
    for (const record of programRecords(seed, program)) {
      // one person once per program (uq_training_record_trainee): draw again on the rare collision
      let trainee = trainees.next(program.cityCode, program.startOn);
      while (inProgram.has(trainee.identityNumber)) trainee = trainees.next(program.cityCode, program.startOn);
      inProgram.add(trainee.identityNumber);
      const personal = vault.protect(trainee);
      const certified = record.completed && outcomes.chance(0.82);
      const certificate = certified
        ? program.level <= 4 && outcomes.chance(0.7)
          ? CertificateType.SKILL_LEVEL
          : outcomes.chance(0.5)
            ? CertificateType.SPECIAL_ABILITY
            : CertificateType.TRAINING
        : null;
      yield {
        id: record.id,
        programId: record.programId,
        completed: record.completed,
        completedOn: record.completedOn,
        traineeName: trainee.name,
        identityHash: personal.identityHash,
        identityMasked: personal.identityMasked,
        phoneMasked: personal.phoneMasked,
        personalCipher: personal.personalCipher,
        certificate,
        certificateNumber: certificate ? `S${program.startOn.slice(0, 4)}51${String(outcomes.int(0, 99_999_999)).padStart(8, '0')}` : null,
        employment: record.completed ? pickWeighted(outcomes, EMPLOYMENT) : null,
      };
    }
  }
}

/** rows a batch holds (a worker's message) */
export const ROWS_PER_BATCH = 2_000;
/** batches a worker may have sent and not yet seen written: bounds the memory a slow database lets pile up */
export const BATCHES_AHEAD = 4;
/** below this many person-times, starting workers costs more than it saves */
const WORKERS_FROM = 50_000;

/** The rows in batches of ROWS_PER_BATCH. */
export function* batchesOf<T>(rows: Iterable<T>): Generator<T[]> {
  let batch: T[] = [];
  for (const row of rows) {
    batch.push(row);
    if (batch.length >= ROWS_PER_BATCH) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}

/** the compiled worker: beside this file in dist/, or in dist/ when this runs from the sources (the tests, after a build) */
function workerFile(): string | undefined {
  const file = path.join(__filename.endsWith('.js') ? __dirname : path.join(__dirname, '..', 'dist'), 'seed-records.worker.js');
  return fs.existsSync(file) ? file : undefined;
}

/** whether the seed can start its workers here (the compiled worker is there) */
export const seedWorkersAvailable = () => workerFile() !== undefined;

export interface RecordWorkerData {
  seed: number;
  programs: SeededProgram[];
}

export type RecordWorkerMessage = { batch: RecordRow[] } | { done: true };

/**
 * Every program's rows in batches: generated by `workers` threads (by default one per core when
 * the seed is large and the compiled worker is there), each a contiguous slice of the programs,
 * or here. Between slices, batches come in whichever order they are ready.
 */
export async function* recordBatches(
  seed: number,
  programs: SeededProgram[],
  options: { workers?: number } = {},
): AsyncGenerator<RecordRow[]> {
  const personTimes = programs.reduce((n, p) => n + p.enrolled, 0);
  const file = workerFile();
  const workers = options.workers ?? (personTimes >= WORKERS_FROM ? os.availableParallelism() : 0);
  if (workers === 0 || !file) {
    yield* batchesOf(recordRows(seed, programs));
    return;
  }
  yield* fromWorkers(file, seed, slices(programs, personTimes, workers));
}

/** contiguous slices of about equal person-times */
function slices(programs: SeededProgram[], total: number, count: number): SeededProgram[][] {
  const out: SeededProgram[][] = [[]];
  let taken = 0;
  for (const program of programs) {
    if (taken >= (total * out.length) / count && out.length < count) out.push([]);
    out[out.length - 1].push(program);
    taken += program.enrolled;
  }
  return out.filter((slice) => slice.length > 0);
}

async function* fromWorkers(file: string, seed: number, parts: SeededProgram[][]): AsyncGenerator<RecordRow[]> {
  const ready: { batch: RecordRow[]; from: Worker }[] = [];
  let running = parts.length;
  let failure: Error | undefined;
  let wake: (() => void) | undefined;
  const notify = () => {
    wake?.();
    wake = undefined;
  };
  const workers = parts.map((part) => {
    // this thread's environment as it is now (where the vault's key comes from), not as the process began
    const worker = new Worker(file, { workerData: { seed, programs: part } satisfies RecordWorkerData, env: { ...process.env } });
    worker.on('message', (message: RecordWorkerMessage) => {
      if ('batch' in message) ready.push({ batch: message.batch, from: worker });
      else running -= 1;
      notify();
    });
    worker.on('error', (err) => {
      failure ??= err;
      notify();
    });
    worker.on('exit', (code) => {
      if (code !== 0) failure ??= new Error(`a seed worker exited with code ${code}`);
      notify();
    });
    return worker;
  });
  try {
    while (true) {
      const next = ready.shift();
      if (next) {
        yield next.batch;
        // written: the worker may send another
        next.from.postMessage('written');
        continue;
      }
      if (failure) throw failure;
      if (running === 0) return;
      await new Promise<void>((resolve) => (wake = resolve));
    }
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}
