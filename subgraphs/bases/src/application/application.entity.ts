import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { DateScalar } from '@skills-sichuan/runtime';
import { BaseTier, CultivationField } from '../base/base.enums';
import type { ServiceType } from '../institution/institution.enums';
import type { Organization } from '../organization/organization.entity';
import { Cached, CachedWithParent, CacheFor } from '@skills-sichuan/subgraph-kit';

export enum ApplicationKind {
  BASE = 'BASE',
  INSTITUTION = 'INSTITUTION',
}
registerEnumType(ApplicationKind, {
  name: 'ApplicationKind',
  description: 'for a base tier (主/辅基地) or for an operating institution (作业机构)',
});

/** 申报 → 初审 → 遴选: SUBMITTED → PRELIMINARY_REVIEW → SELECTED or REJECTED (REJECTED also straight from SUBMITTED). */
export enum ApplicationStatus {
  SUBMITTED = 'SUBMITTED',
  PRELIMINARY_REVIEW = 'PRELIMINARY_REVIEW',
  SELECTED = 'SELECTED',
  REJECTED = 'REJECTED',
}
registerEnumType(ApplicationStatus, {
  name: 'ApplicationStatus',
  valuesConfig: {
    SUBMITTED: { description: '已申报, awaiting 初审' },
    PRELIMINARY_REVIEW: { description: 'passed 初审, awaiting 遴选' },
    SELECTED: { description: '遴选: the base or institution exists' },
    REJECTED: { description: 'refused at 初审 or at 遴选' },
  },
});

/** not yet decided (初审 or 遴选 still to come): one per organisation, brand and tier for a base (uq_application_pending) */
export const PENDING_STATUSES: readonly ApplicationStatus[] = [ApplicationStatus.SUBMITTED, ApplicationStatus.PRELIMINARY_REVIEW];

/** What an applicant proposes, stored as JSON on the application and copied onto the subject it creates. */
export interface Proposal {
  brandIds: string[];
  conditions?: { facilities: string; courseSystem: string; managementSystem: string };
  fields?: CultivationField[];
  services?: ServiceType[];
  occupations?: string[];
}

@Entity('application')
@Index('ix_application_city_status', ['cityCode', 'status'])
@ObjectType({ description: 'An application (申报) for a base tier or an institution, and where the selection (遴选) stands' })
@Cached(CacheFor.program)
export class Application {
  @PrimaryColumn('varchar', { length: 36 })
  @Field(() => ID)
  id: string;

  @Column('varchar', { length: 16 })
  @Field(() => ApplicationKind)
  kind: ApplicationKind;

  @Index('ix_application_organization')
  @Column('varchar', { name: 'organization_id', length: 36 })
  organizationId: string;

  /** joined only where a list of applications is read, to prime the per-request loader */
  organization?: Organization;

  /** the organisation's city, where the base or institution will be: the scope of a CITY_ADMIN's reads */
  @Column('varchar', { name: 'city_code', length: 6 })
  cityCode: string;

  @Column('varchar', { length: 200 })
  @Field({ description: 'the name the base or institution will carry' })
  name: string;

  @Column('varchar', { length: 16, nullable: true })
  @Field(() => BaseTier, { nullable: true, description: 'the tier applied for; null for an institution' })
  tier: BaseTier | null;

  /** the brand a base application is for; null for an institution (its brands are in the proposal) */
  @Column('varchar', { name: 'brand_id', length: 36, nullable: true })
  brandId: string | null;

  @Column('text')
  proposal: string;

  @Column('varchar', { length: 24 })
  @Field(() => ApplicationStatus)
  status: ApplicationStatus;

  @Column('date', { name: 'submitted_on' })
  @Field(() => DateScalar)
  submittedOn: string;

  @Column('varchar', { name: 'base_id', length: 36, nullable: true })
  baseId: string | null;

  @Column('varchar', { name: 'institution_id', length: 36, nullable: true })
  institutionId: string | null;

  get parsedProposal(): Proposal {
    return JSON.parse(this.proposal) as Proposal;
  }
}

/** One move of an application: who moved it, when, and why. Steps are only ever appended. */
@Entity('application_step')
@Index('uq_application_step_seq', ['applicationId', 'seq'], { unique: true })
@ObjectType({ description: 'One step of an application: who moved it, when and why' })
@CachedWithParent()
export class ApplicationStep {
  @PrimaryColumn('varchar', { length: 36 })
  id: string;

  @Column('varchar', { name: 'application_id', length: 36 })
  applicationId: string;

  @Column('integer')
  seq: number;

  @Column('varchar', { name: 'from_status', length: 24, nullable: true })
  @Field(() => ApplicationStatus, { nullable: true, description: 'null for the submission' })
  fromStatus: ApplicationStatus | null;

  @Column('varchar', { name: 'to_status', length: 24 })
  @Field(() => ApplicationStatus)
  toStatus: ApplicationStatus;

  @Column('varchar', { length: 128 })
  @Field({ description: 'who: the signed-in subject that made the move' })
  actor: string;

  @Column('varchar', { name: 'actor_role', length: 24 })
  @Field({ description: 'the role it acted in' })
  actorRole: string;

  @Column('varchar', { length: 32 })
  @Field({ description: 'when: an ISO 8601 instant, e.g. "2025-03-01T08:00:00.000Z"' })
  at: string;

  @Column('text', { nullable: true })
  @Field(() => String, { nullable: true, description: 'why: the applicant’s note, the review’s opinion, the selection’s decision' })
  reason: string | null;
}
