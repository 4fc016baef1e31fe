import { checkCityCode, checkYear, type RequestContext } from '@skills-sichuan/subgraph-kit';
import { City, type Brand } from '../brand/brand.stub';
import { tallyOf, type Tally } from './progress.loader';
import type { TrainingProgress } from './training-progress';

function sumBy<K>(tallies: Tally[], keyOf: (t: Tally) => K): Map<K, number> {
  const sums = new Map<K, number>();
  for (const t of tallies) sums.set(keyOf(t), (sums.get(keyOf(t)) ?? 0) + t.personTimes);
  return sums;
}

/** A brand's person-times (its sub-brands' included) against its target, within a year and a city if given. */
export async function trainingProgressOf(
  ctx: RequestContext,
  brand: Brand,
  { year, cityCode }: { year?: number | null; cityCode?: string | null },
): Promise<TrainingProgress> {
  checkYear(year);
  checkCityCode(cityCode);
  const brandIds = [brand.id, ...(brand.subBrands ?? []).map((s) => s.id)];
  const tallies = await ctx.loaders.of(tallyOf).load({ brandIds, year, cityCode });
  const personTimes = tallies.reduce((sum, t) => sum + t.personTimes, 0);
  const target = brand.trainingTarget?.personTimes ?? null;
  return {
    personTimes,
    target,
    ratio: target ? Math.round((personTimes / target) * 10_000) / 10_000 : null,
    byYear: [...sumBy(tallies, (t) => t.year)].sort(([a], [b]) => a - b).map(([y, n]) => ({ year: y, personTimes: n })),
    byCity: [...sumBy(tallies, (t) => t.cityCode)]
      .sort(([a, x], [b, y]) => y - x || a.localeCompare(b))
      .map(([code, n]) => ({ city: City.reference(code), personTimes: n })),
  };
}
