import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { DateScalar } from '@skills-sichuan/runtime';
import { Workflow } from '@skills-sichuan/subgraph-kit';

export enum InfringementStatus {
  FILED = 'FILED',
  INVESTIGATING = 'INVESTIGATING',
  CONCLUDED = 'CONCLUDED',
}
registerEnumType(InfringementStatus, { name: 'InfringementStatus' });

export enum InfringementFinding {
  /** counterfeit or infringing use established and acted on */
  CONFIRMED = 'CONFIRMED',
  UNFOUNDED = 'UNFOUNDED',
}
registerEnumType(InfringementFinding, { name: 'InfringementFinding' });

export const infringementWorkflow = new Workflow<InfringementStatus>('report', {
  FILED: [InfringementStatus.INVESTIGATING, InfringementStatus.CONCLUDED],
  INVESTIGATING: [InfringementStatus.CONCLUDED],
  CONCLUDED: [],
});

/** A report of counterfeit or infringing use of a brand (假冒和侵害), tracked to a conclusion. */
@Entity('infringement_report')
@Index('ix_infringement_report_brand', ['brandId', 'status'])
@ObjectType({ description: 'A report of counterfeit or infringing use of a brand (假冒和侵害)' })
export class InfringementReport {
  @PrimaryColumn('varchar', { length: 36 })
  @Field(() => ID)
  id: string;

  @Column('varchar', { name: 'brand_id', length: 36 })
  brandId: string;

  @Column('varchar', { length: 16 })
  @Field(() => InfringementStatus)
  status: InfringementStatus;

  @Column('varchar', { length: 120 })
  @Field({ description: 'who reported it: a person, an organisation, a bureau' })
  reporter: string;

  @Column('varchar', { length: 200 })
  @Field({ description: 'the party suspected of counterfeit or infringing use' })
  suspect: string;

  @Column('text')
  @Field()
  description: string;

  @Column('varchar', { name: 'city_code', length: 6 })
  cityCode: string;

  @Column('date', { name: 'filed_on' })
  @Field(() => DateScalar)
  filedOn: string;

  @Column('date', { name: 'investigation_started_on', nullable: true })
  @Field(() => DateScalar, { nullable: true })
  investigationStartedOn: string | null;

  @Column('varchar', { length: 16, nullable: true })
  @Field(() => InfringementFinding, { nullable: true })
  finding: InfringementFinding | null;

  @Column('text', { nullable: true })
  @Field(() => String, { nullable: true, description: 'what was found and done' })
  conclusion: string | null;

  @Column('date', { name: 'concluded_on', nullable: true })
  @Field(() => DateScalar, { nullable: true })
  concludedOn: string | null;
}
