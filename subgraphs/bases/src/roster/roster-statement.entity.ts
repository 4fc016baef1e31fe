import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { DateScalar } from '@skills-sichuan/runtime';
import { RosterReason, RosterSubjectType } from './roster-decision.entity';

export enum StatementStatus {
  /** submitted by the subject, awaiting the department's 审定 */
  PENDING = 'PENDING',
  /** 审定: the department decided on the roster as the statement asked */
  APPROVED = 'APPROVED',
  /** 审定: the department found no cause; the roster is unchanged */
  REJECTED = 'REJECTED',
}
registerEnumType(StatementStatus, { name: 'StatementStatus' });

/**
 * 书面说明 (三(四)): a subject's written statement of its situation (市场变化, 不可抗力, 推进不力,
 * 重大事件 …) to the department, which 审定 — reviews and decides — in a second step. Approval
 * is the roster decision; the statement keeps who wrote what and who decided.
 */
@Entity('roster_statement')
@Index('ix_roster_statement_subject', ['subjectType', 'subjectId', 'status'])
@ObjectType({ description: '书面说明: a subject’s written statement to the department, and the department’s 审定 of it' })
export class RosterStatement {
  @PrimaryColumn('varchar', { length: 36 })
  @Field(() => ID)
  id: string;

  @Column('varchar', { name: 'subject_type', length: 16 })
  @Field(() => RosterSubjectType)
  subjectType: RosterSubjectType;

  @Column('varchar', { name: 'subject_id', length: 36 })
  @Field(() => ID)
  subjectId: string;

  @Column('varchar', { name: 'organization_id', length: 36 })
  organizationId: string;

  @Column('varchar', { name: 'city_code', length: 6 })
  cityCode: string;

  @Column('varchar', { length: 32 })
  @Field(() => RosterReason)
  reason: RosterReason;

  @Column('text')
  @Field({ description: 'the statement, as the subject wrote it' })
  explanation: string;

  @Column('varchar', { name: 'submitted_by', length: 160 })
  @Field()
  submittedBy: string;

  @Column('date', { name: 'submitted_on' })
  @Field(() => DateScalar)
  submittedOn: string;

  @Column('varchar', { length: 16 })
  @Field(() => StatementStatus)
  status: StatementStatus;

  @Column('varchar', { name: 'reviewed_by', length: 160, nullable: true })
  @Field(() => String, { nullable: true })
  reviewedBy: string | null;

  @Column('date', { name: 'reviewed_on', nullable: true })
  @Field(() => DateScalar, { nullable: true })
  reviewedOn: string | null;

  @Column('text', { name: 'review_note', nullable: true })
  @Field(() => String, { nullable: true, description: 'the department’s 审定意见' })
  reviewNote: string | null;

  /** the roster decision an approval made */
  @Column('varchar', { name: 'decision_id', length: 36, nullable: true })
  decisionId: string | null;
}
