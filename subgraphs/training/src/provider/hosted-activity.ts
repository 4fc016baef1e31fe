import { Column } from 'typeorm';
import type { ProviderType } from './provider.enums';

/**
 * The columns of something a base or institution may host — a competition, a promotion
 * event — or a city or the department may hold itself (no host): who hosted it, whose
 * organisation may act on it, and where.
 */
export abstract class HostedActivity {
  @Column('varchar', { name: 'host_type', length: 16, nullable: true })
  hostType: ProviderType | null;

  @Column('varchar', { name: 'host_id', length: 36, nullable: true })
  hostId: string | null;

  /** the host's operating organisation: who may record results */
  @Column('varchar', { name: 'organizer_organization_id', length: 36, nullable: true })
  organizerOrganizationId: string | null;

  @Column('varchar', { name: 'city_code', length: 6 })
  cityCode: string;
}
