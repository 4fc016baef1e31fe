import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DateScalar } from '@skills-sichuan/runtime';
import { Cached, CacheFor } from '@skills-sichuan/subgraph-kit';

export enum TypicalCaseKind {
  TYPICAL_EXPERIENCE = 'TYPICAL_EXPERIENCE',
  EXCELLENT_CASE = 'EXCELLENT_CASE',
}
registerEnumType(TypicalCaseKind, { name: 'TypicalCaseKind', description: '典型经验 or 优秀案例' });

@Entity('typical_case')
@ObjectType({ description: 'A typical experience or excellent case of brand cultivation, linked to its brands' })
@Cached(CacheFor.program)
export class TypicalCase {
  @PrimaryColumn('varchar', { length: 36 })
  @Field(() => ID)
  id: string;

  @Column('varchar', { length: 24 })
  @Field(() => TypicalCaseKind)
  kind: TypicalCaseKind;

  @Column('varchar', { length: 200 })
  @Field()
  title: string;

  @Column('varchar', { length: 2000 })
  @Field()
  summary: string;

  @Column('integer')
  @Field(() => Int)
  year: number;

  @Column('date', { name: 'published_on' })
  @Field(() => DateScalar)
  publishedOn: string;
}

/** The brands a case is about (brands of the brands subgraph, by id). */
@Entity('typical_case_brand')
@Index('ix_typical_case_brand_brand', ['brandId'])
export class TypicalCaseBrand {
  @PrimaryColumn('varchar', { name: 'case_id', length: 36 })
  caseId: string;

  @PrimaryColumn('varchar', { name: 'brand_id', length: 36 })
  brandId: string;
}
