import { notFound, type RequestContext } from '@skills-sichuan/kit';
import type { FeedbackSubjectType, SubjectType } from './subject.stub';

/** Where an organisation stands, as the bases subgraph knows it. */
export interface OrganizationFacts {
  organizationId: string;
  cityCode: string;
}

interface OrganizationAnswer {
  id: string;
  city: { code: string };
}

const SUBJECT_QUERIES: Record<SubjectType, { query: string; organization: (data: any) => OrganizationAnswer | null | undefined; exists: (data: any) => boolean }> = {
  Base: {
    query: 'query EvaluationBaseCheck($id: ID!) { base(id: $id) { id operator { id city { code } } } }',
    organization: (data) => data.base?.operator,
    exists: (data) => data.base != null,
  },
  Institution: {
    query: 'query EvaluationInstitutionCheck($id: ID!) { institution(id: $id) { id organization { id city { code } } } }',
    organization: (data) => data.institution?.organization,
    exists: (data) => data.institution != null,
  },
};

/**
 * A base's operator or an institution's organisation, asked of the graph (the bases
 * subgraph owns them); NOT_FOUND when the subject does not exist.
 */
export async function subjectOrganization(context: RequestContext, type: SubjectType, id: string): Promise<OrganizationFacts> {
  const { query, organization } = SUBJECT_QUERIES[type];
  const found = organization(await context.graph!.query(context, query, { id }));
  if (!found) throw notFound(`no ${type.toLowerCase()} has id ${id}`, { subjectType: type, subjectId: id });
  return { organizationId: found.id, cityCode: found.city.code };
}

/** An organisation's city, asked of the graph; NOT_FOUND when it does not exist. */
export async function organizationFacts(context: RequestContext, id: string): Promise<OrganizationFacts> {
  const data = await context.graph!.query<{ organization: OrganizationAnswer | null }>(
    context,
    'query EvaluationOrganizationCheck($id: ID!) { organization(id: $id) { id city { code } } }',
    { id },
  );
  if (!data.organization) throw notFound(`no organization has id ${id}`, { organizationId: id });
  return { organizationId: data.organization.id, cityCode: data.organization.city.code };
}

/** Refuses feedback on a base, institution or brand the graph does not know. */
export async function assertFeedbackSubjectExists(context: RequestContext, type: FeedbackSubjectType, id: string): Promise<void> {
  if (type === 'Brand') {
    const data = await context.graph!.query<{ brand: { id: string } | null }>(context, 'query EvaluationBrandCheck($id: ID!) { brand(id: $id) { id } }', { id });
    if (!data.brand) throw notFound(`no brand has id ${id}`, { subjectType: type, subjectId: id });
    return;
  }
  await subjectOrganization(context, type, id);
}

/** Several organisations' cities in one query through the graph; NOT_FOUND names the first unknown one. */
export async function organizationsFacts(context: RequestContext, ids: readonly string[]): Promise<OrganizationFacts[]> {
  const declarations = ids.map((_, i) => `$id${i}: ID!`).join(', ');
  const selections = ids.map((_, i) => `o${i}: organization(id: $id${i}) { id city { code } }`).join(' ');
  const data = await context.graph!.query<Record<string, OrganizationAnswer | null>>(
    context,
    `query EvaluationOrganizationsCheck(${declarations}) { ${selections} }`,
    Object.fromEntries(ids.map((id, i) => [`id${i}`, id])),
  );
  return ids.map((id, i) => {
    const found = data[`o${i}`];
    if (!found) throw notFound(`no organization has id ${id}`, { organizationId: id });
    return { organizationId: found.id, cityCode: found.city.code };
  });
}
