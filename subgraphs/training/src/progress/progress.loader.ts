import { defineLoader } from '@skills-sichuan/subgraph-kit';
import { TrainingProgram } from '../program/training-program.entity';

/**
 * Person-times of one brand (with its sub-brands) within a city, and within a year or a window
 * of dates (from, to inclusive), each optional. A person-time is dated by its program's start
 * (start_on): a record carries no date of its own but its completion, which is often missing.
 */
export interface ProgressKey {
  brandIds: string[];
  year?: number | null;
  cityCode?: string | null;
  from?: string | null;
  to?: string | null;
}

export interface Tally {
  year: number;
  cityCode: string;
  personTimes: number;
}

const filterSignature = (k: ProgressKey) => `${k.year ?? ''}|${k.cityCode ?? ''}|${k.from ?? ''}|${k.to ?? ''}`;

/**
 * The person-times of many brands under one filter in one GROUP BY statement, by brand,
 * year and city: each key then sums the tallies of its own brands. It sums the programs'
 * maintained rollup (person_times, kept in the transaction that writes records) over a
 * covering index in its groups' order (ix_training_program_rollup, which holds the start for a
 * window; ix_training_program_window for a narrow one): thousands of program rows, not 300,000
 * records.
 */
export const tallyOf = defineLoader<ProgressKey, Tally[]>(
  'tallyOf',
  async (keys, { db, reads }) => {
    const tallies = new Map<string, (Tally & { brandId: string })[]>();
    const read = async (signature: string) => {
      const group = keys.filter((k) => filterSignature(k) === signature);
      const { year, cityCode, from, to } = group[0];
      const query = db
        .createQueryBuilder()
        .select('p.brand_id', 'brandId')
        .addSelect('p.year', 'year')
        .addSelect('p.city_code', 'cityCode')
        .addSelect('SUM(p.person_times)', 'personTimes')
        .from(TrainingProgram, 'p')
        .where('p.brand_id IN (:...brandIds)', { brandIds: [...new Set(group.flatMap((k) => k.brandIds))] })
        .groupBy('p.brand_id')
        .addGroupBy('p.year')
        .addGroupBy('p.city_code');
      if (year != null) query.andWhere('p.year = :year', { year });
      if (from != null) query.andWhere('p.start_on >= :from', { from });
      if (to != null) query.andWhere('p.start_on <= :to', { to });
      if (cityCode != null) query.andWhere('p.city_code = :cityCode', { cityCode });
      query.andWhere('p.person_times > 0');
      const rows = await reads.rows<{ brandId: string; year: number | string; cityCode: string; personTimes: number | string }>(query);
      // PostgreSQL returns SUM over integers as a string (bigint)
      tallies.set(
        signature,
        rows.map((r) => ({ brandId: r.brandId, year: Number(r.year), cityCode: r.cityCode, personTimes: Number(r.personTimes) })),
      );
    };
    // every filter's statement asked at once: the context's reads send them as one
    await Promise.all([...new Set(keys.map(filterSignature))].map(read));
    return keys.map((key) => {
      const brandIds = new Set(key.brandIds);
      return (tallies.get(filterSignature(key)) ?? []).filter((t) => brandIds.has(t.brandId));
    });
  },
  { cacheKey: (k) => `${[...k.brandIds].sort().join(',')}|${filterSignature(k)}` },
);
