import { checkCityCode, checkYear, defineFigure, yearOf } from '@skills-sichuan/subgraph-kit';
import { Competition, CompetitionLevel } from '../competition/competition.entity';
import { TrainingProgram } from '../program/training-program.entity';
import type { CompetitionCountFilter, TrainingOutcomeFilter } from './training-figures';

export function checkYearAndCity<F extends { year?: number | null; cityCode?: string | null }>(filter: F | null | undefined): F {
  checkYear(filter?.year);
  checkCityCode(filter?.cityCode);
  return filter ?? ({} as F);
}

/**
 * Trainees' outcomes by brand and the dimensions asked for: one GROUP BY over the programs'
 * rollup of their records (person-times and outcome counts, kept with every record written or
 * changed: ProgramTally), for every brand under one filter. At ten times the plan's scale that
 * is about 100,000 programs instead of 3.3 million records.
 */
export const trainingOutcomes = defineFigure('trainingOutcomes', {
  dimensions: { CITY: {}, YEAR: { numeric: true } },
  measures: ['personTimes', 'completed', 'certified', 'outcomesReported', 'employed'],
  signature: (f: TrainingOutcomeFilter) => JSON.stringify([f.year ?? null, f.cityCode ?? null]),
  select({ db, reads }, brandIds, filter: TrainingOutcomeFilter, dimensions) {
    const query = db
      .createQueryBuilder()
      .from(TrainingProgram, 'p')
      .select('p.brand_id', 'brandId')
      .addSelect('SUM(p.person_times)', 'personTimes')
      .addSelect('SUM(p.completed_count)', 'completed')
      .addSelect('SUM(p.certified_count)', 'certified')
      .addSelect('SUM(p.outcomes_reported_count)', 'outcomesReported')
      .addSelect('SUM(p.employed_count)', 'employed')
      .where('p.brand_id IN (:...brandIds)', { brandIds })
      // a group is its trainees': a program with none recorded yet makes none
      .andWhere('p.person_times > 0')
      .groupBy('p.brand_id');
    if (dimensions.includes('CITY')) query.addSelect('p.city_code', 'CITY').addGroupBy('p.city_code');
    if (dimensions.includes('YEAR')) query.addSelect('p.year', 'YEAR').addGroupBy('p.year');
    if (filter.year != null) query.andWhere('p.year = :year', { year: filter.year });
    if (filter.cityCode) query.andWhere('p.city_code = :cityCode', { cityCode: filter.cityCode });
    return reads.rows(query);
  },
});

/** Competitions and their contestants by brand and the dimensions asked for: one GROUP BY for every brand under one filter. */
export const competitionCounts = defineFigure('competitionCounts', {
  dimensions: { CITY: {}, YEAR: { numeric: true }, LEVEL: { order: Object.values(CompetitionLevel) } },
  measures: ['competitions', 'participants'],
  signature: (f: CompetitionCountFilter) => JSON.stringify([f.year ?? null, f.level ?? null, f.cityCode ?? null]),
  select({ db, reads }, brandIds, filter: CompetitionCountFilter, dimensions) {
    const year = yearOf(db, 'c.start_on');
    const query = db
      .createQueryBuilder()
      .from(Competition, 'c')
      .select('c.brand_id', 'brandId')
      .addSelect('COUNT(*)', 'competitions')
      .addSelect('SUM(c.participants)', 'participants')
      .where('c.brand_id IN (:...brandIds)', { brandIds })
      .groupBy('c.brand_id');
    if (dimensions.includes('CITY')) query.addSelect('c.city_code', 'CITY').addGroupBy('c.city_code');
    if (dimensions.includes('YEAR')) query.addSelect(year, 'YEAR').addGroupBy(year);
    if (dimensions.includes('LEVEL')) query.addSelect('c.level', 'LEVEL').addGroupBy('c.level');
    if (filter.year != null) query.andWhere(`${year} = :year`, { year: filter.year });
    if (filter.level) query.andWhere('c.level = :level', { level: filter.level });
    if (filter.cityCode) query.andWhere('c.city_code = :cityCode', { cityCode: filter.cityCode });
    return reads.rows(query);
  },
});
