import { randomUUID } from 'node:crypto';
import { badInput, conflict, constraintViolated, notFound } from '@skills-sichuan/runtime';
import { In, IsNull, type EntityManager } from 'typeorm';
import { checkYear, publishEvent, type RequestContext, todayInChina, requireText } from '@skills-sichuan/subgraph-kit';
import { isDishonest } from './credit.rule';
import { organizationFacts, subjectOrganization, type OrganizationFacts } from '../subject/subject.graph';
import type { SubjectType } from '../subject/subject.enums';
import {
  CreditCommitment,
  CreditEvent,
  CreditEventKind,
  IntegrityInvestigation,
  InvestigationStatus,
  investigationWorkflow,
} from './credit.entity';
import type { CloseInvestigationArgs, OpenInvestigationInput, RecordCreditEventInput, SignCreditCommitmentInput } from './credit.input';

const PENALTIES = new Set([CreditEventKind.VIOLATION, CreditEventKind.DISHONESTY]);

/**
 * The organisation (and its city) a credit record is about, from the graph: the subject's
 * own organisation when a subject is named, which must be the organisation given.
 */
async function creditHolder(
  ctx: RequestContext,
  organizationId: string,
  subjectType?: SubjectType | null,
  subjectId?: string | null,
): Promise<OrganizationFacts> {
  if ((subjectType == null) !== (subjectId == null)) throw badInput('subjectType and subjectId go together: give both or neither');
  if (!subjectType || !subjectId) return organizationFacts(ctx, organizationId);
  const holder = await subjectOrganization(ctx, subjectType, subjectId);
  if (holder.organizationId !== organizationId) {
    throw badInput(`${subjectType.toLowerCase()} ${subjectId} belongs to organization ${holder.organizationId}, not ${organizationId}`);
  }
  return holder;
}

export async function recordCreditEvent(ctx: RequestContext, input: RecordCreditEventInput): Promise<CreditEvent> {
  const reason = requireText(input.reason, 'reason', 1, 4_000);
  if (!Number.isInteger(input.points) || input.points < -100 || input.points > 100)
    throw badInput(`points must be a whole number from -100 to 100, got ${input.points}`);
  if (PENALTIES.has(input.kind) ? input.points > 0 : input.points < 0) {
    throw badInput(
      `a ${input.kind} event ${PENALTIES.has(input.kind) ? 'takes points away (points ≤ 0)' : 'adds points (points ≥ 0)'}, got ${input.points}`,
    );
  }
  if (input.occurredOn > todayInChina()) throw badInput(`occurredOn ${input.occurredOn} is in the future`);
  if (input.investigationId) {
    const investigation = await ctx.db.getRepository(IntegrityInvestigation).findOneBy({ id: input.investigationId });
    if (!investigation) throw notFound(`no investigation has id ${input.investigationId}`);
    if (investigation.organizationId !== input.organizationId)
      throw badInput(`investigation ${input.investigationId} is of another organization`);
  }
  const holder = await creditHolder(ctx, input.organizationId, input.subjectType, input.subjectId);
  const event = Object.assign(new CreditEvent(), {
    id: randomUUID(),
    organizationId: holder.organizationId,
    cityCode: holder.cityCode,
    subjectType: input.subjectType ?? null,
    subjectId: input.subjectId ?? null,
    kind: input.kind,
    points: input.points,
    reason,
    occurredOn: input.occurredOn,
    recordedBy: ctx.viewer.subject ?? 'unknown',
    investigationId: input.investigationId ?? null,
  });
  await ctx.db.transaction(async (manager) => {
    await manager.getRepository(CreditEvent).insert(event);
    await announceListChange(manager, event);
  });
  return event;
}

const LIST_KINDS = new Set([CreditEventKind.DISHONESTY, CreditEventKind.REMEDIATION]);
const EVENT_SUBJECT = { Base: 'BASE', Institution: 'INSTITUTION' } as const;

/**
 * 失信惩戒 follows the subject everywhere: when a DISHONESTY or REMEDIATION event puts its
 * organisation or subject on the list or takes it off, the change goes to the outbox with the
 * event, for bases and brands to refuse (or admit again) at their doors.
 */
export async function announceListChange(manager: EntityManager, event: CreditEvent): Promise<void> {
  if (!LIST_KINDS.has(event.kind)) return;
  const own = await manager.getRepository(CreditEvent).find({
    where: { organizationId: event.organizationId, subjectId: event.subjectId ?? IsNull(), kind: In([...LIST_KINDS]) },
    order: { occurredOn: 'ASC', id: 'ASC' },
  });
  const before = own.filter((e) => e.id !== event.id);
  const dishonest = isDishonest(own);
  if (before.length > 0 && isDishonest(before) === dishonest) return;
  if (before.length === 0 && !dishonest) return;
  await publishEvent(manager, 'credit.dishonesty-changed', {
    organizationId: event.organizationId,
    subjectType: event.subjectType ? EVENT_SUBJECT[event.subjectType] : null,
    subjectId: event.subjectId,
    dishonest,
    creditEventId: event.id,
    occurredOn: event.occurredOn,
    subjectSeq: own.length,
  });
}

/** An organisation signs its own commitment for a year, once. */
export async function signCreditCommitment(ctx: RequestContext, input: SignCreditCommitmentInput): Promise<CreditCommitment> {
  ctx.viewer.assertOrganization(input.organizationId, 'signCreditCommitment');
  checkYear(input.year);
  const pledge = requireText(input.pledge, 'pledge', 1, 4_000);
  const repository = ctx.db.getRepository(CreditCommitment);
  if (await repository.existsBy({ organizationId: input.organizationId, year: input.year })) {
    throw conflict(`organization ${input.organizationId} already signed its commitment for ${input.year}`);
  }
  await organizationFacts(ctx, input.organizationId);
  const commitment = Object.assign(new CreditCommitment(), {
    id: randomUUID(),
    organizationId: input.organizationId,
    year: input.year,
    signedOn: todayInChina(),
    pledge,
  });
  try {
    await repository.insert(commitment);
  } catch (err) {
    if (constraintViolated(err) === 'unique')
      throw conflict(`organization ${input.organizationId} already signed its commitment for ${input.year}`);
    throw err;
  }
  return commitment;
}

export async function openInvestigation(ctx: RequestContext, input: OpenInvestigationInput): Promise<IntegrityInvestigation> {
  const scope = requireText(input.scope, 'scope', 1, 4_000);
  const holder = await creditHolder(ctx, input.organizationId, input.subjectType, input.subjectId);
  const investigation = Object.assign(new IntegrityInvestigation(), {
    id: randomUUID(),
    organizationId: holder.organizationId,
    cityCode: holder.cityCode,
    subjectType: input.subjectType ?? null,
    subjectId: input.subjectId ?? null,
    scope,
    openedOn: todayInChina(),
    status: InvestigationStatus.OPEN,
    finding: null,
    summary: null,
    closedOn: null,
  });
  await ctx.db.getRepository(IntegrityInvestigation).insert(investigation);
  return investigation;
}

/** OPEN → CLOSED with a finding and its summary, once. */
export async function closeInvestigation(
  ctx: RequestContext,
  { id, finding, summary }: CloseInvestigationArgs,
): Promise<IntegrityInvestigation> {
  const text = requireText(summary, 'summary', 1, 4_000);
  return ctx.db.transaction(async (manager) => {
    const repository = manager.getRepository(IntegrityInvestigation);
    const investigation = await repository.findOneBy({ id });
    if (!investigation) throw notFound(`no investigation has id ${id}`);
    investigationWorkflow.assertMove(investigation.status, InvestigationStatus.CLOSED);
    const closedOn = todayInChina();
    const { affected } = await repository.update(
      { id, status: InvestigationStatus.OPEN },
      { status: InvestigationStatus.CLOSED, finding, summary: text, closedOn },
    );
    // closed meanwhile: refused as the move it now is
    if (!affected) investigationWorkflow.assertMove(InvestigationStatus.CLOSED, InvestigationStatus.CLOSED);
    return Object.assign(investigation, { status: InvestigationStatus.CLOSED, finding, summary: text, closedOn });
  });
}
