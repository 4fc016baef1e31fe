import { In, IsNull, type EntityManager } from 'typeorm';
import { readByIds, readListByIds, type RequestContext, groupBy } from '@skills-sichuan/subgraph-kit';
import { SUBJECT_LIST } from '../subject/subject.graph';
import type { SubjectType } from '../subject/subject.enums';
import { CreditEvent, CreditEventKind } from './credit.entity';
import { isDishonest } from './credit.rule';

/**
 * Organisation-level list events: DISHONESTY and REMEDIATION recorded against an
 * organisation with no subject. An organisation on the list (a DISHONESTY of its own
 * without a later REMEDIATION of its own) puts every one of its bases and institutions on
 * it too (DOMAIN issue 6: a dishonesty listing flags the subject for disqualification).
 */
export const ORGANIZATION_LIST_KINDS = [CreditEventKind.DISHONESTY, CreditEventKind.REMEDIATION];
export const ORGANIZATION_LIST_EVENTS = { subjectId: IsNull(), kind: In(ORGANIZATION_LIST_KINDS) };

/** The organisations on the list through events of their own, each with its newest DISHONESTY event, from the given organisation-level events. */
export function dishonestOrganizations(events: readonly CreditEvent[]): Map<string, CreditEvent> {
  const byOrganization = groupBy(
    events.filter((e) => e.subjectId === null),
    (e) => e.organizationId,
  );
  const listed = new Map<string, CreditEvent>();
  for (const [organizationId, own] of byOrganization) {
    if (!isDishonest(own)) continue;
    const newest = own
      .filter((e) => e.kind === CreditEventKind.DISHONESTY)
      .sort((a, b) => (a.occurredOn < b.occurredOn ? 1 : a.occurredOn > b.occurredOn ? -1 : a.id < b.id ? -1 : 1))[0];
    listed.set(organizationId, newest);
  }
  return listed;
}

/** One statement: the organisations on the list through events of their own. */
export async function dishonestOrganizationsIn(manager: EntityManager): Promise<Map<string, CreditEvent>> {
  return dishonestOrganizations(
    await manager.getRepository(CreditEvent).find({ where: ORGANIZATION_LIST_EVENTS, order: { occurredOn: 'ASC', id: 'ASC' } }),
  );
}

/** Each subject's organisation, asked of the graph (the bases subgraph owns it). */
export async function subjectOrganizations(ctx: RequestContext, type: SubjectType, ids: readonly string[]): Promise<Map<string, string>> {
  if (type === 'Base') {
    const bases = await readListByIds<{ id: string; operator: { id: string } }>(ctx, SUBJECT_LIST.Base, ids, '{ id operator { id } }');
    return new Map(bases.map((b) => [b.id, b.operator.id]));
  }
  const institutions = await readListByIds<{ id: string; organization: { id: string } }>(
    ctx,
    SUBJECT_LIST.Institution,
    ids,
    '{ id organization { id } }',
  );
  return new Map(institutions.map((i) => [i.id, i.organization.id]));
}

type Roster = { id: string; status: string }[];

/** The ACTIVE bases and institutions of these organisations, asked of the graph. */
export async function activeSubjectsOf(
  ctx: RequestContext,
  organizationIds: readonly string[],
): Promise<{ subjectType: SubjectType; subjectId: string; organizationId: string }[]> {
  const organizations = await readByIds<{ bases: Roster; institutions: Roster }>(
    ctx,
    'organization',
    organizationIds,
    '{ bases { id status } institutions { id status } }',
  );
  const found: { subjectType: SubjectType; subjectId: string; organizationId: string }[] = [];
  // in the order asked, as the flags list them
  for (const organizationId of organizationIds) {
    const o = organizations.get(organizationId);
    if (!o) continue;
    for (const { id, status } of o.bases) if (status === 'ACTIVE') found.push({ subjectType: 'Base', subjectId: id, organizationId });
    for (const { id, status } of o.institutions)
      if (status === 'ACTIVE') found.push({ subjectType: 'Institution', subjectId: id, organizationId });
  }
  return found;
}
