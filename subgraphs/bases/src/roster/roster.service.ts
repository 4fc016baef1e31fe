import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { badInput, conflict, DomainError, ErrorCode, notFound } from '@skills-sichuan/runtime';
import {
  assertNotDishonest,
  checkId,
  paginate,
  publishEvent,
  requireText,
  Workflow,
  type Page,
  type PageArgs,
  type RequestContext,
} from '@skills-sichuan/subgraph-kit';
import { Base } from '../base/base.entity';
import { BaseTier } from '../base/base.enums';
import { assertMainBaseFree } from '../base/base.service';
import { decisionDate } from '../checks';
import { Institution, InstitutionBrand } from '../institution/institution.entity';
import { withdrawSupport } from '../support/support.service';
import { inTransaction, nextSeq } from '../writes';
import { RosterAction, RosterDecision, RosterReason, RosterSubjectType } from './roster-decision.entity';
import type { RosterDecisionFilter } from './roster.input';
import { RosterStatus } from './roster.enums';

/** How a subject moves along the roster: off it and back (ADD), suspended and back (REINSTATE). */
export const rosterWorkflow = new Workflow<RosterStatus>('subject on the roster', {
  ACTIVE: [RosterStatus.SUSPENDED, RosterStatus.REVOKED, RosterStatus.EXITED],
  SUSPENDED: [RosterStatus.ACTIVE, RosterStatus.REVOKED, RosterStatus.EXITED],
  REVOKED: [RosterStatus.ACTIVE],
  EXITED: [RosterStatus.ACTIVE],
});

/** Where each action takes a subject; ADD also starts from nothing when a selection creates the subject. */
export const ROSTER_TARGET: Record<RosterAction, RosterStatus> = {
  [RosterAction.ADD]: RosterStatus.ACTIVE,
  [RosterAction.SUSPEND]: RosterStatus.SUSPENDED,
  [RosterAction.REINSTATE]: RosterStatus.ACTIVE,
  [RosterAction.REVOKE]: RosterStatus.REVOKED,
  [RosterAction.EXIT]: RosterStatus.EXITED,
};

/** Refuses an action the subject's status does not allow; back to ACTIVE is REINSTATE from SUSPENDED and ADD from off the roster. */
function assertRosterMove(subject: { name: string; status: RosterStatus }, action: RosterAction): RosterStatus {
  const to = ROSTER_TARGET[action];
  rosterWorkflow.assertMove(subject.status, to, { action });
  const named =
    to === RosterStatus.ACTIVE ? (subject.status === RosterStatus.SUSPENDED ? RosterAction.REINSTATE : RosterAction.ADD) : action;
  if (named !== action) {
    throw new DomainError(
      ErrorCode.INVALID_TRANSITION,
      `${subject.name} is ${subject.status}: it becomes ${to} by ${named}, not ${action}`,
      { action, from: subject.status, to },
    );
  }
  return to;
}

/** The actions that take a subject off the roster or suspend it: they need one of the plan's reasons. */
export const NEEDS_REASON = new Set([RosterAction.SUSPEND, RosterAction.REVOKE, RosterAction.EXIT]);

export interface RosterDecisionRequest {
  subjectType: RosterSubjectType;
  subjectId: string;
  action: RosterAction;
  reason?: RosterReason | null;
  explanation: string;
  decisionReference: string;
  decidedOn?: string | null;
  causeAssessmentId?: string | null;
  causeCreditEventId?: string | null;
}

type Subject = Base | Institution;

const subjectEntity = (type: RosterSubjectType) => (type === RosterSubjectType.BASE ? Base : Institution);

/** Validates what a decision says, whatever the subject's state: the written parts and the reason its action needs. */
export function checkDecisionRequest(request: RosterDecisionRequest): {
  explanation: string;
  decisionReference: string;
  decidedOn: string;
} {
  if (NEEDS_REASON.has(request.action) && !request.reason) {
    throw badInput(`a ${request.action} decision needs a reason: one of ${Object.values(RosterReason).join(', ')}`, { field: 'reason' });
  }
  if (!NEEDS_REASON.has(request.action) && request.reason) {
    throw badInput(`a ${request.action} decision takes no reason kind; say why in the explanation`, { field: 'reason' });
  }
  checkId(request.subjectId, 'subjectId');
  checkId(request.causeAssessmentId, 'causeAssessmentId');
  checkId(request.causeCreditEventId, 'causeCreditEventId');
  return {
    explanation: requireText(request.explanation, 'explanation', 1, 4000),
    decisionReference: requireText(request.decisionReference, 'decisionReference', 1, 100),
    decidedOn: decisionDate(request.decidedOn, 'decidedOn'),
  };
}

type Referenced = { __typename: string; id: string } | null;
interface CauseAnswer {
  assessment?: { result: string; subject: Referenced } | null;
  creditEvent?: { organization: { id: string }; subject: Referenced } | null;
}

/**
 * Checks the causes a decision names through the graph, as the viewer (adjustRoster is
 * PROVINCIAL_ADMIN's, who reads unpublished assessments too): each must exist and concern
 * the decision's subject (a credit event may instead concern its organisation), and a
 * FAILED_ASSESSMENT decision names an assessment whose result is FAIL.
 */
export async function checkCauses(ctx: RequestContext, request: RosterDecisionRequest, subject: Subject): Promise<void> {
  if (request.reason === RosterReason.FAILED_ASSESSMENT && !request.causeAssessmentId) {
    throw badInput('a FAILED_ASSESSMENT decision names the failed assessment: give causeAssessmentId', { field: 'causeAssessmentId' });
  }
  if (!request.causeAssessmentId && !request.causeCreditEventId) return;
  const referenced = '{ __typename ... on Base { id } ... on Institution { id } }';
  const parts: string[] = [];
  const declarations: string[] = [];
  if (request.causeAssessmentId) {
    declarations.push('$assessment: ID!');
    parts.push(`assessment(id: $assessment) { result subject ${referenced} }`);
  }
  if (request.causeCreditEventId) {
    declarations.push('$creditEvent: ID!');
    parts.push(`creditEvent(id: $creditEvent) { organization { id } subject ${referenced} }`);
  }
  const answer = await ctx.graph!.query<CauseAnswer>(ctx, `query (${declarations.join(', ')}) { ${parts.join(' ')} }`, {
    assessment: request.causeAssessmentId ?? undefined,
    creditEvent: request.causeCreditEventId ?? undefined,
  });
  const typename = request.subjectType === RosterSubjectType.BASE ? 'Base' : 'Institution';
  const isSubject = (ref: Referenced) => ref !== null && ref.__typename === typename && ref.id === subject.id;
  const organizationId = organizationOf(subject);
  if (request.causeAssessmentId) {
    const assessment = answer.assessment;
    if (!assessment) throw notFound(`no assessment has id ${request.causeAssessmentId}`, { field: 'causeAssessmentId' });
    if (!isSubject(assessment.subject))
      throw badInput(`assessment ${request.causeAssessmentId} is not of ${subject.name}`, {
        field: 'causeAssessmentId',
        reason: 'CAUSE_OF_ANOTHER_SUBJECT',
      });
    if (request.reason === RosterReason.FAILED_ASSESSMENT && assessment.result !== 'FAIL') {
      throw badInput(
        `a FAILED_ASSESSMENT decision names a failed assessment; assessment ${request.causeAssessmentId} is ${assessment.result}`,
        { field: 'causeAssessmentId', reason: 'ASSESSMENT_NOT_FAILED' },
      );
    }
  }
  if (request.causeCreditEventId) {
    const event = answer.creditEvent;
    if (!event) throw notFound(`no credit event has id ${request.causeCreditEventId}`, { field: 'causeCreditEventId' });
    const concerns = isSubject(event.subject) || event.organization.id === organizationId;
    if (!concerns)
      throw badInput(`credit event ${request.causeCreditEventId} concerns neither ${subject.name} nor its organisation`, {
        field: 'causeCreditEventId',
        reason: 'CAUSE_OF_ANOTHER_SUBJECT',
      });
  }
}

/** Appends a decision to a subject's history; its seq is one past the last, so two racing decisions cannot both land. */
export async function appendDecision(
  manager: EntityManager,
  ctx: RequestContext,
  fields: Omit<RosterDecision, 'id' | 'seq' | 'decidedBy' | 'recordedAt'>,
): Promise<RosterDecision> {
  const decision = Object.assign(new RosterDecision(), {
    ...fields,
    id: randomUUID(),
    seq: await nextSeq(manager, RosterDecision, 'subject_type = :type AND subject_id = :id', {
      type: fields.subjectType,
      id: fields.subjectId,
    }),
    decidedBy: ctx.viewer.subject ?? ctx.viewer.role,
    recordedAt: new Date().toISOString(),
  });
  await manager.getRepository(RosterDecision).insert(decision);
  return decision;
}

/**
 * 动态调整: one decision moves a base or institution along the roster (suspend, reinstate,
 * revoke, exit, add back) and is appended to its history, in one transaction.
 */
export async function adjustRoster(
  ctx: RequestContext,
  request: RosterDecisionRequest,
  /** more of the same transaction, once the decision is appended (the 审定 of a statement records itself) */
  alsoWithin?: (manager: EntityManager, decision: RosterDecision) => Promise<void>,
): Promise<RosterDecision> {
  const written = checkDecisionRequest(request);
  const entity = subjectEntity(request.subjectType);
  const subject: Subject | null = await ctx.db.getRepository<Subject>(entity).findOneBy({ id: request.subjectId });
  if (!subject) throw notFound(`no ${request.subjectType.toLowerCase()} has id ${request.subjectId}`);
  const to = assertRosterMove(subject, request.action);
  if (subject.designatedOn > written.decidedOn)
    throw badInput(`decidedOn ${written.decidedOn} is before the subject was designated (${subject.designatedOn})`);
  // a history reads in the order decisions took effect: a decision never predates the one it follows
  const latest = await ctx.db
    .getRepository(RosterDecision)
    .createQueryBuilder('d')
    .select('MAX(d.decided_on)', 'day')
    .where('d.subject_type = :type AND d.subject_id = :id', { type: request.subjectType, id: subject.id })
    .getRawOne<{ day: string | Date | null }>();
  const latestDay =
    latest?.day == null ? null : latest.day instanceof Date ? latest.day.toISOString().slice(0, 10) : String(latest.day).slice(0, 10);
  if (latestDay && written.decidedOn < latestDay) {
    throw badInput(`decidedOn ${written.decidedOn} is before ${subject.name}'s latest roster decision (${latestDay})`, {
      field: 'decidedOn',
      reason: 'BEFORE_LATEST_DECISION',
    });
  }
  await checkCauses(ctx, request, subject);
  return inTransaction(ctx, `${request.action} of ${subject.name}`, async (manager) => {
    if (to === RosterStatus.ACTIVE) {
      // 失信惩戒: a dishonest subject is not put back on the roster
      await assertNotDishonest(
        manager,
        { organizationId: organizationOf(subject), subjects: [{ type: request.subjectType, id: subject.id }] },
        `${request.action} of ${subject.name}`,
      );
    }
    if (subject instanceof Base && subject.tier === BaseTier.MAIN && to === RosterStatus.ACTIVE) {
      await assertMainBaseFree(manager, subject.brandId, subject.cityCode, subject.id);
    }
    // only from the status read above: a change made meanwhile makes this one fail instead of overwriting it
    const updated = await manager
      .createQueryBuilder()
      .update(entity)
      .set({ status: to })
      .where('id = :id AND status = :from', { id: subject.id, from: subject.status })
      .execute();
    if (updated.affected !== 1)
      throw conflict(`${subject.name} changed while this decision was made; read it again`, { reason: 'CONCURRENT_CHANGE' });
    const decision = await appendDecision(manager, ctx, {
      subjectType: request.subjectType,
      subjectId: subject.id,
      action: request.action,
      fromStatus: subject.status,
      toStatus: to,
      reason: request.reason ?? null,
      ...written,
      causeAssessmentId: request.causeAssessmentId ?? null,
      causeCreditEventId: request.causeCreditEventId ?? null,
    });
    await followDecision(manager, subject, decision);
    await alsoWithin?.(manager, decision);
    return decision;
  });
}

const organizationOf = (subject: Subject) => (subject instanceof Base ? subject.operatorId : subject.organizationId);

async function brandsOf(manager: EntityManager, subject: Subject): Promise<string[]> {
  if (subject instanceof Base) return [subject.brandId];
  const rows = await manager.getRepository(InstitutionBrand).findBy({ institutionId: subject.id });
  return rows.map((r) => r.brandId).sort();
}

/** The brands of the organisation's other ACTIVE bases and institutions: the licences they carry stay. */
async function remainingBrandIds(manager: EntityManager, subject: Subject): Promise<string[]> {
  const organizationId = organizationOf(subject);
  const bases = await manager
    .getRepository(Base)
    .createQueryBuilder('b')
    .select('DISTINCT b.brand_id', 'brandId')
    .where('b.operator_id = :organizationId AND b.status = :active AND b.id <> :id', {
      organizationId,
      active: RosterStatus.ACTIVE,
      id: subject.id,
    })
    .getRawMany<{ brandId: string }>();
  const institutions = await manager
    .getRepository(InstitutionBrand)
    .createQueryBuilder('ib')
    .innerJoin(Institution, 'i', 'i.id = ib.institution_id')
    .select('DISTINCT ib.brand_id', 'brandId')
    .where('i.organization_id = :organizationId AND i.status = :active AND i.id <> :id', {
      organizationId,
      active: RosterStatus.ACTIVE,
      id: subject.id,
    })
    .getRawMany<{ brandId: string }>();
  return [...new Set([...bases, ...institutions].map((r) => r.brandId))].sort();
}

/**
 * What a decision means beyond the roster, in its transaction: a disqualification (SUSPEND,
 * REVOKE, EXIT) withdraws the subject's policy support here and tells brands (its licences)
 * and evaluation (no assessment after it); a return to ACTIVE tells them too. The events are
 * in the outbox as the decision commits, so nothing is lost while another subgraph is down.
 */
export async function followDecision(manager: EntityManager, subject: Subject, decision: RosterDecision): Promise<void> {
  const subjectType = decision.subjectType === RosterSubjectType.BASE ? 'BASE' : 'INSTITUTION';
  const brandIds = await brandsOf(manager, subject);
  if (decision.action === RosterAction.SUSPEND || decision.action === RosterAction.REVOKE || decision.action === RosterAction.EXIT) {
    await withdrawSupport(manager, decision);
    await publishEvent(manager, 'roster.subject-disqualified', {
      decisionId: decision.id,
      decisionReference: decision.decisionReference,
      subjectType,
      subjectId: subject.id,
      organizationId: organizationOf(subject),
      action: decision.action,
      decidedOn: decision.decidedOn,
      brandIds,
      remainingBrandIds: await remainingBrandIds(manager, subject),
      subjectSeq: decision.seq,
    });
  } else if (decision.fromStatus !== null) {
    await publishEvent(manager, 'roster.subject-restored', {
      decisionId: decision.id,
      subjectType,
      subjectId: subject.id,
      organizationId: organizationOf(subject),
      action: decision.action as 'REINSTATE' | 'ADD',
      decidedOn: decision.decidedOn,
      brandIds,
      subjectSeq: decision.seq,
    });
  }
}

/** Query.rosterDecisions: newest first (decidedOn, then the order they were recorded), a page at a time. */
export function listRosterDecisions(
  ctx: RequestContext,
  filter: RosterDecisionFilter | null | undefined,
  page: PageArgs,
): Promise<Page<RosterDecision>> {
  checkId(filter?.subjectId, 'filter.subjectId');
  const query = ctx.db.getRepository(RosterDecision).createQueryBuilder('d');
  if (filter?.subjectType) query.andWhere('d.subject_type = :subjectType', { subjectType: filter.subjectType });
  if (filter?.subjectId) query.andWhere('d.subject_id = :subjectId', { subjectId: filter.subjectId });
  if (filter?.action) query.andWhere('d.action = :action', { action: filter.action });
  if (filter?.reason) query.andWhere('d.reason = :reason', { reason: filter.reason });
  if (filter?.decidedFrom) query.andWhere('d.decided_on >= :from', { from: filter.decidedFrom });
  if (filter?.decidedTo) query.andWhere('d.decided_on <= :to', { to: filter.decidedTo });
  return paginate(
    query,
    [
      { column: 'd.decided_on', property: 'decidedOn', direction: 'DESC' },
      { column: 'd.recorded_at', property: 'recordedAt', direction: 'DESC' },
      { column: 'd.id', property: 'id', direction: 'ASC' },
    ],
    page,
  );
}
