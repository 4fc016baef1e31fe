import type { EntityManager } from 'typeorm';
import { readListByIds, type RequestContext } from '@skills-sichuan/subgraph-kit';
import { Assessment, AssessmentResult } from '../assessment/assessment.entity';
import { CreditEvent, CreditEventKind } from '../credit/credit.entity';
import { SUBJECT_LIST } from '../subject/subject.graph';
import { subjectKey } from '../subject/subject-key';
import type { SubjectType } from '../subject/subject.enums';
import { activeSubjectsOf, dishonestOrganizationsIn } from '../credit/organization-dishonesty';

export enum FlagReason {
  /** the latest assessment's result is FAIL (评估不合格) */
  FAILED_ASSESSMENT = 'FAILED_ASSESSMENT',
  /** on the dishonesty list (失信) */
  DISHONEST = 'DISHONEST',
}

export interface FlagCandidate {
  subjectType: SubjectType;
  subjectId: string;
  reasons: FlagReason[];
  /** the failed latest assessment */
  assessment: Assessment | null;
  /** the newest DISHONESTY event that keeps the subject on the list */
  creditEvent: CreditEvent | null;
}

const TYPE_ORDER: Record<SubjectType, number> = { Base: 0, Institution: 1 };

/** Bases before institutions, then by id: the order flags are listed in. */
function inFlagOrder(candidates: Iterable<FlagCandidate>): FlagCandidate[] {
  return [...candidates].sort(
    (a, b) => TYPE_ORDER[a.subjectType] - TYPE_ORDER[b.subjectType] || (a.subjectId < b.subjectId ? -1 : a.subjectId > b.subjectId ? 1 : 0),
  );
}

/** The candidate for a subject, added unflagged the first time it is named. */
function candidateIn(candidates: Map<string, FlagCandidate>, subjectType: SubjectType, subjectId: string): FlagCandidate {
  const key = subjectKey({ type: subjectType, id: subjectId });
  let found = candidates.get(key);
  if (!found) candidates.set(key, (found = { subjectType, subjectId, reasons: [], assessment: null, creditEvent: null }));
  return found;
}

/**
 * Every subject flagged for disqualification (取消其相关资格和政策支持), whatever its roster
 * status: its latest assessment failed, or a DISHONESTY event against it has no REMEDIATION
 * on or after its date. Two statements; Base before Institution, then by id.
 */
export async function flagCandidates(manager: EntityManager): Promise<FlagCandidate[]> {
  const failed = await manager
    .getRepository(Assessment)
    .createQueryBuilder('a')
    .where('a.result = :fail', { fail: AssessmentResult.FAIL })
    .andWhere(
      'NOT EXISTS (SELECT 1 FROM assessment newer WHERE newer.subject_type = a.subject_type AND newer.subject_id = a.subject_id AND newer.year > a.year)',
    )
    .getMany();
  const dishonesty = await manager
    .getRepository(CreditEvent)
    .createQueryBuilder('e')
    .where('e.kind = :dishonesty AND e.subject_id IS NOT NULL', { dishonesty: CreditEventKind.DISHONESTY })
    .andWhere(
      `NOT EXISTS (SELECT 1 FROM credit_event r WHERE r.kind = :remediation AND r.subject_type = e.subject_type AND r.subject_id = e.subject_id AND r.occurred_on >= e.occurred_on)`,
      { remediation: CreditEventKind.REMEDIATION },
    )
    .orderBy('e.occurred_on', 'DESC')
    .addOrderBy('e.id', 'ASC')
    .getMany();

  const candidates = new Map<string, FlagCandidate>();
  for (const assessment of failed) {
    const c = candidateIn(candidates, assessment.subjectType, assessment.subjectId);
    c.reasons.push(FlagReason.FAILED_ASSESSMENT);
    c.assessment = assessment;
  }
  for (const event of dishonesty) {
    const c = candidateIn(candidates, event.subjectType!, event.subjectId!);
    if (c.creditEvent) continue; // newest first: the first is the one to cite
    c.reasons.push(FlagReason.DISHONEST);
    c.creditEvent = event;
  }
  return inFlagOrder(candidates.values());
}

/**
 * Adds the ACTIVE bases and institutions of organisations on the dishonesty list through
 * events of their own (no subject): DISHONEST via their organisation, citing its newest
 * DISHONESTY event. One statement, and one graph query per ten such organisations.
 */
export async function withDishonestOrganizations(ctx: RequestContext, candidates: FlagCandidate[]): Promise<FlagCandidate[]> {
  const listed = await dishonestOrganizationsIn(ctx.db.manager);
  if (listed.size === 0) return candidates;
  const byKey = new Map(candidates.map((c) => [subjectKey({ type: c.subjectType, id: c.subjectId }), c]));
  for (const { subjectType, subjectId, organizationId } of await activeSubjectsOf(ctx, [...listed.keys()])) {
    const c = candidateIn(byKey, subjectType, subjectId);
    if (c.reasons.includes(FlagReason.DISHONEST)) continue;
    c.reasons.push(FlagReason.DISHONEST);
    c.creditEvent = listed.get(organizationId)!;
  }
  return inFlagOrder(byKey.values());
}

/** Which of these subjects are ACTIVE on the roster, asked of the graph (the bases subgraph owns roster status). */
export async function activeSubjects(ctx: RequestContext, type: SubjectType, ids: string[]): Promise<Set<string>> {
  const active = await readListByIds(ctx, SUBJECT_LIST[type], ids, '{ id }', 'status: ACTIVE');
  return new Set(active.map((subject) => subject.id));
}

/** The flagged subjects that are still ACTIVE: what the dashboard alerts on and a roster decision acts on. */
export async function flaggedActiveSubjects(ctx: RequestContext, subjectType?: SubjectType | null): Promise<FlagCandidate[]> {
  const candidates = (await withDishonestOrganizations(ctx, await flagCandidates(ctx.db.manager))).filter(
    (c) => !subjectType || c.subjectType === subjectType,
  );
  const active = new Map<SubjectType, Set<string>>();
  for (const type of ['Base', 'Institution'] as const) {
    active.set(
      type,
      await activeSubjects(
        ctx,
        type,
        candidates.filter((c) => c.subjectType === type).map((c) => c.subjectId),
      ),
    );
  }
  return candidates.filter((c) => active.get(c.subjectType)!.has(c.subjectId));
}
