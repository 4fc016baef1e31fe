import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { DateScalar } from '@skills-sichuan/runtime';
import { Cached, CacheFor } from '@skills-sichuan/subgraph-kit';

export enum LicenceStatus {
  ACTIVE = 'ACTIVE',
  /** past its validTo: derived from the dates, never stored */
  EXPIRED = 'EXPIRED',
  /** the subject it rests on is suspended from the roster: derived from suspendedOn, lifted when it is reinstated */
  SUSPENDED = 'SUSPENDED',
  REVOKED = 'REVOKED',
}
registerEnumType(LicenceStatus, {
  name: 'LicenceStatus',
  description: 'EXPIRED is an ACTIVE licence past its validTo; SUSPENDED one whose base or institution is suspended from the roster',
});

/** Permission for an organisation to use a brand (品牌使用许可) over a period. */
@Entity('usage_licence')
@Index('ix_usage_licence_brand', ['brandId', 'validTo'])
@Index('ix_usage_licence_licensee', ['licenseeId'])
@ObjectType({ description: 'A licence to use a brand, granted to an organisation for a period' })
@Cached(CacheFor.program)
export class UsageLicence {
  @PrimaryColumn('varchar', { length: 36 })
  @Field(() => ID)
  id: string;

  @Index('uq_usage_licence_number', { unique: true })
  @Column('varchar', { name: 'licence_number', length: 40 })
  @Field({ description: 'e.g. "DIGITAL_CRAFTSMAN-2024-0007"' })
  licenceNumber: string;

  @Column('varchar', { name: 'brand_id', length: 36 })
  brandId: string;

  @Column('varchar', { name: 'licensee_id', length: 36 })
  licenseeId: string;

  @Column('text')
  @Field({ description: 'what the licensee may use the brand on' })
  scope: string;

  @Column('date', { name: 'valid_from' })
  @Field(() => DateScalar)
  validFrom: string;

  @Column('date', { name: 'valid_to' })
  @Field(() => DateScalar)
  validTo: string;

  /** ACTIVE or REVOKED; EXPIRED is read from the dates */
  @Column('varchar', { name: 'status', length: 16 })
  storedStatus: LicenceStatus.ACTIVE | LicenceStatus.REVOKED;

  @Column('date', { name: 'revoked_on', nullable: true })
  @Field(() => DateScalar, { nullable: true })
  revokedOn: string | null;

  @Column('text', { name: 'revocation_reason', nullable: true })
  @Field(() => String, { nullable: true })
  revocationReason: string | null;

  /** the roster decision (bases subgraph) that revoked it, when one did */
  @Column('varchar', { name: 'revoked_by_decision_id', length: 36, nullable: true })
  @Field(() => ID, { nullable: true, description: 'the roster decision that revoked it with its subject (取消资格), if one did' })
  revokedByDecisionId: string | null;

  @Column('date', { name: 'suspended_on', nullable: true })
  @Field(() => DateScalar, { nullable: true, description: 'suspended with the subject it rests on, from this day' })
  suspendedOn: string | null;

  @Column('varchar', { name: 'suspended_by_decision_id', length: 36, nullable: true })
  @Field(() => ID, { nullable: true, description: 'the roster decision that suspended it' })
  suspendedByDecisionId: string | null;

  /** the base or institution whose suspension suspended it: its reinstatement lifts it */
  @Column('varchar', { name: 'suspended_with_subject_id', length: 36, nullable: true })
  suspendedWithSubjectId: string | null;
}
