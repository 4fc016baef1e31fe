import { Args, Ctx, Directive, FieldResolver, Resolver, Root } from 'type-graphql';
import { brandFamily, checkGroupBy, rate, type RequestContext } from '@skills-sichuan/subgraph-kit';
import { Brand, City } from '../brand/brand.stub';
import type { CompetitionLevel } from '../competition/competition.entity';
import { CompetitionCount, CompetitionCountsArgs, TrainingOutcome, TrainingOutcomesArgs } from './training-figures';
import { checkYearAndCity, competitionCounts, trainingOutcomes } from './training-figures.loader';

const yearOf = (value: string | number | null) => (value === null ? null : Number(value));
const cityOf = (value: string | number | null) => (value === null ? null : City.reference(String(value)));

/** Trainees' outcomes and competitions on a brand (某品牌学员就业率, 省级竞赛场次与人数), counted where the records are. */
@Resolver(() => Brand)
export class BrandTrainingFiguresResolver {
  @Directive('@listSize(assumedSize: 50, requireOneSlicingArgument: false)')
  @Directive('@requires(fields: "subBrands { id }")')
  @FieldResolver(() => [TrainingOutcome], {
    nullable: true,
    description: 'Completion, certification and employment of trainees by the dimensions in groupBy (none: one total), sorted by them',
  })
  async trainingOutcomes(
    @Root() brand: Brand,
    @Ctx() { loaders }: RequestContext,
    @Args() { groupBy, filter, includeSubBrands }: TrainingOutcomesArgs,
  ): Promise<TrainingOutcome[]> {
    const groups = await loaders
      .of(trainingOutcomes)
      .load({ brandIds: brandFamily(brand, includeSubBrands), filter: checkYearAndCity(filter), groupBy: checkGroupBy(groupBy) });
    return groups.map((g) => ({
      brand: g.brandId ? Brand.reference(g.brandId) : null,
      city: cityOf(g.CITY),
      year: yearOf(g.YEAR),
      personTimes: g.personTimes,
      completed: g.completed,
      certified: g.certified,
      outcomesReported: g.outcomesReported,
      employed: g.employed,
      certificationRate: rate(g.certified, g.completed),
      employmentRate: rate(g.employed, g.completed),
    }));
  }

  @Directive('@listSize(assumedSize: 50, requireOneSlicingArgument: false)')
  @Directive('@requires(fields: "subBrands { id }")')
  @FieldResolver(() => [CompetitionCount], {
    nullable: true,
    description: 'Competitions and contestants by the dimensions in groupBy (none: one total), sorted by them',
  })
  async competitionCounts(
    @Root() brand: Brand,
    @Ctx() { loaders }: RequestContext,
    @Args() { groupBy, filter, includeSubBrands }: CompetitionCountsArgs,
  ): Promise<CompetitionCount[]> {
    const groups = await loaders
      .of(competitionCounts)
      .load({ brandIds: brandFamily(brand, includeSubBrands), filter: checkYearAndCity(filter), groupBy: checkGroupBy(groupBy) });
    return groups.map((g) => ({
      brand: g.brandId ? Brand.reference(g.brandId) : null,
      city: cityOf(g.CITY),
      year: yearOf(g.YEAR),
      level: (g.LEVEL as CompetitionLevel | null) ?? null,
      competitions: g.competitions,
      participants: g.participants,
    }));
  }
}
