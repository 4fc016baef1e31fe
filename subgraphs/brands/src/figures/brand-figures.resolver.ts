import { Args, Authorized, Ctx, Directive, FieldResolver, Resolver, Root } from 'type-graphql';
import { Role } from '@skills-sichuan/runtime';
import { checkGroupBy, type RequestContext } from '@skills-sichuan/subgraph-kit';
import { Brand } from '../brand/brand.entity';
import { brandById } from '../brand/brand.loader';
import { City } from '../city/city.stub';
import type { InfringementFinding, InfringementStatus } from '../infringement/infringement-report.entity';
import { UsageLicence } from '../licence/usage-licence.entity';
import { BrandUsageLicencesArgs, InfringementCount, InfringementCountsArgs } from './brand-figures';
import { brandLicencesKey, infringementCounts, licencesOfBrands, scopedInfringementFilter } from './brand-figures.loader';

/** A brand's licences and its infringement reports' counts, where both live. */
@Resolver(() => Brand)
export class BrandFiguresResolver {
  @Directive('@listSize(assumedSize: 100, requireOneSlicingArgument: false)')
  @FieldResolver(() => [UsageLicence], {
    nullable: true,
    description:
      'The brand’s usage licences (品牌使用许可), newest first; a public brand’s include its sub-brands’ unless includeSubBrands is false',
  })
  usageLicences(
    @Root() brand: Brand,
    @Ctx() { loaders }: RequestContext,
    @Args() { status, includeSubBrands }: BrandUsageLicencesArgs,
  ): Promise<UsageLicence[]> {
    return loaders.of(licencesOfBrands).load(brandLicencesKey(brand.id, { status, includeSubBrands }));
  }

  @Authorized(Role.CITY_ADMIN)
  @Directive('@listSize(assumedSize: 50, requireOneSlicingArgument: false)')
  @FieldResolver(() => [InfringementCount], {
    nullable: true,
    description:
      'Reports of counterfeit or infringing use by the dimensions in groupBy (none: one total), sorted by them; CITY_ADMIN (its city) and PROVINCIAL_ADMIN',
  })
  async infringementCounts(
    @Root() brand: Brand,
    @Ctx() ctx: RequestContext,
    @Args() { groupBy, filter, includeSubBrands }: InfringementCountsArgs,
  ): Promise<InfringementCount[]> {
    const groups = await ctx.loaders.of(infringementCounts).load({
      brandIds: [brand.id],
      subBrandsOf: includeSubBrands !== false ? [brand.id] : [],
      filter: scopedInfringementFilter(ctx, filter),
      groupBy: checkGroupBy(groupBy),
    });
    return Promise.all(
      groups.map(async (g) => ({
        brand: g.brandId ? await ctx.loaders.of(brandById).load(g.brandId) : null,
        city: g.CITY === null ? null : City.reference(String(g.CITY)),
        year: g.YEAR === null ? null : Number(g.YEAR),
        status: (g.STATUS as InfringementStatus | null) ?? null,
        finding: (g.FINDING as InfringementFinding | null) ?? null,
        count: g.count,
      })),
    );
  }
}
