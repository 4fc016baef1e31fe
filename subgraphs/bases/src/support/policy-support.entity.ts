import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { Field, ID, ObjectType } from 'type-graphql';
import { DateScalar } from '@skills-sichuan/runtime';
import { RosterSubjectType } from '../roster/roster-decision.entity';
import { SupportKind } from './support.enums';

/** Policy support (政策支持) granted to a base or institution; withdrawn, never deleted, when the subject is disqualified. */
@Entity('policy_support')
@Index('ix_policy_support_subject', ['subjectType', 'subjectId'])
@ObjectType({ description: 'Policy support (政策支持) granted to a base or institution' })
export class PolicySupport {
  @PrimaryColumn('varchar', { length: 36 })
  @Field(() => ID)
  id: string;

  @Column('varchar', { name: 'subject_type', length: 16 })
  subjectType: RosterSubjectType;

  @Column('varchar', { name: 'subject_id', length: 36 })
  subjectId: string;

  @Column('varchar', { name: 'organization_id', length: 36 })
  organizationId: string;

  @Column('varchar', { length: 32 })
  @Field(() => SupportKind)
  kind: SupportKind;

  @Column('text')
  @Field({ description: 'what is given, e.g. 2025年度培训补贴 120 万元' })
  description: string;

  @Column('varchar', { name: 'granted_by', length: 200 })
  @Field({ description: 'the department that grants it, e.g. 四川省人力资源和社会保障厅' })
  grantedBy: string;

  @Column('date', { name: 'granted_on' })
  @Field(() => DateScalar)
  grantedOn: string;

  @Column('date', { name: 'valid_from' })
  @Field(() => DateScalar)
  validFrom: string;

  @Column('date', { name: 'valid_to' })
  @Field(() => DateScalar)
  validTo: string;

  @Column('date', { name: 'withdrawn_on', nullable: true })
  @Field(() => DateScalar, { nullable: true })
  withdrawnOn: string | null;

  /** the roster decision that withdrew it */
  @Column('varchar', { name: 'withdrawn_by_decision_id', length: 36, nullable: true })
  withdrawnByDecisionId: string | null;

  @Column('varchar', { name: 'recorded_by', length: 160 })
  recordedBy: string;
}
