import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Authorized, Ctx, Directive, FieldResolver, Info, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Role } from '@skills-sichuan/runtime';
import { argumentsAsked, type ReferenceResolver, type RequestContext } from '@skills-sichuan/subgraph-kit';
import { brandLicencesKey, licencesOfBrands } from '../figures/brand-figures.loader';
import { Brand, TrainingTarget } from './brand.entity';
import { Provenance } from './brand.enums';
import { BrandLookupArgs, BrandsArgs, CreateSubBrandInput, SetTrainingTargetInput } from './brand.input';
import { brandById, subBrandsOf } from './brand.loader';
import { createSubBrand, findBrand, listBrands, setTrainingTarget } from './brand.service';

@Resolver(() => Brand)
export class BrandResolver {
  @Directive('@listSize(assumedSize: 30, requireOneSlicingArgument: false)')
  @Query(() => [Brand], { description: 'The brands, public brands first in the plan’s order' })
  brands(@Ctx() ctx: RequestContext, @Args() filter: BrandsArgs): Promise<Brand[]> {
    return listBrands(ctx, filter);
  }

  @Query(() => Brand, { nullable: true, description: 'One brand by exactly one of id, code or name; null when none matches' })
  brand(@Ctx() ctx: RequestContext, @Args() { id, code, name }: BrandLookupArgs, @Info() info: GraphQLResolveInfo): Promise<Brand | null> {
    // a brand's licences asked by id are read ahead, in the same statement as the brand: its resolver finds them loaded
    if (id)
      for (const args of argumentsAsked(info, 'usageLicences'))
        // a failure reaches the field's own load; unasked for a brand that is not there, it is nobody's
        ctx.loaders
          .of(licencesOfBrands)
          .load(brandLicencesKey(id, args))
          .catch(() => undefined);
    return findBrand(ctx, { id, code, name });
  }

  @Authorized(Role.PROVINCIAL_ADMIN)
  @Mutation(() => Brand, { description: 'Adds a sub-brand to one of the five public brands' })
  createSubBrand(@Ctx() ctx: RequestContext, @Arg('input') input: CreateSubBrandInput): Promise<Brand> {
    return createSubBrand(ctx, input);
  }

  @Authorized(Role.PROVINCIAL_ADMIN)
  @Mutation(() => Brand, {
    description: 'Sets a brand’s training target and the day it counts from, or clears it when personTimes and deadline are both null',
  })
  setTrainingTarget(@Ctx() ctx: RequestContext, @Arg('input') input: SetTrainingTargetInput): Promise<Brand> {
    return setTrainingTarget(ctx, input);
  }

  @FieldResolver(() => Brand, { nullable: true })
  parent(@Root() brand: Brand, @Ctx() { loaders }: RequestContext): Promise<Brand | null> {
    return brand.parentId ? loaders.of(brandById).load(brand.parentId) : Promise.resolve(null);
  }

  @Directive('@listSize(assumedSize: 10, requireOneSlicingArgument: false)')
  @FieldResolver(() => [Brand])
  subBrands(@Root() brand: Brand, @Ctx() { loaders }: RequestContext): Promise<Brand[]> {
    return loaders.of(subBrandsOf).load(brand.id);
  }

  @FieldResolver(() => TrainingTarget, { nullable: true, description: 'null for sub-brands without their own target' })
  trainingTarget(@Root() brand: Brand): TrainingTarget | null {
    // ck_brand_target_window keeps the three together
    if (brand.targetPersonTimes === null || brand.targetDeadline === null || brand.targetCountsFrom === null) return null;
    return {
      personTimes: brand.targetPersonTimes,
      deadline: brand.targetDeadline,
      countsFrom: brand.targetCountsFrom,
      provenance: brand.targetProvenance ?? Provenance.PROGRAM_OFFICE,
    };
  }
}

export const resolveBrandReference: ReferenceResolver<{ id: string }> = ({ id }, { loaders }) => loaders.of(brandById).load(id);
