import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DateScalar } from '@skills-sichuan/runtime';
import type { ProviderType } from '../provider/provider.enums';
import { Cached, CacheFor } from '@skills-sichuan/subgraph-kit';

export enum TrainingProgramStatus {
  PLANNED = 'PLANNED',
  ONGOING = 'ONGOING',
  COMPLETED = 'COMPLETED',
  CANCELLED = 'CANCELLED',
}
registerEnumType(TrainingProgramStatus, { name: 'TrainingProgramStatus', description: '计划 → 开班 → 结业, or 取消' });

@Entity('training_program')
@Index('ix_training_program_rollup', ['brandId', 'year', 'cityCode', 'startOn', 'personTimes'])
@Index('ix_training_program_window', ['brandId', 'startOn', 'year', 'cityCode', 'personTimes'])
@Index('ix_training_program_city', ['cityCode', 'startOn'])
@ObjectType({ description: 'A training program (培训班) run by a base or an institution' })
@Cached(CacheFor.program)
export class TrainingProgram {
  @PrimaryColumn('varchar', { length: 36 })
  @Field(() => ID)
  id: string;

  /** a brand of the brands subgraph, by id */
  @Column('varchar', { name: 'brand_id', length: 36 })
  brandId: string;

  @Column('varchar', { name: 'provider_type', length: 16 })
  providerType: ProviderType;

  @Index('ix_training_program_provider')
  @Column('varchar', { name: 'provider_id', length: 36 })
  providerId: string;

  /** the organisation that operates the provider, read from the bases subgraph at registration: who may write and read its records */
  @Index('ix_training_program_organization')
  @Column('varchar', { name: 'provider_organization_id', length: 36, nullable: true })
  providerOrganizationId: string | null;

  /** the provider's city, fixed when the program is registered */
  @Column('varchar', { name: 'city_code', length: 6 })
  cityCode: string;

  @Column('varchar', { length: 60 })
  @Field({ description: '职业（工种）' })
  occupation: string;

  @Column('integer')
  @Field(() => Int, { description: '职业技能等级: 5 (初级工) to 1 (高级技师)' })
  level: number;

  /** the plan year the program's person-times count toward: the year it starts (its start_on dates them for a target's window) */
  @Column('integer')
  @Field(() => Int)
  year: number;

  @Column('date', { name: 'start_on' })
  @Field(() => DateScalar)
  startOn: string;

  @Column('date', { name: 'end_on' })
  @Field(() => DateScalar)
  endOn: string;

  @Column('integer')
  @Field(() => Int, { description: 'places; a program takes no more records than this' })
  capacity: number;

  @Column('varchar', { length: 16 })
  @Field(() => TrainingProgramStatus)
  status: TrainingProgramStatus;

  /** the number of its records, kept in the same transaction as every record written (the progress rollup) */
  @Column('integer', { name: 'person_times' })
  @Field(() => Int, { description: 'person-times (人次) recorded' })
  personTimes: number;

  /**
   * Its records' outcomes, kept beside person_times in the same transaction as every record
   * written or changed (outcomeCounts): the outcome figures read programs, not millions of records.
   */
  @Column('integer', { name: 'completed_count', default: 0 })
  completedCount: number;

  @Column('integer', { name: 'certified_count', default: 0 })
  certifiedCount: number;

  @Column('integer', { name: 'outcomes_reported_count', default: 0 })
  outcomesReportedCount: number;

  @Column('integer', { name: 'employed_count', default: 0 })
  employedCount: number;
}
