import { Arg, Authorized, Ctx, Directive, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import { Role } from '@skills-sichuan/runtime';
import { type RequestContext } from '@skills-sichuan/subgraph-kit';
import { Brand } from '../brand/brand.entity';
import { City } from '../city/city.stub';
import { ClusterUsageStandard, UsageQualification } from './usage-rule.entity';
import { AddClusterUsageStandardInput, AddUsageQualificationInput, WithdrawUsageQualificationInput } from './usage-rule.input';
import { clusterStandardsOf, qualificationsOf } from './usage-rule.loader';
import { addClusterUsageStandard, addUsageQualification, withdrawUsageQualification } from './usage-rule.service';

/** The rules of brand use (plan 二(五)): qualification conditions and industry-cluster usage standards. */
@Resolver(() => Brand)
export class UsageRuleResolver {
  @Directive('@listSize(assumedSize: 10, requireOneSlicingArgument: false)')
  @FieldResolver(() => [UsageQualification], { description: 'the conditions in force to use this brand (使用资格条件)' })
  usageQualifications(@Root() brand: Brand, @Ctx() { loaders }: RequestContext): Promise<UsageQualification[]> {
    return loaders.of(qualificationsOf).load(brand.id);
  }

  @Directive('@listSize(assumedSize: 10, requireOneSlicingArgument: false)')
  @FieldResolver(() => [ClusterUsageStandard], { description: 'usage standards of industry clusters (产业集群使用标准)' })
  clusterUsageStandards(@Root() brand: Brand, @Ctx() { loaders }: RequestContext): Promise<ClusterUsageStandard[]> {
    return loaders.of(clusterStandardsOf).load(brand.id);
  }

  @Authorized(Role.PROVINCIAL_ADMIN)
  @Mutation(() => UsageQualification)
  addUsageQualification(@Ctx() ctx: RequestContext, @Arg('input') input: AddUsageQualificationInput): Promise<UsageQualification> {
    return addUsageQualification(ctx, input);
  }

  @Authorized(Role.PROVINCIAL_ADMIN)
  @Mutation(() => UsageQualification, { description: 'Stops requiring a condition from the day given; its record stays' })
  withdrawUsageQualification(
    @Ctx() ctx: RequestContext,
    @Arg('input') input: WithdrawUsageQualificationInput,
  ): Promise<UsageQualification> {
    return withdrawUsageQualification(ctx, input);
  }

  @Authorized(Role.PROVINCIAL_ADMIN)
  @Mutation(() => ClusterUsageStandard)
  addClusterUsageStandard(@Ctx() ctx: RequestContext, @Arg('input') input: AddClusterUsageStandardInput): Promise<ClusterUsageStandard> {
    return addClusterUsageStandard(ctx, input);
  }
}

@Resolver(() => ClusterUsageStandard)
export class ClusterUsageStandardResolver {
  @FieldResolver(() => City, { nullable: true, description: 'the 市州 of the cluster, if it lies in one' })
  city(@Root() standard: ClusterUsageStandard): City | null {
    return standard.cityCode ? City.reference(standard.cityCode) : null;
  }
}
