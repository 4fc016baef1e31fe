import { createUnionType, Directive, Field, ID, ObjectType } from 'type-graphql';
import type { SubjectType } from '../assessment/assessment.entity';

/** A base of the bases subgraph: this subgraph adds its assessments. */
@ObjectType()
@Directive('@key(fields: "id")')
export class Base {
  static readonly subjectType: SubjectType = 'Base';

  @Field(() => ID)
  id: string;
}

/** An institution of the bases subgraph: this subgraph adds its assessments. */
@ObjectType()
@Directive('@key(fields: "id")')
export class Institution {
  static readonly subjectType: SubjectType = 'Institution';

  @Field(() => ID)
  id: string;
}

export type Subject = Base | Institution;

export function subjectReference(type: SubjectType, id: string): Subject {
  return Object.assign(type === 'Base' ? new Base() : new Institution(), { id });
}

export const AssessedSubject = createUnionType({
  name: 'AssessedSubject',
  description: 'What an assessment checks: a base or an institution',
  types: () => [Base, Institution] as const,
  resolveType: (subject) => (subject instanceof Base ? 'Base' : 'Institution'),
});
