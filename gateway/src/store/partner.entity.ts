import { Column, Entity, PrimaryColumn } from 'typeorm';

export enum PartnerStatus {
  /** composed into the served graph */
  ACTIVE = 'ACTIVE',
  /** removed from the graph; kept, with the last schema it served, for the record */
  REMOVED = 'REMOVED',
}

/** What a partner's token may be told of our viewer beyond its role and a pseudonym: nothing unless the registry grants it. */
export enum ViewerGrant {
  ORGANIZATION = 'ORGANIZATION',
  CITY = 'CITY',
  SUBJECT = 'SUBJECT',
}

/** A partner agency's subgraph in the registry: where it is, who answers for it, and the schema last accepted from it. */
@Entity('partner')
export class Partner {
  @PrimaryColumn('varchar', { length: 40 })
  name: string;

  @Column('varchar', { name: 'routing_url', length: 500 })
  routingUrl: string;

  /** the agency, e.g. 四川天府银行 */
  @Column('varchar', { length: 200 })
  owner: string;

  /** who to call when it misbehaves */
  @Column('varchar', { length: 200 })
  contact: string;

  @Column('varchar', { length: 16 })
  status: PartnerStatus;

  /** the SDL last accepted by the checks: what the served graph composes */
  @Column('text')
  sdl: string;

  @Column('varchar', { name: 'sdl_hash', length: 64 })
  sdlHash: string;

  /** a fetch to it slower than this ends as SUBGRAPH_UNAVAILABLE for its fields alone */
  @Column('integer', { name: 'timeout_ms' })
  timeoutMs: number;

  /** comma-separated ViewerGrant values; '' for none */
  @Column('varchar', { length: 100 })
  grants: string;

  /** which of its secrets signs its requests: a new one each time it is added again or rotated */
  @Column('integer', { name: 'secret_generation' })
  secretGeneration: number;

  @Column('varchar', { name: 'added_at', length: 32 })
  addedAt: string;

  @Column('varchar', { name: 'updated_at', length: 32 })
  updatedAt: string;

  @Column('varchar', { name: 'updated_by', length: 160 })
  updatedBy: string;
}

export const grantsOf = (partner: Pick<Partner, 'grants'>): ViewerGrant[] =>
  partner.grants ? (partner.grants.split(',') as ViewerGrant[]) : [];
