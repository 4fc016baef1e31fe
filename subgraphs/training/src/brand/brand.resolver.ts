import { Args, Ctx, Directive, FieldResolver, Resolver, Root } from 'type-graphql';
import { casesOfBrand } from '../case/typical-case.resolver';
import { TypicalCase } from '../case/typical-case.entity';
import { checkCityCode, checkYear, type ReferenceResolver, type RequestContext } from '@skills-sichuan/subgraph-kit';
import { tallyOf, type Tally } from '../progress/progress.loader';
import { TrainingProgress } from '../progress/training-progress';
import { TrainingProgressArgs } from './brand.input';
import { Brand, City } from './brand.stub';

function sumBy<K>(tallies: Tally[], keyOf: (t: Tally) => K): Map<K, number> {
  const sums = new Map<K, number>();
  for (const t of tallies) sums.set(keyOf(t), (sums.get(keyOf(t)) ?? 0) + t.personTimes);
  return sums;
}

@Resolver(() => Brand)
export class BrandProgressResolver {
  @FieldResolver(() => TrainingProgress, { description: 'Person-times against the 2025 target, for a year and a city if given' })
  @Directive('@requires(fields: "trainingTarget { personTimes } subBrands { id }")')
  async trainingProgress(
    @Root() brand: Brand,
    @Ctx() { loaders }: RequestContext,
    @Args() { year, cityCode }: TrainingProgressArgs,
  ): Promise<TrainingProgress> {
    checkYear(year);
    checkCityCode(cityCode);
    const brandIds = [brand.id, ...(brand.subBrands ?? []).map((s) => s.id)];
    const tallies = await loaders.of(tallyOf).load({ brandIds, year, cityCode });
    const personTimes = tallies.reduce((sum, t) => sum + t.personTimes, 0);
    const target = brand.trainingTarget?.personTimes ?? null;
    return {
      personTimes,
      target,
      ratio: target ? Math.round((personTimes / target) * 10_000) / 10_000 : null,
      byYear: [...sumBy(tallies, (t) => t.year)].sort(([a], [b]) => a - b).map(([y, n]) => ({ year: y, personTimes: n })),
      byCity: [...sumBy(tallies, (t) => t.cityCode)]
        .sort(([a, x], [b, y]) => y - x || a.localeCompare(b))
        .map(([code, n]) => ({ city: Object.assign(new City(), { code }), personTimes: n })),
    };
  }

  @FieldResolver(() => [TypicalCase], { description: 'Typical experiences and excellent cases about this brand, newest first' })
  typicalCases(@Root() brand: Brand, @Ctx() { loaders }: RequestContext): Promise<TypicalCase[]> {
    return loaders.of(casesOfBrand).load(brand.id);
  }
}

export const resolveBrandReference: ReferenceResolver<Brand> = (representation) => Object.assign(new Brand(), representation);
