import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { Authorized, Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { Role } from '@skills-sichuan/runtime';
import { RosterSubjectType } from '../roster/roster-decision.entity';

/** 抽查复核: one year's spot-check sample, drawn once (one per year) from the subjects ACTIVE at the draw; never redrawn or edited. */
@Entity('spot_check_sample')
@Index('uq_spot_check_sample_year', ['year'], { unique: true })
@ObjectType({
  description: '抽查复核: the year’s sample of ACTIVE bases and institutions to spot-check, drawn once and reproducibly (see `algorithm`)',
})
export class SpotCheckSample {
  @PrimaryColumn('varchar', { length: 36 })
  @Field(() => ID)
  id: string;

  @Column('integer')
  @Field(() => Int)
  year: number;

  @Column('varchar', { length: 64 })
  @Field({ description: 'the seed the draw was keyed with: with the year and the roster it determines the sample' })
  seed: string;

  @Column('varchar', { length: 40 })
  @Field({
    description:
      'HMAC-SHA256/brand-strata/v1: one per public brand, the rest by brand in proportion (largest remainder); within a brand, ascending HMAC-SHA-256(seed, "<year>:<subject id>")',
  })
  algorithm: string;

  @Column('double precision', { nullable: true })
  @Field(() => Float, { nullable: true, description: 'the sampling rate asked for — program office configuration, the plan sets none' })
  rate: number | null;

  @Column('integer', { name: 'requested_size', nullable: true })
  @Field(() => Int, { nullable: true, description: 'the size asked for, when no rate was — program office configuration' })
  requestedSize: number | null;

  @Column('integer')
  @Field(() => Int, { description: 'subjects drawn: the rate’s share rounded up or the size asked, raised to one per public brand' })
  size: number;

  @Column('integer', { name: 'roster_size' })
  @Field(() => Int, { description: 'ACTIVE bases and institutions at the draw' })
  rosterSize: number;

  @Column('varchar', { name: 'roster_digest', length: 64 })
  @Field({
    description:
      'SHA-256 of the sorted "<BASE|INSTITUTION>:<id>:<public brand id>" lines of the roster drawn from, each ending in a line feed',
  })
  rosterDigest: string;

  @Column('varchar', { name: 'drawn_by', length: 160 })
  @Field({ description: 'the signed-in subject that drew it; PROVINCIAL_ADMIN only, as a roster decision’s decidedBy' })
  @Authorized(Role.PROVINCIAL_ADMIN)
  drawnBy: string;

  @Column('varchar', { name: 'drawn_at', length: 32 })
  @Field({ description: 'when it was drawn: an ISO 8601 instant' })
  drawnAt: string;
}

/** One public brand's part of a sample: how many it had ACTIVE and how many were drawn. */
@Entity('spot_check_stratum')
@ObjectType({ description: 'A public brand’s part of a spot-check sample' })
export class SpotCheckStratum {
  @PrimaryColumn('varchar', { name: 'sample_id', length: 36 })
  sampleId: string;

  /** the public brand, of the brands subgraph */
  @PrimaryColumn('varchar', { name: 'brand_id', length: 36 })
  brandId: string;

  @Column('integer', { name: 'roster_size' })
  @Field(() => Int, { description: 'its ACTIVE bases and institutions at the draw, sub-brands’ included' })
  rosterSize: number;

  @Column('integer')
  @Field(() => Int)
  sampled: number;
}

/** One subject drawn into a sample. */
@Entity('spot_check_member')
@Index('uq_spot_check_member_rank', ['sampleId', 'rank'], { unique: true })
@ObjectType({ description: 'A base or institution drawn into a spot-check sample' })
export class SpotCheckMember {
  @PrimaryColumn('varchar', { name: 'sample_id', length: 36 })
  sampleId: string;

  @PrimaryColumn('varchar', { name: 'subject_id', length: 36 })
  subjectId: string;

  @Column('varchar', { name: 'subject_type', length: 16 })
  @Field(() => RosterSubjectType)
  subjectType: RosterSubjectType;

  /** the public brand it was drawn under */
  @Column('varchar', { name: 'brand_id', length: 36 })
  brandId: string;

  @Column('integer')
  @Field(() => Int, { description: '1 for the smallest key in the sample' })
  rank: number;

  @Column('varchar', { name: 'sort_key', length: 64 })
  @Field({ description: 'its key in the draw: HMAC-SHA-256(seed, "<year>:<subject id>"), lowercase hex' })
  sortKey: string;
}
