import { Arg, Args, Ctx, Directive, FieldResolver, Resolver, Root } from 'type-graphql';
import { brandFamily, checkGroupBy, INCLUDE_SUB_BRANDS, type FigureGroup, type RequestContext } from '@skills-sichuan/subgraph-kit';
import { BaseTier } from '../base/base.enums';
import { Brand } from '../brand/brand.stub';
import { City } from '../city/city.entity';
import { cityByCode } from '../city/city.loader';
import { RosterStatus } from '../roster/roster.enums';
import { BaseCount, BaseCountsArgs } from './base-count';
import { baseCounts, checkBaseCountFilter, citiesWithoutMainBase } from './base-count.loader';

type BaseGroup = FigureGroup<'CITY' | 'TIER' | 'STATUS' | 'DESIGNATION_YEAR', 'count'>;

/** The roster's figures on a brand (各市州各品牌主/辅基地数), counted where the bases are. */
@Resolver(() => Brand)
export class BrandBaseFiguresResolver {
  @Directive('@listSize(assumedSize: 50, requireOneSlicingArgument: false)')
  @Directive('@requires(fields: "subBrands { id }")')
  @FieldResolver(() => [BaseCount], {
    nullable: true,
    description: 'Bases counted by the dimensions in groupBy (none: one total), sorted by them in that order',
  })
  async baseCounts(
    @Root() brand: Brand,
    @Ctx() { loaders }: RequestContext,
    @Args() { groupBy, filter, includeSubBrands }: BaseCountsArgs,
  ): Promise<BaseCount[]> {
    const groups = await loaders
      .of(baseCounts)
      .load({ brandIds: brandFamily(brand, includeSubBrands), filter: checkBaseCountFilter(filter), groupBy: checkGroupBy(groupBy) });
    return groups.map(countOf);
  }

  @Directive('@listSize(assumedSize: 21, requireOneSlicingArgument: false)')
  @Directive('@requires(fields: "subBrands { id }")')
  @FieldResolver(() => [City], {
    nullable: true,
    description: 'The 市州 where none of the brand’s main bases is ACTIVE (在册主基地覆盖缺口), by code',
  })
  citiesWithoutMainBase(
    @Root() brand: Brand,
    @Ctx() { loaders }: RequestContext,
    @Arg('includeSubBrands', () => Boolean, INCLUDE_SUB_BRANDS) includeSubBrands?: boolean | null,
  ): Promise<City[]> {
    return loaders.of(citiesWithoutMainBase).load(brandFamily(brand, includeSubBrands));
  }
}

function countOf(group: BaseGroup): BaseCount {
  return Object.assign(new BaseCount(), {
    brand: group.brandId ? Brand.reference(group.brandId) : null,
    city: group.CITY ? ({ code: String(group.CITY) } as City) : null,
    tier: (group.TIER as BaseTier | null) ?? null,
    status: (group.STATUS as RosterStatus | null) ?? null,
    designatedIn: group.DESIGNATION_YEAR === null ? null : Number(group.DESIGNATION_YEAR),
    count: group.count,
  });
}

@Resolver(() => BaseCount)
export class BaseCountResolver {
  @FieldResolver(() => City, { nullable: true })
  city(@Root() count: BaseCount, @Ctx() { loaders }: RequestContext): Promise<City> | null {
    // primed by the count's own statement
    return count.city ? loaders.of(cityByCode).load(count.city.code) : null;
  }
}
