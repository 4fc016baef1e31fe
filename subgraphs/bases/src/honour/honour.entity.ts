import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Cached, CacheFor } from '@skills-sichuan/subgraph-kit';

/** 要素保障: what a base may be created as (高技能人才培训基地、竞赛集训基地、大师工作室). */
export enum HonourKind {
  HIGH_SKILL_TRAINING_BASE = 'HIGH_SKILL_TRAINING_BASE',
  COMPETITION_TRAINING_BASE = 'COMPETITION_TRAINING_BASE',
  MASTER_STUDIO = 'MASTER_STUDIO',
}
registerEnumType(HonourKind, { name: 'HonourKind', description: '高技能人才培训基地、竞赛集训基地、大师工作室' });

export enum HonourLevel {
  NATIONAL = 'NATIONAL',
  PROVINCIAL = 'PROVINCIAL',
}
registerEnumType(HonourLevel, { name: 'HonourLevel', description: '国家级 or 省级' });

@Entity('honour')
@Index('uq_honour', ['baseId', 'kind', 'level', 'name'], { unique: true })
@ObjectType({ description: 'A national or provincial title a base holds (要素保障), with the year it was granted' })
@Cached(CacheFor.program)
export class Honour {
  @PrimaryColumn('varchar', { length: 36 })
  @Field(() => ID)
  id: string;

  @Index('ix_honour_base')
  @Column('varchar', { name: 'base_id', length: 36 })
  baseId: string;

  @Column('varchar', { length: 32 })
  @Field(() => HonourKind)
  kind: HonourKind;

  @Column('varchar', { length: 16 })
  @Field(() => HonourLevel)
  level: HonourLevel;

  @Column('integer')
  @Field(() => Int)
  year: number;

  @Column('varchar', { length: 200 })
  @Field({ description: 'e.g. 国家级高技能人才培训基地, or the master a studio is named after' })
  name: string;
}
