import { checkCityCode, checkYear, defineFigure, yearOf } from '@skills-sichuan/subgraph-kit';
import { Competition, CompetitionLevel } from '../competition/competition.entity';
import { TrainingProgram } from '../program/training-program.entity';
import { EmploymentOutcome, TrainingRecord } from '../record/training-record.entity';
import type { CompetitionCountFilter, TrainingOutcomeFilter } from './training-figures';

/** the outcomes that count as employed (就业): in a job, self-employed, or kept in the job the training improved */
export const EMPLOYED_OUTCOMES = [EmploymentOutcome.EMPLOYED, EmploymentOutcome.SELF_EMPLOYED, EmploymentOutcome.RETAINED];

export function checkYearAndCity<F extends { year?: number | null; cityCode?: string | null }>(filter: F | null | undefined): F {
  checkYear(filter?.year);
  checkCityCode(filter?.cityCode);
  return filter ?? ({} as F);
}

/**
 * Trainees' outcomes by brand and the dimensions asked for: one GROUP BY over the records
 * joined to their programs (brand, city and plan year live on the program), for every brand
 * under one filter. The records must be read, unlike person-times (the programs' rollup):
 * completion, certificates and employment are the records' own.
 */
export const trainingOutcomes = defineFigure('trainingOutcomes', {
  dimensions: { CITY: {}, YEAR: { numeric: true } },
  measures: ['personTimes', 'completed', 'certified', 'outcomesReported', 'employed'],
  signature: (f: TrainingOutcomeFilter) => JSON.stringify([f.year ?? null, f.cityCode ?? null]),
  async select({ db }, brandIds, filter: TrainingOutcomeFilter, dimensions) {
    const query = db
      .createQueryBuilder()
      .from(TrainingRecord, 'r')
      .innerJoin(TrainingProgram, 'p', 'p.id = r.program_id')
      .select('p.brand_id', 'brandId')
      .addSelect('COUNT(*)', 'personTimes')
      .addSelect('SUM(CASE WHEN r.completed THEN 1 ELSE 0 END)', 'completed')
      .addSelect('SUM(CASE WHEN r.completed AND r.certificate IS NOT NULL THEN 1 ELSE 0 END)', 'certified')
      .addSelect('SUM(CASE WHEN r.completed AND r.employment IS NOT NULL THEN 1 ELSE 0 END)', 'outcomesReported')
      .addSelect('SUM(CASE WHEN r.completed AND r.employment IN (:...employed) THEN 1 ELSE 0 END)', 'employed')
      .setParameter('employed', EMPLOYED_OUTCOMES)
      .where('p.brand_id IN (:...brandIds)', { brandIds })
      .groupBy('p.brand_id');
    if (dimensions.includes('CITY')) query.addSelect('p.city_code', 'CITY').addGroupBy('p.city_code');
    if (dimensions.includes('YEAR')) query.addSelect('p.year', 'YEAR').addGroupBy('p.year');
    if (filter.year != null) query.andWhere('p.year = :year', { year: filter.year });
    if (filter.cityCode) query.andWhere('p.city_code = :cityCode', { cityCode: filter.cityCode });
    return query.getRawMany();
  },
});

/** Competitions and their contestants by brand and the dimensions asked for: one GROUP BY for every brand under one filter. */
export const competitionCounts = defineFigure('competitionCounts', {
  dimensions: { CITY: {}, YEAR: { numeric: true }, LEVEL: { order: Object.values(CompetitionLevel) } },
  measures: ['competitions', 'participants'],
  signature: (f: CompetitionCountFilter) => JSON.stringify([f.year ?? null, f.level ?? null, f.cityCode ?? null]),
  async select({ db }, brandIds, filter: CompetitionCountFilter, dimensions) {
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
    return query.getRawMany();
  },
});
