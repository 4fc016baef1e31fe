import { checkCityCode, checkYear, type RequestContext } from '@skills-sichuan/subgraph-kit';
import { City, type Brand } from '../brand/brand.stub';
import { tallyOf, type Tally } from './progress.loader';
import type { TrainingProgress } from './training-progress';

function sumBy<K>(tallies: Tally[], keyOf: (t: Tally) => K): Map<K, number> {
  const sums = new Map<K, number>();
  for (const t of tallies) sums.set(keyOf(t), (sums.get(keyOf(t)) ?? 0) + t.personTimes);
  return sums;
}

/**
 * The days a brand's progress counts: a year asked for, else its target's window (countsFrom to
 * deadline, both the brands subgraph's data), else its public brand's, whose target its training
 * counts toward; a brand with none of these is counted unbounded.
 */
export function countedWindow(brand: Brand, year?: number | null): { from: string | null; to: string | null } {
  if (year != null) return { from: `${year}-01-01`, to: `${year}-12-31` };
  const target = brand.trainingTarget ?? brand.parent?.trainingTarget;
  return target ? { from: target.countsFrom, to: target.deadline } : { from: null, to: null };
}

/** A brand's person-times (its sub-brands' included) against its target, within its window or a year, and a city if given. */
export async function trainingProgressOf(
  ctx: RequestContext,
  brand: Brand,
  { year, cityCode }: { year?: number | null; cityCode?: string | null },
): Promise<TrainingProgress> {
  checkYear(year);
  checkCityCode(cityCode);
  const brandIds = [brand.id, ...(brand.subBrands ?? []).map((s) => s.id)];
  const { from, to } = countedWindow(brand, year);
  // a year is the programs' plan year (the year they start): the rollup index answers it as before
  const tallies = await ctx.loaders.of(tallyOf).load(year != null ? { brandIds, year, cityCode } : { brandIds, cityCode, from, to });
  const personTimes = tallies.reduce((sum, t) => sum + t.personTimes, 0);
  const target = brand.trainingTarget?.personTimes ?? null;
  return {
    personTimes,
    countedFrom: from,
    countedTo: to,
    target,
    ratio: target ? Math.round((personTimes / target) * 10_000) / 10_000 : null,
    byYear: [...sumBy(tallies, (t) => t.year)].sort(([a], [b]) => a - b).map(([y, n]) => ({ year: y, personTimes: n })),
    byCity: [...sumBy(tallies, (t) => t.cityCode)]
      .sort(([a, x], [b, y]) => y - x || a.localeCompare(b))
      .map(([code, n]) => ({ city: City.reference(code), personTimes: n })),
  };
}
