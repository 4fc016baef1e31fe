import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { Field, ID, ObjectType } from 'type-graphql';
import { DateScalar } from '@skills-sichuan/runtime';
import { QualificationKind, type CreditLevelName } from './usage-rule.enums';
import { Cached, CacheFor } from '@skills-sichuan/subgraph-kit';

/** A condition an organisation must meet to use a brand (使用资格条件). */
@Entity('usage_qualification')
@Index('ix_usage_qualification_brand', ['brandId'])
@ObjectType({ description: 'A condition for using a brand (使用资格条件)' })
@Cached(CacheFor.reference)
export class UsageQualification {
  @PrimaryColumn('varchar', { length: 36 })
  @Field(() => ID)
  id: string;

  @Column('varchar', { name: 'brand_id', length: 36 })
  brandId: string;

  @Column('text')
  @Field()
  requirement: string;

  @Column('date', { name: 'effective_from' })
  @Field(() => DateScalar)
  effectiveFrom: string;

  @Column('date', { name: 'withdrawn_on', nullable: true })
  @Field(() => DateScalar, { nullable: true, description: 'no longer required from this day' })
  withdrawnOn: string | null;

  @Column('varchar', { length: 32 })
  @Field(() => QualificationKind, { description: 'how a grant checks it' })
  kind: QualificationKind;

  @Column('varchar', { name: 'minimum_credit_level', length: 1, nullable: true })
  @Field(() => String, { nullable: true, description: 'MIN_CREDIT_LEVEL: the lowest level that passes (A, B, C)' })
  minimumCreditLevel: CreditLevelName | null;
}

/** How the brand may be used across an industry cluster (产业集群使用标准). */
@Entity('cluster_usage_standard')
@Index('ix_cluster_usage_standard_brand', ['brandId'])
@ObjectType({ description: 'A usage standard for an industry cluster (产业集群使用标准)' })
@Cached(CacheFor.reference)
export class ClusterUsageStandard {
  @PrimaryColumn('varchar', { length: 36 })
  @Field(() => ID)
  id: string;

  @Column('varchar', { name: 'brand_id', length: 36 })
  brandId: string;

  @Column('varchar', { length: 120 })
  @Field({ description: 'the industry cluster, e.g. 成都电子信息产业集群' })
  cluster: string;

  @Column('varchar', { name: 'city_code', length: 6, nullable: true })
  cityCode: string | null;

  @Column('text')
  @Field()
  requirements: string;

  @Column('date', { name: 'effective_from' })
  @Field(() => DateScalar)
  effectiveFrom: string;
}
