import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { Authorized, Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { DateScalar, Role } from '@skills-sichuan/runtime';
import { RosterStatus } from './roster.enums';
import { Cached, CacheFor } from '@skills-sichuan/subgraph-kit';

export enum RosterSubjectType {
  BASE = 'BASE',
  INSTITUTION = 'INSTITUTION',
}
registerEnumType(RosterSubjectType, { name: 'RosterSubjectType' });

/** 动态调整: the moves a roster decision makes. */
export enum RosterAction {
  ADD = 'ADD',
  SUSPEND = 'SUSPEND',
  REINSTATE = 'REINSTATE',
  REVOKE = 'REVOKE',
  EXIT = 'EXIT',
}
registerEnumType(RosterAction, {
  name: 'RosterAction',
  valuesConfig: {
    ADD: { description: '增列: onto the roster (a selection, or back after a revocation or exit); ends ACTIVE' },
    SUSPEND: { description: '暂停: ACTIVE → SUSPENDED' },
    REINSTATE: { description: '恢复: SUSPENDED → ACTIVE' },
    REVOKE: { description: '取消资格: ACTIVE or SUSPENDED → REVOKED' },
    EXIT: { description: '退出: ACTIVE or SUSPENDED → EXITED' },
  },
});

/** The plan's reasons (三(三), 三(四)) for taking a subject off the roster or suspending it. */
export enum RosterReason {
  MARKET_CHANGE = 'MARKET_CHANGE',
  FORCE_MAJEURE = 'FORCE_MAJEURE',
  POOR_PERFORMANCE = 'POOR_PERFORMANCE',
  MAJOR_GROUP_INCIDENT = 'MAJOR_GROUP_INCIDENT',
  MAJOR_PUBLIC_OPINION = 'MAJOR_PUBLIC_OPINION',
  MAJOR_VIOLATION = 'MAJOR_VIOLATION',
  FAILED_ASSESSMENT = 'FAILED_ASSESSMENT',
}
registerEnumType(RosterReason, {
  name: 'RosterReason',
  valuesConfig: {
    MARKET_CHANGE: { description: '市场发生变化' },
    FORCE_MAJEURE: { description: '不可抗力' },
    POOR_PERFORMANCE: { description: '培育主体推进不力' },
    MAJOR_GROUP_INCIDENT: { description: '重大群体性事件' },
    MAJOR_PUBLIC_OPINION: { description: '重大舆情' },
    MAJOR_VIOLATION: { description: '重大违规行为' },
    FAILED_ASSESSMENT: { description: '评估不合格' },
  },
});

/** One roster decision about a base or institution. Decisions are only appended: the history is never overwritten. */
@Entity('roster_decision')
@Index('uq_roster_decision_seq', ['subjectType', 'subjectId', 'seq'], { unique: true })
@ObjectType({ description: 'A roster decision (动态调整) about a base or an institution, with its written explanation and reference' })
@Cached(CacheFor.program)
export class RosterDecision {
  @PrimaryColumn('varchar', { length: 36 })
  @Field(() => ID)
  id: string;

  @Column('varchar', { name: 'subject_type', length: 16 })
  @Field(() => RosterSubjectType)
  subjectType: RosterSubjectType;

  @Column('varchar', { name: 'subject_id', length: 36 })
  subjectId: string;

  /** 1 for a subject's first decision, then one more for each */
  @Column('integer')
  seq: number;

  @Column('varchar', { length: 16 })
  @Field(() => RosterAction)
  action: RosterAction;

  @Column('varchar', { name: 'from_status', length: 16, nullable: true })
  @Field(() => RosterStatus, { nullable: true, description: 'null when the decision put the subject on the roster for the first time' })
  fromStatus: RosterStatus | null;

  @Column('varchar', { name: 'to_status', length: 16 })
  @Field(() => RosterStatus)
  toStatus: RosterStatus;

  @Column('varchar', { length: 32, nullable: true })
  @Field(() => RosterReason, { nullable: true, description: 'the plan’s reason; null for ADD and REINSTATE' })
  reason: RosterReason | null;

  @Column('text')
  @Field({ description: '书面说明: the written explanation' })
  explanation: string;

  @Column('varchar', { name: 'decision_reference', length: 100 })
  @Field({ description: 'the deciding document, e.g. 川人社函〔2025〕12号' })
  decisionReference: string;

  @Column('date', { name: 'decided_on' })
  @Field(() => DateScalar)
  decidedOn: string;

  @Column('varchar', { name: 'decided_by', length: 128 })
  @Field({ description: 'the signed-in subject that recorded the decision; PROVINCIAL_ADMIN only' })
  @Authorized(Role.PROVINCIAL_ADMIN)
  decidedBy: string;

  @Column('varchar', { name: 'recorded_at', length: 32 })
  @Field({ description: 'when it was recorded: an ISO 8601 instant' })
  recordedAt: string;

  @Column('varchar', { name: 'cause_assessment_id', length: 36, nullable: true })
  causeAssessmentId: string | null;

  @Column('varchar', { name: 'cause_credit_event_id', length: 36, nullable: true })
  causeCreditEventId: string | null;
}
