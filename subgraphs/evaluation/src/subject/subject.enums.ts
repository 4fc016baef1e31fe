import { registerEnumType } from 'type-graphql';

/** What an assessment, a credit event or an investigation is about: a Base or an Institution of the bases subgraph. */
export type SubjectType = 'Base' | 'Institution';
/** What public feedback may be about. */
export type FeedbackSubjectType = SubjectType | 'Brand';

/** The subject kinds as clients name them in inputs; the values are the stored (and __typename) names. */
export enum SubjectKind {
  BASE = 'Base',
  INSTITUTION = 'Institution',
}
registerEnumType(SubjectKind, { name: 'SubjectKind', description: 'a base or an institution' });

export enum FeedbackSubjectKind {
  BASE = 'Base',
  INSTITUTION = 'Institution',
  BRAND = 'Brand',
}
registerEnumType(FeedbackSubjectKind, {
  name: 'FeedbackSubjectKind',
  description: 'what public feedback is about: a base, an institution or a brand',
});
