import { Field, ID, InputType } from 'type-graphql';
import { DateScalar } from '@skills-sichuan/runtime';
import { RosterSubjectType } from '../roster/roster-decision.entity';
import { SupportKind } from './support.enums';

@InputType({ description: 'Policy support for an ACTIVE base or institution' })
export class GrantSupportInput {
  @Field(() => RosterSubjectType)
  subjectType: RosterSubjectType;

  @Field(() => ID)
  subjectId: string;

  @Field(() => SupportKind)
  kind: SupportKind;

  @Field()
  description: string;

  @Field({ description: 'the department that grants it' })
  grantedBy: string;

  @Field(() => DateScalar, { nullable: true, description: 'today in Sichuan when omitted' })
  grantedOn?: string | null;

  @Field(() => DateScalar)
  validFrom: string;

  @Field(() => DateScalar)
  validTo: string;
}
