import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { OrganizationKind } from './organization.enums';
import { CorrectionRow } from './record-correction';
import { Cached, CacheFor } from '@skills-sichuan/subgraph-kit';

@Entity('organization')
@ObjectType({
  description: 'A cultivation subject (培育主体): city bureau, college, enterprise, industry association or training institution',
})
@Directive('@key(fields: "id")')
@Cached(CacheFor.program)
export class Organization {
  @PrimaryColumn('varchar', { length: 36 })
  @Field(() => ID)
  id: string;

  @Column('varchar', { length: 120 })
  @Field()
  name: string;

  @Column('varchar', { length: 32 })
  @Field(() => OrganizationKind)
  kind: OrganizationKind;

  @Index({ unique: true })
  @Column('varchar', { name: 'credit_code', length: 18 })
  @Field({ description: '统一社会信用代码 (GB 32100-2015)' })
  creditCode: string;

  @Column('varchar', { name: 'city_code', length: 6 })
  cityCode: string;
}

/** A contact person of an organisation: personal data, kept apart from the public organisation row. */
@Entity('organization_contact')
@ObjectType({
  description: "A contact person of an organisation (not public: the organisation's own, its city's bureau and the province read it)",
})
export class Contact {
  @PrimaryColumn('varchar', { length: 36 })
  id: string;

  @Column('varchar', { name: 'organization_id', length: 36 })
  organizationId: string;

  /** order of the contacts as registered, the first is the main one */
  @Column('integer')
  position: number;

  @Column('varchar', { length: 60 })
  @Field()
  name: string;

  @Column('varchar', { length: 60, nullable: true })
  @Field(() => String, { nullable: true, description: '职务' })
  title: string | null;

  @Column('varchar', { length: 32 })
  @Field()
  phone: string;

  @Column('varchar', { length: 120, nullable: true })
  @Field(() => String, { nullable: true })
  email: string | null;
}

/**
 * A correction of an organisation's contacts. What changed and why are personal data: sealed
 * together (contact-history-vault.ts), so the table holds only who, when and the order in clear.
 */
@Entity('organization_contact_correction')
@Index('uq_organization_contact_correction_seq', ['organizationId', 'seq'], { unique: true })
export class ContactCorrection extends CorrectionRow {
  @Column('varchar', { name: 'organization_id', length: 36 })
  organizationId: string;

  /** AES-256-GCM of { changes, reason }, bound to this row's id */
  @Column('text')
  sealed: string;
}
