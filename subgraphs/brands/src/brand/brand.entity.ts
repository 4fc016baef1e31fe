import { Column, Entity, Index, JoinColumn, ManyToOne, OneToMany, PrimaryColumn } from 'typeorm';
import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { DateScalar } from '@skills-sichuan/runtime';
import { BrandLevel, IndustrySector, Provenance } from './brand.enums';
import { Cached, CachedWithParent, CacheFor } from '@skills-sichuan/subgraph-kit';

@ObjectType({ description: 'Training person-times (人次) a brand is to reach by its deadline, counting training from countsFrom' })
@CachedWithParent()
export class TrainingTarget {
  @Field(() => Int)
  personTimes: number;

  @Field(() => DateScalar)
  deadline: string;

  @Field(() => DateScalar, {
    description: 'training counts toward the target from this day to the deadline; the plan’s targets from its issue date, 2023-12-15',
  })
  countsFrom: string;

  @Field(() => Provenance, {
    description: 'PLAN for the five public brands’ targets of 2025; sub-brands’ targets are the program office’s',
  })
  provenance: Provenance;
}

@Entity('brand')
@ObjectType({ description: 'A skills public brand (技能公共品牌) or one of its sub-brands' })
@Directive('@key(fields: "id")')
@Cached(CacheFor.reference)
export class Brand {
  @PrimaryColumn('varchar', { length: 36 })
  @Field(() => ID)
  id: string;

  @Index({ unique: true })
  @Column('varchar', { length: 80 })
  @Field({ description: 'NEW_FARMER …; sub-brands "DIGITAL_CRAFTSMAN.<SUFFIX>"' })
  code: string;

  @Index({ unique: true })
  @Column('varchar', { length: 80 })
  @Field({ description: '天府数智工匠' })
  name: string;

  @Column('varchar', { length: 16 })
  @Field(() => BrandLevel)
  level: BrandLevel;

  @Column('varchar', { length: 16, nullable: true })
  @Field(() => IndustrySector, { nullable: true })
  sector: IndustrySector | null;

  @Index()
  @Column('varchar', { name: 'parent_id', length: 36, nullable: true })
  parentId: string | null;

  @ManyToOne(() => Brand, (brand) => brand.subBrands)
  @JoinColumn({ name: 'parent_id' })
  parent?: Brand | null;

  /** joined where brands are looked up, to prime the subBrands loader */
  @OneToMany(() => Brand, (brand) => brand.parent)
  subBrands?: Brand[];

  /** the plan's order of the brands, and of each brand's sub-brands */
  @Column('integer')
  position: number;

  @Column('integer', { name: 'target_person_times', nullable: true })
  targetPersonTimes: number | null;

  @Column('date', { name: 'target_deadline', nullable: true })
  targetDeadline: string | null;

  @Column('varchar', { length: 16, default: Provenance.PROGRAM_OFFICE })
  @Field(() => Provenance, { description: 'PLAN for the five public brands the plan names; sub-brands are the program office’s' })
  provenance: Provenance;

  @Column('varchar', { name: 'target_provenance', length: 16, nullable: true })
  targetProvenance: Provenance | null;
  /** the first day whose training counts toward the target; set with it, never after its deadline */
  @Column('date', { name: 'target_counts_from', nullable: true })
  targetCountsFrom: string | null;
}
