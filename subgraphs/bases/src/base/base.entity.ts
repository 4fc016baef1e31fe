import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { DateScalar } from '@skills-sichuan/runtime';
import { City } from '../city/city.entity';
import type { Honour } from '../honour/honour.entity';
import { CorrectionRow } from '../organization/record-correction';
import { Organization } from '../organization/organization.entity';
import { RosterStatus } from '../roster/roster.enums';
import { BaseTier, CultivationField } from './base.enums';
import { Cached, CachedWithParent, CacheFor } from '@skills-sichuan/subgraph-kit';

@Entity('base')
@Index('ix_base_brand', ['brandId', 'tier', 'status'])
@ObjectType({ description: 'A cultivation base (培育基地) of one brand, main or auxiliary, operated by an organisation in a city' })
@Directive('@key(fields: "id")')
@Cached(CacheFor.program)
export class Base {
  @PrimaryColumn('varchar', { length: 36 })
  @Field(() => ID)
  id: string;

  @Column('varchar', { length: 200 })
  @Field()
  name: string;

  @Column('varchar', { length: 16 })
  @Field(() => BaseTier)
  tier: BaseTier;

  /** a brand of the brands subgraph: referenced by id, never joined */
  @Column('varchar', { name: 'brand_id', length: 36 })
  brandId: string;

  @Index('ix_base_operator')
  @Column('varchar', { name: 'operator_id', length: 36 })
  operatorId: string;

  /** joined only where a roster is read, to prime the per-request loaders */
  @ManyToOne(() => Organization)
  @JoinColumn({ name: 'operator_id' })
  operator?: Organization;

  @Column('varchar', { name: 'city_code', length: 6 })
  cityCode: string;

  @ManyToOne(() => City)
  @JoinColumn({ name: 'city_code' })
  city?: City;

  /** mapped only where a base's page is read, to prime its loader */
  honours?: Honour[];

  @Column('varchar', { length: 16 })
  @Field(() => RosterStatus)
  status: RosterStatus;

  @Column('date', { name: 'designated_on' })
  @Field(() => DateScalar)
  designatedOn: string;
}

/** The conditions the plan asks of a base: 设施设备、场所等培训条件, 课程体系, 组织管理体系. */
@Entity('base_profile')
@ObjectType('BaseConditions', { description: 'What a base was selected on: facilities and venues, course system, management system' })
@CachedWithParent()
export class BaseProfile {
  @PrimaryColumn('varchar', { name: 'base_id', length: 36 })
  baseId: string;

  @Column('text')
  @Field({ description: '设施设备、场所等培训条件' })
  facilities: string;

  @Column('text', { name: 'course_system' })
  @Field({ description: '课程体系' })
  courseSystem: string;

  @Column('text', { name: 'management_system' })
  @Field({ description: '组织管理体系' })
  managementSystem: string;
}

@Entity('base_field')
export class BaseField {
  @PrimaryColumn('varchar', { name: 'base_id', length: 36 })
  baseId: string;

  @PrimaryColumn('varchar', { length: 32 })
  field: CultivationField;
}

/** A correction of a base's conditions or fields after its selection: appended, never overwritten. */
@Entity('base_condition_correction')
@Index('uq_base_condition_correction_seq', ['baseId', 'seq'], { unique: true })
export class BaseConditionCorrection extends CorrectionRow {
  @Column('varchar', { name: 'base_id', length: 36 })
  baseId: string;

  /** JSON: [{ field, before, after }] */
  @Column('text')
  changes: string;

  @Column('text')
  reason: string;
}
