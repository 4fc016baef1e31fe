import { randomUUID } from 'node:crypto';
import { IsNull, MoreThanOrEqual, type EntityManager } from 'typeorm';
import { badInput, DomainError, ErrorCode, notFound } from '@skills-sichuan/runtime';
import { assertNotDishonest, checkId, requireText, type RequestContext } from '@skills-sichuan/subgraph-kit';
import { Base } from '../base/base.entity';
import { decisionDate } from '../checks';
import { Institution } from '../institution/institution.entity';
import { RosterSubjectType, type RosterDecision } from '../roster/roster-decision.entity';
import { RosterStatus } from '../roster/roster.enums';
import { inTransaction } from '../writes';
import { PolicySupport } from './policy-support.entity';
import { SupportStatus } from './support.enums';
import type { GrantSupportInput } from './support.input';

export function supportStatusOn(support: PolicySupport, day: string): SupportStatus {
  if (support.withdrawnOn) return SupportStatus.WITHDRAWN;
  return support.validTo < day ? SupportStatus.EXPIRED : SupportStatus.ACTIVE;
}

/** 政策支持 for an ACTIVE subject whose organisation and self are not on the dishonesty list. */
export async function grantSupport(ctx: RequestContext, input: GrantSupportInput): Promise<PolicySupport> {
  checkId(input.subjectId, 'subjectId');
  const description = requireText(input.description, 'description', 2, 1000);
  const grantedBy = requireText(input.grantedBy, 'grantedBy', 2, 200);
  const grantedOn = decisionDate(input.grantedOn, 'grantedOn');
  if (input.validTo < input.validFrom)
    throw badInput(`validTo (${input.validTo}) precedes validFrom (${input.validFrom})`, { field: 'validTo' });
  const isBase = input.subjectType === RosterSubjectType.BASE;
  const subject = isBase
    ? await ctx.db.getRepository(Base).findOneBy({ id: input.subjectId })
    : await ctx.db.getRepository(Institution).findOneBy({ id: input.subjectId });
  if (!subject) throw notFound(`no ${input.subjectType.toLowerCase()} has id ${input.subjectId}`, { field: 'subjectId' });
  const organizationId = subject instanceof Base ? subject.operatorId : subject.organizationId;
  // 失信惩戒 first: a dishonest subject hears that, whatever else stands in the way
  await assertNotDishonest(ctx.db.manager, { organizationId, subjects: [{ type: input.subjectType, id: subject.id }] }, 'grantSupport');
  if (subject.status !== RosterStatus.ACTIVE)
    throw new DomainError(ErrorCode.INVALID_TRANSITION, `${subject.name} is ${subject.status}: support goes to subjects on the roster`, {
      reason: 'NOT_ACTIVE',
    });
  return inTransaction(ctx, `support for ${subject.name}`, async (manager) => {
    await assertNotDishonest(manager, { organizationId, subjects: [{ type: input.subjectType, id: subject.id }] }, 'grantSupport');
    const support = Object.assign(new PolicySupport(), {
      id: randomUUID(),
      subjectType: input.subjectType,
      subjectId: subject.id,
      organizationId,
      kind: input.kind,
      description,
      grantedBy,
      grantedOn,
      validFrom: input.validFrom,
      validTo: input.validTo,
      withdrawnOn: null,
      withdrawnByDecisionId: null,
      recordedBy: ctx.viewer.subject ?? ctx.viewer.role,
    });
    await manager.getRepository(PolicySupport).insert(support);
    return support;
  });
}

/**
 * 取消其相关资格和政策支持 (三(三)): a disqualifying decision withdraws every support of the
 * subject still running on its day, in the decision's transaction. Answers how many.
 */
export async function withdrawSupport(manager: EntityManager, decision: RosterDecision): Promise<number> {
  const result = await manager.getRepository(PolicySupport).update(
    {
      subjectType: decision.subjectType,
      subjectId: decision.subjectId,
      withdrawnOn: IsNull(),
      validTo: MoreThanOrEqual(decision.decidedOn),
    },
    { withdrawnOn: decision.decidedOn, withdrawnByDecisionId: decision.id },
  );
  return result.affected ?? 0;
}
