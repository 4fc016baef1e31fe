import { randomUUID } from 'node:crypto';
import { Arg, Authorized, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import { badInput, DomainError, ErrorCode, notFound, Role } from '@skills-sichuan/runtime';
import { checkCityCode, requireText, type RequestContext } from '@skills-sichuan/subgraph-kit';
import { Brand } from '../brand/brand.entity';
import { City } from '../city/city.stub';
import { BrandService } from '../brand/brand.service';
import { ClusterUsageStandard, UsageQualification } from './usage-rule.entity';
import { AddClusterUsageStandardInput, AddUsageQualificationInput, WithdrawUsageQualificationInput } from './usage-rule.input';
import { clusterStandardsOf, qualificationsOf } from './usage-rule.loader';

/** The rules of brand use (plan 二(五)): qualification conditions and industry-cluster usage standards. */
@Resolver(() => Brand)
export class UsageRuleResolver {
  @FieldResolver(() => [UsageQualification], { description: 'the conditions in force to use this brand (使用资格条件)' })
  usageQualifications(@Root() brand: Brand, @Ctx() { loaders }: RequestContext): Promise<UsageQualification[]> {
    return loaders.of(qualificationsOf).load(brand.id);
  }

  @FieldResolver(() => [ClusterUsageStandard], { description: 'usage standards of industry clusters (产业集群使用标准)' })
  clusterUsageStandards(@Root() brand: Brand, @Ctx() { loaders }: RequestContext): Promise<ClusterUsageStandard[]> {
    return loaders.of(clusterStandardsOf).load(brand.id);
  }

  @Authorized(Role.PROVINCIAL_ADMIN)
  @Mutation(() => UsageQualification)
  async addUsageQualification(@Ctx() ctx: RequestContext, @Arg('input') input: AddUsageQualificationInput): Promise<UsageQualification> {
    await BrandService.existing(ctx, input.brandId);
    const qualification = ctx.db.getRepository(UsageQualification).create({
      id: randomUUID(), brandId: input.brandId, requirement: requireText(input.requirement, 'requirement', 4, 1000), effectiveFrom: input.effectiveFrom, withdrawnOn: null,
    });
    await ctx.db.getRepository(UsageQualification).insert(qualification);
    return qualification;
  }

  @Authorized(Role.PROVINCIAL_ADMIN)
  @Mutation(() => UsageQualification, { description: 'Stops requiring a condition from the day given; its record stays' })
  async withdrawUsageQualification(@Ctx() ctx: RequestContext, @Arg('input') { id, withdrawnOn }: WithdrawUsageQualificationInput): Promise<UsageQualification> {
    const qualification = await ctx.db.getRepository(UsageQualification).findOneBy({ id });
    if (!qualification) throw notFound(`no qualification condition has the id ${JSON.stringify(id)}`, { field: 'id' });
    if (qualification.withdrawnOn) throw new DomainError(ErrorCode.INVALID_TRANSITION, `it was withdrawn on ${qualification.withdrawnOn} already`);
    if (withdrawnOn < qualification.effectiveFrom) throw badInput(`withdrawnOn must not precede effectiveFrom (${qualification.effectiveFrom})`, { field: 'withdrawnOn' });
    qualification.withdrawnOn = withdrawnOn;
    await ctx.db.getRepository(UsageQualification).update({ id }, { withdrawnOn });
    return qualification;
  }

  @Authorized(Role.PROVINCIAL_ADMIN)
  @Mutation(() => ClusterUsageStandard)
  async addClusterUsageStandard(@Ctx() ctx: RequestContext, @Arg('input') input: AddClusterUsageStandardInput): Promise<ClusterUsageStandard> {
    await BrandService.existing(ctx, input.brandId);
    checkCityCode(input.cityCode);
    const standard = ctx.db.getRepository(ClusterUsageStandard).create({
      id: randomUUID(), brandId: input.brandId, cluster: requireText(input.cluster, 'cluster', 4, 120), cityCode: input.cityCode ?? null,
      requirements: requireText(input.requirements, 'requirements', 4, 2000), effectiveFrom: input.effectiveFrom,
    });
    await ctx.db.getRepository(ClusterUsageStandard).insert(standard);
    return standard;
  }
}

@Resolver(() => ClusterUsageStandard)
export class ClusterUsageStandardResolver {
  @FieldResolver(() => City, { nullable: true, description: 'the 市州 of the cluster, if it lies in one' })
  city(@Root() standard: ClusterUsageStandard): City | null {
    return standard.cityCode ? City.reference(standard.cityCode) : null;
  }
}
