import { createUnionType, Directive, Field, ID, ObjectType } from 'type-graphql';
import type { FeedbackSubjectType, SubjectType } from './subject.enums';
import { Cached, CacheFor } from '@skills-sichuan/subgraph-kit';

/** A base of the bases subgraph: this subgraph adds its assessments, credit and feedback. */
@ObjectType()
@Directive('@key(fields: "id")')
@Cached(CacheFor.program)
export class Base {
  static readonly subjectType = 'Base' as const;

  @Field(() => ID)
  id: string;
}

/** An institution of the bases subgraph: this subgraph adds its assessments, credit and feedback. */
@ObjectType()
@Directive('@key(fields: "id")')
@Cached(CacheFor.program)
export class Institution {
  static readonly subjectType = 'Institution' as const;

  @Field(() => ID)
  id: string;
}

/** A brand of the brands subgraph: this subgraph adds its public feedback. */
@ObjectType()
@Directive('@key(fields: "id")')
@Cached(CacheFor.reference)
export class Brand {
  static readonly subjectType = 'Brand' as const;

  @Field(() => ID)
  id: string;

  static reference(id: string): Brand {
    return Object.assign(new Brand(), { id });
  }
}

/** An organisation (培育主体) of the bases subgraph: this subgraph adds its credit. */
@ObjectType()
@Directive('@key(fields: "id")')
@Cached(CacheFor.program)
export class Organization {
  @Field(() => ID)
  id: string;

  static reference(id: string): Organization {
    return Object.assign(new Organization(), { id });
  }
}

export type Subject = Base | Institution;

export function subjectReference(type: SubjectType, id: string): Subject {
  return Object.assign(type === 'Base' ? new Base() : new Institution(), { id });
}

export function feedbackSubjectReference(type: FeedbackSubjectType, id: string): Base | Institution | Brand {
  return type === 'Brand' ? Brand.reference(id) : subjectReference(type, id);
}

export const AssessedSubject = createUnionType({
  name: 'AssessedSubject',
  description: 'What an assessment checks: a base or an institution',
  types: () => [Base, Institution] as const,
  resolveType: (subject) => (subject instanceof Base ? 'Base' : 'Institution'),
});

export const FeedbackSubject = createUnionType({
  name: 'FeedbackSubject',
  description: 'What public feedback is about: a base, an institution or a brand',
  types: () => [Base, Institution, Brand] as const,
  resolveType: (subject) => (subject instanceof Base ? 'Base' : subject instanceof Institution ? 'Institution' : 'Brand'),
});
