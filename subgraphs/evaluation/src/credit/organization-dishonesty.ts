import { In, IsNull, type EntityManager } from 'typeorm';
import { MAX_PAGE_SIZE, type RequestContext } from '@skills-sichuan/kit';
import type { SubjectType } from '../subject/subject.stub';
import { CreditEvent, CreditEventKind } from './credit.entity';
import { isDishonest } from './credit.rule';

/**
 * Organisation-level list events: DISHONESTY and REMEDIATION recorded against an
 * organisation with no subject. An organisation on the list (a DISHONESTY of its own
 * without a later REMEDIATION of its own) puts every one of its bases and institutions on
 * it too (DOMAIN issue 6: a dishonesty listing flags the subject for disqualification).
 */
export const ORGANIZATION_LIST_EVENTS = { subjectId: IsNull(), kind: In([CreditEventKind.DISHONESTY, CreditEventKind.REMEDIATION]) };

/** The organisations on the list through events of their own, each with its newest DISHONESTY event, from the given organisation-level events. */
export function dishonestOrganizations(events: readonly CreditEvent[]): Map<string, CreditEvent> {
  const byOrganization = new Map<string, CreditEvent[]>();
  for (const e of events) {
    if (e.subjectId !== null) continue;
    byOrganization.set(e.organizationId, [...(byOrganization.get(e.organizationId) ?? []), e]);
  }
  const listed = new Map<string, CreditEvent>();
  for (const [organizationId, own] of byOrganization) {
    if (!isDishonest(own)) continue;
    const newest = own.filter((e) => e.kind === CreditEventKind.DISHONESTY).sort((a, b) => (a.occurredOn < b.occurredOn ? 1 : a.occurredOn > b.occurredOn ? -1 : a.id < b.id ? -1 : 1))[0];
    listed.set(organizationId, newest);
  }
  return listed;
}

/** One statement: the organisations on the list through events of their own. */
export async function dishonestOrganizationsIn(manager: EntityManager): Promise<Map<string, CreditEvent>> {
  return dishonestOrganizations(await manager.getRepository(CreditEvent).find({ where: ORGANIZATION_LIST_EVENTS, order: { occurredOn: 'ASC', id: 'ASC' } }));
}

const OWNER_QUERY: Record<SubjectType, { field: 'bases' | 'institutions'; query: string; owner: (node: any) => string }> = {
  Base: {
    field: 'bases',
    query: 'query EvaluationBaseOperators($ids: [ID!], $first: Int, $after: String) { bases(filter: { ids: $ids }, first: $first, after: $after) { nodes { id operator { id } } pageInfo { endCursor hasNextPage } } }',
    owner: (node) => node.operator.id,
  },
  Institution: {
    field: 'institutions',
    query: 'query EvaluationInstitutionOrganizations($ids: [ID!], $first: Int, $after: String) { institutions(filter: { ids: $ids }, first: $first, after: $after) { nodes { id organization { id } } pageInfo { endCursor hasNextPage } } }',
    owner: (node) => node.organization.id,
  },
};

/** Each subject's organisation, asked of the graph (the bases subgraph owns it) in chunks of MAX_PAGE_SIZE ids. */
export async function subjectOrganizations(context: RequestContext, type: SubjectType, ids: readonly string[]): Promise<Map<string, string>> {
  const owners = new Map<string, string>();
  const { field, query, owner } = OWNER_QUERY[type];
  for (let start = 0; start < ids.length; start += MAX_PAGE_SIZE) {
    const chunk = ids.slice(start, start + MAX_PAGE_SIZE);
    let after: string | null = null;
    do {
      const data: Record<string, { nodes: any[]; pageInfo: { endCursor: string | null; hasNextPage: boolean } }> = await context.graph!.query(context, query, { ids: chunk, first: MAX_PAGE_SIZE, after });
      for (const node of data[field].nodes) owners.set(node.id, owner(node));
      after = data[field].pageInfo.hasNextPage ? data[field].pageInfo.endCursor : null;
    } while (after);
  }
  return owners;
}

/** the organisations asked per graph query: two aliases each, under the gateway's alias limit */
const ORGANIZATIONS_PER_QUERY = 10;

/** The ACTIVE bases and institutions of these organisations, asked of the graph. */
export async function activeSubjectsOf(context: RequestContext, organizationIds: readonly string[]): Promise<{ subjectType: SubjectType; subjectId: string; organizationId: string }[]> {
  const found: { subjectType: SubjectType; subjectId: string; organizationId: string }[] = [];
  for (let start = 0; start < organizationIds.length; start += ORGANIZATIONS_PER_QUERY) {
    const chunk = organizationIds.slice(start, start + ORGANIZATIONS_PER_QUERY);
    const declarations = chunk.map((_, i) => `$o${i}: ID!`).join(', ');
    const selections = chunk
      .map((_, i) => `b${i}: bases(filter: { operatorId: $o${i}, status: ACTIVE }, first: ${MAX_PAGE_SIZE}) { nodes { id } } i${i}: institutions(filter: { organizationId: $o${i}, status: ACTIVE }, first: ${MAX_PAGE_SIZE}) { nodes { id } }`)
      .join(' ');
    const data = await context.graph!.query<Record<string, { nodes: { id: string }[] }>>(
      context, `query EvaluationSubjectsOfDishonest(${declarations}) { ${selections} }`, Object.fromEntries(chunk.map((id, i) => [`o${i}`, id])),
    );
    chunk.forEach((organizationId, i) => {
      for (const { id } of data[`b${i}`].nodes) found.push({ subjectType: 'Base', subjectId: id, organizationId });
      for (const { id } of data[`i${i}`].nodes) found.push({ subjectType: 'Institution', subjectId: id, organizationId });
    });
  }
  return found;
}
