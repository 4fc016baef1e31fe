import { Column, Entity } from 'typeorm';
import { Directive, Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DateScalar } from '@skills-sichuan/runtime';
import { OrganizationRecord } from '../subject/organization-record';
import { Cached, CachedWithParent, CacheFor } from '@skills-sichuan/subgraph-kit';

export enum ReportStatus {
  /** not submitted, not yet due */
  DUE = 'DUE',
  /** submitted by its due date */
  SUBMITTED = 'SUBMITTED',
  /** submitted after its due date */
  LATE = 'LATE',
  /** not submitted, and the due date has passed */
  MISSING = 'MISSING',
}
registerEnumType(ReportStatus, { name: 'ReportStatus' });

@ObjectType({ description: 'The figures a report claims for its period' })
@CachedWithParent()
export class ProgressFigures {
  @Field(() => Int, { description: 'training person-times (人次)' })
  personTimes: number;

  @Field(() => Int)
  competitionsHosted: number;

  @Field(() => Int)
  promotionEvents: number;

  @Field(() => Int, { description: 'people placed in jobs' })
  employmentPlaced: number;
}

@Entity('progress_report')
// an entity: the training subgraph adds the training recorded for the same organisation and period
@Directive('@key(fields: "id")')
@ObjectType({
  description:
    'A cultivation subject’s half-yearly progress report (定期提交培育进展情况): requested for a period, then submitted. The plan says 定期 only; half-years and their due days are the program office’s',
})
@Cached(CacheFor.program)
export class ProgressReport extends OrganizationRecord {
  @Column('varchar', { length: 7 })
  @Field({ description: 'half-year, e.g. "2025-H1"' })
  period: string;

  @Column('date', { name: 'due_on' })
  @Field(() => DateScalar)
  dueOn: string;

  @Column('date', { name: 'submitted_on', nullable: true })
  @Field(() => DateScalar, { nullable: true })
  submittedOn: string | null;

  @Column('integer', { name: 'person_times', nullable: true })
  personTimes: number | null;

  @Column('integer', { name: 'competitions_hosted', nullable: true })
  competitionsHosted: number | null;

  @Column('integer', { name: 'promotion_events', nullable: true })
  promotionEvents: number | null;

  @Column('integer', { name: 'employment_placed', nullable: true })
  employmentPlaced: number | null;

  @Column('text', { nullable: true })
  @Field(() => String, { nullable: true })
  summary: string | null;
}
