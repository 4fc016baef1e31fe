import type { EntityManager } from 'typeorm';
import { TrainingProgram } from '../program/training-program.entity';
import { EmploymentOutcome, type TrainingRecord } from './training-record.entity';

/** the outcomes that count as employed (就业): in a job, self-employed, or kept in the job the training improved */
export const EMPLOYED_OUTCOMES = [EmploymentOutcome.EMPLOYED, EmploymentOutcome.SELF_EMPLOYED, EmploymentOutcome.RETAINED];

/** a program's rollup of its records: person-times and their outcomes (training_program's counting columns) */
export interface ProgramCounts {
  personTimes: number;
  completedCount: number;
  certifiedCount: number;
  outcomesReportedCount: number;
  employedCount: number;
}

const NONE: ProgramCounts = { personTimes: 0, completedCount: 0, certifiedCount: 0, outcomesReportedCount: 0, employedCount: 0 };
const COUNTS = Object.keys(NONE) as (keyof ProgramCounts)[];

/** each count's column, as TrainingProgram's mapping names it */
const columnOf = (manager: EntityManager, key: keyof ProgramCounts) =>
  manager.connection.getMetadata(TrainingProgram).findColumnWithPropertyName(key)!.databaseName;

type Outcome = Pick<TrainingRecord, 'completed' | 'certificate' | 'employment'>;

/** what one record counts for in its program: the same rules as the figures always had (an outcome counts once completed) */
export function countsOf(record: Outcome): ProgramCounts {
  const completed = record.completed ? 1 : 0;
  return {
    personTimes: 1,
    completedCount: completed,
    certifiedCount: completed && record.certificate !== null ? 1 : 0,
    outcomesReportedCount: completed && record.employment !== null ? 1 : 0,
    employedCount: completed && record.employment !== null && EMPLOYED_OUTCOMES.includes(record.employment) ? 1 : 0,
  };
}

/** Counts by program, added up record by record (or taken away: a record's outcome before it changed). */
export class ProgramTally {
  readonly byProgram = new Map<string, ProgramCounts>();

  add(programId: string, counts: ProgramCounts, sign: 1 | -1 = 1): void {
    const sum = this.byProgram.get(programId) ?? { ...NONE };
    for (const key of COUNTS) sum[key] += sign * counts[key];
    this.byProgram.set(programId, sum);
  }

  /** adds the tally to the programs' rows in the transaction given: one statement per program changed */
  async addTo(manager: EntityManager): Promise<void> {
    for (const [programId, counts] of this.byProgram) {
      const changed = COUNTS.filter((key) => counts[key] !== 0);
      if (changed.length === 0) continue;
      await manager
        .createQueryBuilder()
        .update(TrainingProgram)
        .set(Object.fromEntries(changed.map((key) => [key, () => `${columnOf(manager, key)} + ${Math.trunc(counts[key])}`])))
        .where('id = :programId', { programId })
        .execute();
    }
  }

  /**
   * Sets the programs' counts to the tally (the seed: programs written with none, then their
   * records), a few thousand programs a statement.
   */
  async setOn(manager: EntityManager): Promise<void> {
    const postgres = manager.connection.options.type === 'postgres';
    const entries = [...this.byProgram];
    for (let i = 0; i < entries.length; i += 5_000) {
      const chunk = entries.slice(i, i + 5_000);
      const values: unknown[] = [];
      const tuples = chunk.map(([programId, counts]) => {
        const first = values.length;
        values.push(programId, ...COUNTS.map((key) => counts[key]));
        return postgres
          ? `($${first + 1}, ${COUNTS.map((_, k) => `$${first + k + 2}::integer`).join(', ')})`
          : `(${['?', ...COUNTS.map(() => '?')].join(', ')})`;
      });
      // VALUES names its columns column1, column2 … in both databases
      await manager.query(
        `UPDATE training_program SET ${COUNTS.map((key, k) => `${columnOf(manager, key)} = v.column${k + 2}`).join(', ')}
         FROM (VALUES ${tuples.join(', ')}) AS v WHERE training_program.id = v.column1`,
        values,
      );
    }
  }
}
