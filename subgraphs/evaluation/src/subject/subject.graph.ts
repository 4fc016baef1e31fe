import { assertAllExist, readAllByIds, type MissingIds, type RequestContext } from '@skills-sichuan/subgraph-kit';
import type { FeedbackSubjectType, SubjectType } from './subject.enums';

/** Where an organisation stands, as the bases subgraph knows it. */
export interface OrganizationFacts {
  organizationId: string;
  cityCode: string;
}

interface OrganizationAnswer {
  id: string;
  city: { code: string };
}

const ORGANIZATION = '{ id city { code } }';

/** Each subject type's root field, and where its organisation sits in the answer. */
type SubjectAnswer = { operator?: OrganizationAnswer; organization?: OrganizationAnswer };
const SUBJECTS: Record<SubjectType, { rootField: string; selection: string; organization: (answer: SubjectAnswer) => OrganizationAnswer }> =
  {
    Base: { rootField: 'base', selection: `{ id operator ${ORGANIZATION} }`, organization: (answer) => answer.operator! },
    Institution: {
      rootField: 'institution',
      selection: `{ id organization ${ORGANIZATION} }`,
      organization: (answer) => answer.organization!,
    },
  };

/** Each subject type's list in the bases subgraph (filtered by ids, and by status where asked). */
export const SUBJECT_LIST: Record<SubjectType, 'bases' | 'institutions'> = { Base: 'bases', Institution: 'institutions' };

/**
 * A base's operator or an institution's organisation, asked of the graph (the bases
 * subgraph owns them); NOT_FOUND when the subject does not exist.
 */
export async function subjectOrganization(ctx: RequestContext, type: SubjectType, id: string): Promise<OrganizationFacts> {
  const { rootField, selection, organization } = SUBJECTS[type];
  // readAllByIds refuses a subject it does not find, so the answer is there
  const found = organization(
    (await readAllByIds<SubjectAnswer>(ctx, rootField, [id], selection, { details: { subjectType: type, subjectId: id } })).get(id)!,
  );
  return { organizationId: found.id, cityCode: found.city.code };
}

/** An organisation's city, asked of the graph; NOT_FOUND when it does not exist. */
export async function organizationFacts(ctx: RequestContext, id: string): Promise<OrganizationFacts> {
  return (await organizationsFacts(ctx, [id], { details: { organizationId: id } }))[0];
}

/** Refuses feedback on a base, institution or brand the graph does not know. */
export async function assertFeedbackSubjectExists(ctx: RequestContext, type: FeedbackSubjectType, id: string): Promise<void> {
  if (type === 'Brand') return assertAllExist(ctx, 'brand', [id], { details: { subjectType: type, subjectId: id } });
  await subjectOrganization(ctx, type, id);
}

/** Several organisations' cities, in order, through the graph in queries sized under its limits; NOT_FOUND lists every unknown one. */
export async function organizationsFacts(
  ctx: RequestContext,
  ids: readonly string[],
  missing: MissingIds = { field: 'organizationIds' },
): Promise<OrganizationFacts[]> {
  const found = await readAllByIds<OrganizationAnswer>(ctx, 'organization', ids, ORGANIZATION, missing);
  return [...new Set(ids)].map((id) => ({ organizationId: id, cityCode: found.get(id)!.city.code }));
}
