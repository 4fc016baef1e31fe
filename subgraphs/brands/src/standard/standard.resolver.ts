import { Arg, Args, Authorized, Ctx, Directive, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Role } from '@skills-sichuan/runtime';
import { type ReferenceResolver, type RequestContext } from '@skills-sichuan/subgraph-kit';
import { Brand } from '../brand/brand.entity';
import { Organization } from '../organization/organization.stub';
import { Standard, StandardCategory } from './standard.entity';
import { ChangeStandardStatusInput, DraftStandardInput, ReviseStandardInput, StandardsArgs } from './standard.input';
import { brandsOfStandard, drafterIdsOf, standardById, standardsOfBrands } from './standard.loader';
import {
  changeStandardStatus,
  draftStandard,
  findStandard,
  listStandards,
  reviseStandard,
  seesDrafts,
  standardReference,
  successorOfStandard,
  versionsOfStandard,
} from './standard.service';

@Resolver(() => Standard)
export class StandardResolver {
  @Directive('@listSize(assumedSize: 50, requireOneSlicingArgument: false)')
  @Query(() => [Standard], { description: 'The brand standard system, by code and newest version first' })
  standards(@Ctx() ctx: RequestContext, @Args() filter: StandardsArgs): Promise<Standard[]> {
    return listStandards(ctx, filter);
  }

  @Query(() => Standard, { nullable: true })
  standard(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string): Promise<Standard | null> {
    return findStandard(ctx, id);
  }

  @Directive('@listSize(assumedSize: 10, requireOneSlicingArgument: false)')
  @FieldResolver(() => [Brand])
  brands(@Root() standard: Standard, @Ctx() { loaders }: RequestContext): Promise<Brand[]> {
    return loaders.of(brandsOfStandard).load(standard.id);
  }

  @Directive('@listSize(assumedSize: 10, requireOneSlicingArgument: false)')
  @FieldResolver(() => [Organization], { nullable: true, description: 'who drafted it: cultivation subjects and industry associations' })
  async draftedBy(@Root() standard: Standard, @Ctx() { loaders }: RequestContext): Promise<Organization[]> {
    return (await loaders.of(drafterIdsOf).load(standard.id)).map(Organization.reference);
  }

  @FieldResolver(() => Standard, { nullable: true, description: 'the version this one replaced' })
  supersedes(@Root() standard: Standard, @Ctx() { loaders }: RequestContext): Promise<Standard | null> {
    return standard.supersedesId ? loaders.of(standardById).load(standard.supersedesId) : Promise.resolve(null);
  }

  @FieldResolver(() => Standard, { nullable: true, description: 'the version that replaced this one' })
  supersededBy(@Root() standard: Standard, @Ctx() ctx: RequestContext): Promise<Standard | null> {
    return successorOfStandard(ctx, standard);
  }

  @Directive('@listSize(assumedSize: 10, requireOneSlicingArgument: false)')
  @FieldResolver(() => [Standard], { description: 'every version of this standard, newest first' })
  history(@Root() standard: Standard, @Ctx() ctx: RequestContext): Promise<Standard[]> {
    return versionsOfStandard(ctx, standard);
  }

  @Authorized(Role.PROVINCIAL_ADMIN)
  @Mutation(() => Standard, { description: 'Starts a new standard as a draft, version 1.0 unless given' })
  draftStandard(@Ctx() ctx: RequestContext, @Arg('input') input: DraftStandardInput): Promise<Standard> {
    return draftStandard(ctx, input);
  }

  @Authorized(Role.PROVINCIAL_ADMIN)
  @Mutation(() => Standard, { description: 'Drafts a new version of a published standard; publishing it retires the old one' })
  reviseStandard(@Ctx() ctx: RequestContext, @Arg('input') input: ReviseStandardInput): Promise<Standard> {
    return reviseStandard(ctx, input);
  }

  @Authorized(Role.PROVINCIAL_ADMIN)
  @Mutation(() => Standard, { description: 'DRAFT → PUBLISHED or PUBLISHED → RETIRED, effective on the day given; never back' })
  changeStandardStatus(
    @Ctx() ctx: RequestContext,
    @Arg('input') { id, status, effectiveOn }: ChangeStandardStatusInput,
  ): Promise<Standard> {
    return changeStandardStatus(ctx, id, status, effectiveOn);
  }
}

@Resolver(() => Brand)
export class BrandStandardsResolver {
  @Directive('@listSize(assumedSize: 10, requireOneSlicingArgument: false)')
  @FieldResolver(() => [Standard], { description: 'the standards that apply to this brand' })
  standards(
    @Root() brand: Brand,
    @Ctx() ctx: RequestContext,
    @Arg('category', () => StandardCategory, { nullable: true }) category?: StandardCategory,
  ): Promise<Standard[]> {
    return ctx.loaders.of(standardsOfBrands).load({ brandId: brand.id, category, withDrafts: seesDrafts(ctx) });
  }
}

export const resolveStandardReference: ReferenceResolver<{ id: string }> = ({ id }, ctx) => standardReference(ctx, id);
