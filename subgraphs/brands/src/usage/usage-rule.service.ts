import { randomUUID } from 'node:crypto';
import { QualificationKind } from './usage-rule.enums';
import { badInput, DomainError, ErrorCode, notFound } from '@skills-sichuan/runtime';
import { checkCityCode, requireText, type RequestContext } from '@skills-sichuan/subgraph-kit';
import { existingBrand } from '../brand/brand.service';
import { ClusterUsageStandard, UsageQualification } from './usage-rule.entity';
import type { AddClusterUsageStandardInput, AddUsageQualificationInput, WithdrawUsageQualificationInput } from './usage-rule.input';

export async function addUsageQualification(ctx: RequestContext, input: AddUsageQualificationInput): Promise<UsageQualification> {
  await existingBrand(ctx, input.brandId);
  const kind = input.kind ?? QualificationKind.ATTESTED;
  const level = input.minimumCreditLevel ?? null;
  if (kind === QualificationKind.MIN_CREDIT_LEVEL && !(level === 'A' || level === 'B' || level === 'C'))
    throw badInput('a MIN_CREDIT_LEVEL condition names minimumCreditLevel: A, B or C', { field: 'minimumCreditLevel' });
  if (kind !== QualificationKind.MIN_CREDIT_LEVEL && level !== null)
    throw badInput('minimumCreditLevel goes with a MIN_CREDIT_LEVEL condition only', { field: 'minimumCreditLevel' });
  const qualification = ctx.db.getRepository(UsageQualification).create({
    id: randomUUID(),
    brandId: input.brandId,
    requirement: requireText(input.requirement, 'requirement', 4, 1000),
    effectiveFrom: input.effectiveFrom,
    withdrawnOn: null,
    kind,
    minimumCreditLevel: level as UsageQualification['minimumCreditLevel'],
  });
  await ctx.db.getRepository(UsageQualification).insert(qualification);
  return qualification;
}

/** Stops requiring a condition from the day given; its record stays. */
export async function withdrawUsageQualification(
  ctx: RequestContext,
  { id, withdrawnOn }: WithdrawUsageQualificationInput,
): Promise<UsageQualification> {
  const qualification = await ctx.db.getRepository(UsageQualification).findOneBy({ id });
  if (!qualification) throw notFound(`no qualification condition has the id ${JSON.stringify(id)}`, { field: 'id' });
  if (qualification.withdrawnOn)
    throw new DomainError(ErrorCode.INVALID_TRANSITION, `it was withdrawn on ${qualification.withdrawnOn} already`);
  if (withdrawnOn < qualification.effectiveFrom)
    throw badInput(`withdrawnOn must not precede effectiveFrom (${qualification.effectiveFrom})`, { field: 'withdrawnOn' });
  qualification.withdrawnOn = withdrawnOn;
  await ctx.db.getRepository(UsageQualification).update({ id }, { withdrawnOn });
  return qualification;
}

export async function addClusterUsageStandard(ctx: RequestContext, input: AddClusterUsageStandardInput): Promise<ClusterUsageStandard> {
  await existingBrand(ctx, input.brandId);
  checkCityCode(input.cityCode);
  const standard = ctx.db.getRepository(ClusterUsageStandard).create({
    id: randomUUID(),
    brandId: input.brandId,
    cluster: requireText(input.cluster, 'cluster', 4, 120),
    cityCode: input.cityCode ?? null,
    requirements: requireText(input.requirements, 'requirements', 4, 2000),
    effectiveFrom: input.effectiveFrom,
  });
  await ctx.db.getRepository(ClusterUsageStandard).insert(standard);
  return standard;
}
