import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Role } from '@skills-sichuan/runtime';
import { type ReferenceResolver, type RequestContext } from '@skills-sichuan/subgraph-kit';
import { Brand } from '../brand/brand.entity';
import { Organization } from '../organization/organization.stub';
import { Standard, StandardCategory, StandardStatus } from './standard.entity';
import { ChangeStandardStatusInput, DraftStandardInput, ReviseStandardInput, StandardsArgs } from './standard.input';
import { brandsOfStandard, drafterIdsOf, standardById, standardsOfBrands, successorOf, versionsOf } from './standard.loader';
import { seesDrafts, StandardService } from './standard.service';

@Resolver(() => Standard)
export class StandardResolver {
  @Query(() => [Standard], { description: 'The brand standard system, by code and newest version first' })
  standards(@Ctx() ctx: RequestContext, @Args() filter: StandardsArgs): Promise<Standard[]> {
    return StandardService.list(ctx, filter);
  }

  @Query(() => Standard, { nullable: true })
  standard(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string): Promise<Standard | null> {
    return StandardService.find(ctx, id);
  }

  @FieldResolver(() => [Brand])
  brands(@Root() standard: Standard, @Ctx() { loaders }: RequestContext): Promise<Brand[]> {
    return loaders.of(brandsOfStandard).load(standard.id);
  }

  @FieldResolver(() => [Organization], { description: 'who drafted it: cultivation subjects and industry associations' })
  async draftedBy(@Root() standard: Standard, @Ctx() { loaders }: RequestContext): Promise<Organization[]> {
    return (await loaders.of(drafterIdsOf).load(standard.id)).map(Organization.reference);
  }

  @FieldResolver(() => Standard, { nullable: true, description: 'the version this one replaced' })
  supersedes(@Root() standard: Standard, @Ctx() { loaders }: RequestContext): Promise<Standard | null> {
    return standard.supersedesId ? loaders.of(standardById).load(standard.supersedesId) : Promise.resolve(null);
  }

  @FieldResolver(() => Standard, { nullable: true, description: 'the version that replaced this one' })
  async supersededBy(@Root() standard: Standard, @Ctx() ctx: RequestContext): Promise<Standard | null> {
    const successor = await ctx.loaders.of(successorOf).load(standard.id);
    return successor && (successor.status !== StandardStatus.DRAFT || seesDrafts(ctx)) ? successor : null;
  }

  @FieldResolver(() => [Standard], { description: 'every version of this standard, newest first' })
  async history(@Root() standard: Standard, @Ctx() ctx: RequestContext): Promise<Standard[]> {
    return (await ctx.loaders.of(versionsOf).load(standard.code)).filter((s) => s.status !== StandardStatus.DRAFT || seesDrafts(ctx));
  }

  @Authorized(Role.PROVINCIAL_ADMIN)
  @Mutation(() => Standard, { description: 'Starts a new standard as a draft, version 1.0 unless given' })
  draftStandard(@Ctx() ctx: RequestContext, @Arg('input') input: DraftStandardInput): Promise<Standard> {
    return StandardService.draft(ctx, input);
  }

  @Authorized(Role.PROVINCIAL_ADMIN)
  @Mutation(() => Standard, { description: 'Drafts a new version of a published standard; publishing it retires the old one' })
  reviseStandard(@Ctx() ctx: RequestContext, @Arg('input') input: ReviseStandardInput): Promise<Standard> {
    return StandardService.revise(ctx, input);
  }

  @Authorized(Role.PROVINCIAL_ADMIN)
  @Mutation(() => Standard, { description: 'DRAFT → PUBLISHED or PUBLISHED → RETIRED, effective on the day given; never back' })
  changeStandardStatus(@Ctx() ctx: RequestContext, @Arg('input') { id, status, effectiveOn }: ChangeStandardStatusInput): Promise<Standard> {
    return StandardService.changeStatus(ctx, id, status, effectiveOn);
  }
}

@Resolver(() => Brand)
export class BrandStandardsResolver {
  @FieldResolver(() => [Standard], { description: 'the standards that apply to this brand' })
  standards(@Root() brand: Brand, @Ctx() ctx: RequestContext, @Arg('category', () => StandardCategory, { nullable: true }) category?: StandardCategory): Promise<Standard[]> {
    return ctx.loaders.of(standardsOfBrands).load({ brandId: brand.id, category, withDrafts: seesDrafts(ctx) });
  }
}

export const resolveStandardReference: ReferenceResolver<{ id: string }> = async ({ id }, ctx) => {
  const standard = await ctx.loaders.of(standardById).load(id);
  return standard && (standard.status !== StandardStatus.DRAFT || seesDrafts(ctx)) ? standard : null;
};
