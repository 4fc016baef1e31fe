import { Column, Entity, PrimaryColumn } from 'typeorm';
import { Authorized, Directive, Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DateScalar, Role } from '@skills-sichuan/runtime';
import { Cached, CacheFor, Workflow } from '@skills-sichuan/subgraph-kit';
import { SubjectRecord } from '../subject/organization-record';

export enum CreditEventKind {
  /** a breach of the rules (违规): points ≤ 0 */
  VIOLATION = 'VIOLATION',
  /** dishonesty (失信): points ≤ 0, and puts the organisation (and subject) on the dishonesty list */
  DISHONESTY = 'DISHONESTY',
  /** remediation (信用修复): points ≥ 0, and takes earlier dishonesty off the list */
  REMEDIATION = 'REMEDIATION',
  /** a commendation (表彰): points ≥ 0 */
  COMMENDATION = 'COMMENDATION',
}
registerEnumType(CreditEventKind, { name: 'CreditEventKind' });

export enum CreditLevel {
  A = 'A',
  B = 'B',
  C = 'C',
  D = 'D',
}
registerEnumType(CreditLevel, {
  name: 'CreditLevel',
  description: 'A ≥ 90, B ≥ 75, C ≥ 60, D below 60 or on the dishonesty list: the program office’s levels (the plan sets none)',
});

@Entity('credit_event')
@ObjectType({
  description: 'Something that moved an organisation’s credit: a violation, dishonesty, remediation or commendation, with its points',
})
@Directive('@key(fields: "id")')
@Cached(CacheFor.program)
export class CreditEvent extends SubjectRecord {
  @Column('varchar', { length: 16 })
  @Field(() => CreditEventKind)
  kind: CreditEventKind;

  @Column('integer')
  @Field(() => Int, { description: 'added to the credit score: ≤ 0 for VIOLATION and DISHONESTY, ≥ 0 for REMEDIATION and COMMENDATION' })
  points: number;

  @Column('text')
  @Field({ description: 'the written reason (书面说明)' })
  reason: string;

  @Column('date', { name: 'occurred_on' })
  @Field(() => DateScalar)
  occurredOn: string;

  @Column('varchar', { name: 'recorded_by', length: 128 })
  @Field({ description: 'who recorded it; PROVINCIAL_ADMIN only' })
  @Authorized(Role.PROVINCIAL_ADMIN)
  recordedBy: string;

  @Column('varchar', { name: 'investigation_id', length: 36, nullable: true })
  investigationId: string | null;
}

@ObjectType({ description: 'Credit (信用) of an organisation or a subject, by the documented credit rule' })
@Cached(CacheFor.program)
export class CreditProfile {
  @Field(() => Int, {
    description:
      '100 plus the points of the events the viewer may read (those in `events`), kept within 0–100: the public see the score of the dishonesty list alone, supervisors the whole score',
  })
  score: number;

  @Field(() => CreditLevel, { description: 'from `score` and `dishonest`, so also from the events the viewer may read' })
  level: CreditLevel;

  @Field({ description: 'on the dishonesty list (失信): a DISHONESTY event not followed by a REMEDIATION' })
  dishonest: boolean;

  /** the events the viewer may read, which `score` and `level` are computed from */
  visibleEvents: CreditEvent[];
}

@Entity('credit_commitment')
@ObjectType({ description: 'A credit commitment (信用承诺) an organisation signed for a year' })
export class CreditCommitment {
  @PrimaryColumn('varchar', { length: 36 })
  @Field(() => ID)
  id: string;

  @Column('varchar', { name: 'organization_id', length: 36 })
  organizationId: string;

  @Column('integer')
  @Field(() => Int)
  year: number;

  @Column('date', { name: 'signed_on' })
  @Field(() => DateScalar)
  signedOn: string;

  @Column('text')
  @Field()
  pledge: string;
}

export enum InvestigationStatus {
  OPEN = 'OPEN',
  CLOSED = 'CLOSED',
}
registerEnumType(InvestigationStatus, { name: 'InvestigationStatus' });

/** An investigation closes once. */
export const investigationWorkflow = new Workflow<InvestigationStatus>('investigation', {
  OPEN: [InvestigationStatus.CLOSED],
  CLOSED: [],
});

export enum InvestigationFinding {
  CLEARED = 'CLEARED',
  VIOLATION_FOUND = 'VIOLATION_FOUND',
}
registerEnumType(InvestigationFinding, { name: 'InvestigationFinding' });

@Entity('integrity_investigation')
@ObjectType({ description: 'An integrity investigation (诚信调查) of an organisation, and what it found' })
export class IntegrityInvestigation extends SubjectRecord {
  @Column('text')
  @Field({ description: 'what is being investigated' })
  scope: string;

  @Column('date', { name: 'opened_on' })
  @Field(() => DateScalar)
  openedOn: string;

  @Column('varchar', { length: 16 })
  @Field(() => InvestigationStatus)
  status: InvestigationStatus;

  @Column('varchar', { length: 24, nullable: true })
  @Field(() => InvestigationFinding, { nullable: true })
  finding: InvestigationFinding | null;

  @Column('text', { nullable: true })
  @Field(() => String, { nullable: true, description: 'the findings, written when closed' })
  summary: string | null;

  @Column('date', { name: 'closed_on', nullable: true })
  @Field(() => DateScalar, { nullable: true })
  closedOn: string | null;
}
