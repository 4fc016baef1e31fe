import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { Directive, Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { DateScalar } from '@skills-sichuan/runtime';
import { Cached, CacheFor, Workflow } from '@skills-sichuan/subgraph-kit';

export enum StandardCategory {
  CULTIVATION = 'CULTIVATION',
  MANAGEMENT = 'MANAGEMENT',
  EVALUATION = 'EVALUATION',
}
registerEnumType(StandardCategory, { name: 'StandardCategory', description: '培育、管理、评价' });

export enum StandardStatus {
  DRAFT = 'DRAFT',
  PUBLISHED = 'PUBLISHED',
  RETIRED = 'RETIRED',
}
registerEnumType(StandardStatus, { name: 'StandardStatus', description: 'DRAFT → PUBLISHED → RETIRED, never back' });

export const standardWorkflow = new Workflow<StandardStatus>('standard', {
  DRAFT: [StandardStatus.PUBLISHED],
  PUBLISHED: [StandardStatus.RETIRED],
  RETIRED: [],
});

/**
 * One version of a standard of the brand standard system (标准体系). A new version is a
 * new row that supersedes the previous one; publishing it retires its predecessor.
 */
@Entity('standard')
@Index('uq_standard_code_version', ['code', 'version'], { unique: true })
@ObjectType({ description: 'A version of a brand standard (培育、管理、评价标准)' })
@Directive('@key(fields: "id")')
@Cached(CacheFor.reference)
export class Standard {
  @PrimaryColumn('varchar', { length: 36 })
  @Field(() => ID)
  id: string;

  @Column('varchar', { length: 40 })
  @Field({ description: 'the same for every version, e.g. "T/SCJN 001"' })
  code: string;

  @Column('varchar', { length: 200 })
  @Field()
  title: string;

  @Column('varchar', { length: 16 })
  @Field(() => StandardCategory)
  category: StandardCategory;

  @Column('varchar', { length: 16 })
  @Field(() => StandardStatus)
  status: StandardStatus;

  @Column('varchar', { length: 16 })
  @Field({ description: '"1.0", "2.0" …' })
  version: string;

  @Column('date', { name: 'published_on', nullable: true })
  @Field(() => DateScalar, { nullable: true })
  publishedOn: string | null;

  @Column('date', { name: 'retired_on', nullable: true })
  @Field(() => DateScalar, { nullable: true })
  retiredOn: string | null;

  @Index('ix_standard_supersedes')
  @Column('varchar', { name: 'supersedes_id', length: 36, nullable: true })
  supersedesId: string | null;
}

/** The brands a standard applies to. */
@Entity('standard_brand')
@Index('ix_standard_brand_brand', ['brandId'])
export class StandardBrand {
  @PrimaryColumn('varchar', { name: 'standard_id', length: 36 })
  standardId: string;

  @PrimaryColumn('varchar', { name: 'brand_id', length: 36 })
  brandId: string;
}

/** Who drafted a standard: cultivation subjects and industry associations (organisations of the bases subgraph). */
@Entity('standard_drafter')
export class StandardDrafter {
  @PrimaryColumn('varchar', { name: 'standard_id', length: 36 })
  standardId: string;

  @PrimaryColumn('varchar', { name: 'organization_id', length: 36 })
  organizationId: string;
}
