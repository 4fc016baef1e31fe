import { randomUUID } from 'node:crypto';
import { badInput, conflict, DomainError, ErrorCode, notFound, Role } from '@skills-sichuan/runtime';
import { checkId, requireText, todayInChina, type RequestContext } from '@skills-sichuan/subgraph-kit';
import { Base } from '../base/base.entity';
import { decisionDate } from '../checks';
import { Institution } from '../institution/institution.entity';
import { inTransaction } from '../writes';
import { RosterAction, RosterSubjectType } from './roster-decision.entity';
import { RosterStatement, StatementStatus } from './roster-statement.entity';
import { RosterStatus } from './roster.enums';
import { adjustRoster } from './roster.service';
import type { ReviewRosterStatementInput, SubmitRosterStatementInput } from './statement.input';

const DISQUALIFYING = new Set([RosterAction.SUSPEND, RosterAction.REVOKE, RosterAction.EXIT]);

/** 书面说明: by the subject (its BASE_OPERATOR), or by the department for one received on paper; one pending per subject. */
export async function submitRosterStatement(ctx: RequestContext, input: SubmitRosterStatementInput): Promise<RosterStatement> {
  checkId(input.subjectId, 'subjectId');
  const explanation = requireText(input.explanation, 'explanation', 10, 4000);
  const subject =
    input.subjectType === RosterSubjectType.BASE
      ? await ctx.db.getRepository(Base).findOneBy({ id: input.subjectId })
      : await ctx.db.getRepository(Institution).findOneBy({ id: input.subjectId });
  if (!subject) throw notFound(`no ${input.subjectType.toLowerCase()} has id ${input.subjectId}`, { field: 'subjectId' });
  const organizationId = subject instanceof Base ? subject.operatorId : subject.organizationId;
  ctx.viewer.assertOrganization(organizationId, 'submitRosterStatement');
  if (subject.status !== RosterStatus.ACTIVE && subject.status !== RosterStatus.SUSPENDED)
    throw new DomainError(ErrorCode.INVALID_TRANSITION, `${subject.name} is ${subject.status}: it is no longer on the roster`);
  return inTransaction(ctx, `the statement of ${subject.name}`, async (manager) => {
    const pending = await manager.getRepository(RosterStatement).existsBy({ subjectId: subject.id, status: StatementStatus.PENDING });
    if (pending) throw conflict(`${subject.name} has a statement awaiting 审定 already`, { reason: 'PENDING_STATEMENT' });
    const statement = Object.assign(new RosterStatement(), {
      id: randomUUID(),
      subjectType: input.subjectType,
      subjectId: subject.id,
      organizationId,
      cityCode: subject.cityCode,
      reason: input.reason,
      explanation,
      submittedBy: ctx.viewer.subject ?? ctx.viewer.role,
      submittedOn: todayInChina(),
      status: StatementStatus.PENDING,
      reviewedBy: null,
      reviewedOn: null,
      reviewNote: null,
      decisionId: null,
    });
    await manager.getRepository(RosterStatement).insert(statement);
    return statement;
  });
}

/**
 * 审定: the department's review. Approval is a roster decision made with the subject's own
 * statement as its 书面说明 and the review as its reference, in one transaction with the
 * statement's closing; a rejection closes it and leaves the roster as it was.
 */
export async function reviewRosterStatement(ctx: RequestContext, input: ReviewRosterStatementInput): Promise<RosterStatement> {
  checkId(input.id, 'id');
  const note = requireText(input.note, 'note', 2, 4000);
  const reviewedOn = decisionDate(input.reviewedOn, 'reviewedOn');
  const statement = await ctx.db.getRepository(RosterStatement).findOneBy({ id: input.id });
  if (!statement) throw notFound(`no statement has id ${input.id}`);
  if (statement.status !== StatementStatus.PENDING)
    throw new DomainError(ErrorCode.INVALID_TRANSITION, `the statement was ${statement.status} on ${statement.reviewedOn} already`);
  if (reviewedOn < statement.submittedOn) throw badInput(`reviewedOn ${reviewedOn} is before the statement (${statement.submittedOn})`);
  const close = (status: StatementStatus, decisionId: string | null) =>
    Object.assign(statement, { status, reviewedBy: ctx.viewer.subject ?? Role.PROVINCIAL_ADMIN, reviewedOn, reviewNote: note, decisionId });
  const closeOnly = async (manager: import('typeorm').EntityManager, status: StatementStatus, decisionId: string | null) => {
    const updated = await manager
      .getRepository(RosterStatement)
      .update({ id: statement.id, status: StatementStatus.PENDING }, { ...close(status, decisionId) });
    if (updated.affected !== 1) throw conflict('the statement was reviewed meanwhile; read it again', { reason: 'CONCURRENT_CHANGE' });
  };
  if (!input.approve) {
    if (input.action) throw badInput('a rejected statement takes no action', { field: 'action' });
    await inTransaction(ctx, 'the review', (manager) => closeOnly(manager, StatementStatus.REJECTED, null));
    return statement;
  }
  if (!input.action || !DISQUALIFYING.has(input.action))
    throw badInput('an approved statement decides SUSPEND, REVOKE or EXIT', { field: 'action' });
  if (!input.decisionReference) throw badInput('an approved statement names its deciding document', { field: 'decisionReference' });
  await adjustRoster(
    ctx,
    {
      subjectType: statement.subjectType,
      subjectId: statement.subjectId,
      action: input.action,
      reason: statement.reason,
      explanation: `${statement.explanation}\n——审定意见：${note}`,
      decisionReference: input.decisionReference,
      decidedOn: reviewedOn,
    },
    (manager, decision) => closeOnly(manager, StatementStatus.APPROVED, decision.id),
  );
  return statement;
}
