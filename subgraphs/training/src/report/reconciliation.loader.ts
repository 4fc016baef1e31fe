import { defineLoader } from '@skills-sichuan/subgraph-kit';
import { TrainingProgram } from '../program/training-program.entity';

/** An organisation's training within a period of days (from, to inclusive). */
export interface RecordedKey {
  organizationId: string;
  from: string;
  to: string;
}

const periodOf = (k: RecordedKey) => `${k.from}|${k.to}`;

/**
 * Person-times recorded for many organisations: one GROUP BY statement per period asked (a page
 * of reports mostly shares one), summing the programs' rollup. A person-time is dated by its
 * program's start, as for a target's window.
 */
export const recordedPersonTimesOf = defineLoader<RecordedKey, number>(
  'recordedPersonTimesOf',
  async (keys, { db }) => {
    const sums = new Map<string, number>();
    for (const period of new Set(keys.map(periodOf))) {
      const group = keys.filter((k) => periodOf(k) === period);
      const { from, to } = group[0];
      const rows = await db
        .createQueryBuilder()
        .select('p.provider_organization_id', 'organizationId')
        .addSelect('SUM(p.person_times)', 'personTimes')
        .from(TrainingProgram, 'p')
        .where('p.provider_organization_id IN (:...ids)', { ids: [...new Set(group.map((k) => k.organizationId))] })
        .andWhere('p.start_on >= :from AND p.start_on <= :to', { from, to })
        .groupBy('p.provider_organization_id')
        .getRawMany<{ organizationId: string; personTimes: number | string }>();
      // PostgreSQL returns SUM over integers as a string (bigint)
      for (const r of rows) sums.set(`${r.organizationId}|${period}`, Number(r.personTimes));
    }
    return keys.map((k) => sums.get(`${k.organizationId}|${periodOf(k)}`) ?? 0);
  },
  { cacheKey: (k) => `${k.organizationId}|${periodOf(k)}` },
);
