import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { Authorized, Directive, Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DateScalar, Role } from '@skills-sichuan/runtime';
import { Cached, CacheFor, Workflow } from '@skills-sichuan/subgraph-kit';
import type { SubjectType } from '../subject/subject.enums';

/** An assessment is published (公示) once; whether it is, its publishedOn says. */
export type Publication = 'UNPUBLISHED' | 'PUBLISHED';
export const publicationWorkflow = new Workflow<Publication>('assessment', { UNPUBLISHED: ['PUBLISHED'], PUBLISHED: [] });
export const publicationOf = (assessment: { publishedOn: string | null }): Publication =>
  assessment.publishedOn ? 'PUBLISHED' : 'UNPUBLISHED';

export enum AssessmentResult {
  EXCELLENT = 'EXCELLENT',
  PASS = 'PASS',
  FAIL = 'FAIL',
}
registerEnumType(AssessmentResult, { name: 'AssessmentResult' });

export type { SubjectType };

@Entity('assessment')
@Index('uq_assessment_subject_year', ['subjectType', 'subjectId', 'year'], { unique: true })
@ObjectType({ description: 'The annual spot check (每年抽查复核) of a base or an institution' })
@Directive('@key(fields: "id")')
@Cached(CacheFor.program)
export class Assessment {
  @PrimaryColumn('varchar', { length: 36 })
  @Field(() => ID)
  id: string;

  @Column('integer')
  @Field(() => Int)
  year: number;

  @Column('varchar', { name: 'subject_type', length: 16 })
  subjectType: SubjectType;

  /** a Base or Institution of the bases subgraph, by id */
  @Column('varchar', { name: 'subject_id', length: 36 })
  subjectId: string;

  @Column('double precision', { name: 'quality_score' })
  @Field(() => Float, { description: '质量度, 0–100' })
  qualityScore: number;

  @Column('double precision', { name: 'trust_score' })
  @Field(() => Float, { description: '信任度, 0–100' })
  trustScore: number;

  @Column('double precision', { name: 'public_score', nullable: true })
  @Field(() => Float, { nullable: true, description: 'public opinion (群众评价), 0–100; null before feedback was collected' })
  publicScore: number | null;

  @Column('varchar', { length: 16 })
  @Field(() => AssessmentResult, {
    description: 'from the three scores by the scoring rule, whose weights and thresholds are the program office’s (the plan sets none)',
  })
  result: AssessmentResult;

  @Column('date', { name: 'assessed_on' })
  @Field(() => DateScalar)
  assessedOn: string;

  /** the assessors' working notes: read by assessors (and the province) only */
  @Column('text', { nullable: true })
  @Field(() => String, { nullable: true, description: 'what the assessors found; ASSESSOR and PROVINCIAL_ADMIN only' })
  @Authorized(Role.ASSESSOR)
  findings: string | null;

  @Column('varchar', { length: 120 })
  @Field({ description: 'who carried out the check' })
  assessor: string;

  @Column('date', { name: 'published_on', nullable: true })
  @Field(() => DateScalar, {
    nullable: true,
    description: 'when the result was published (公示); before that only assessors see the assessment',
  })
  publishedOn: string | null;
}
