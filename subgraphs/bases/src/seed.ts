import type { EntityManager } from 'typeorm';
import { insertMany, type Program } from '@skills-sichuan/subgraph-kit';
import { Base, BaseTier } from './base/base.entity';
import { City } from './city/city.entity';
import { Institution, InstitutionBrand, InstitutionService, ServiceType } from './institution/institution.entity';
import { Organization, OrganizationKind } from './organization/organization.entity';
import { RosterStatus } from './roster/roster-status';
import { seedWorkflow } from './seed-workflow';

export async function seedRoster(manager: EntityManager, program: Program): Promise<void> {
  await insertMany(manager, City, program.cities.map((c) => Object.assign(new City(), c)));
  await insertMany(manager, Organization, program.organizations.map((o) => Object.assign(new Organization(), { ...o, kind: o.kind as OrganizationKind })));
  await insertMany(
    manager,
    Base,
    program.bases.map((b) => Object.assign(new Base(), { ...b, tier: b.tier as BaseTier, status: b.status as RosterStatus })),
  );
  await insertMany(
    manager,
    Institution,
    program.institutions.map(({ id, name, organizationId, cityCode, status, designatedOn }) =>
      Object.assign(new Institution(), { id, name, organizationId, cityCode, status: status as RosterStatus, designatedOn }),
    ),
  );
  await insertMany(
    manager,
    InstitutionService,
    program.institutions.flatMap((i) => i.services.map((service) => Object.assign(new InstitutionService(), { institutionId: i.id, service: service as ServiceType }))),
  );
  await insertMany(
    manager,
    InstitutionBrand,
    program.institutions.flatMap((i) => i.brandIds.map((brandId) => Object.assign(new InstitutionBrand(), { institutionId: i.id, brandId }))),
  );
  await seedWorkflow(manager, program);
}
