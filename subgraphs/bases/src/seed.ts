import type { EntityManager } from 'typeorm';
import { CITIES, insertMany, type ProgramOptions } from '@skills-sichuan/subgraph-kit';
import { Base } from './base/base.entity';
import { City } from './city/city.entity';
import { Institution, InstitutionBrand, InstitutionService } from './institution/institution.entity';
import { Organization } from './organization/organization.entity';
import { generateRoster } from './seed/roster.generator';
import { seedWorkflow } from './seed-workflow';

/** The bases subgraph's records of the program: the cities, the roster (its generator) and the workflow behind it. */
export async function seedRoster(manager: EntityManager, options: ProgramOptions): Promise<void> {
  const roster = generateRoster(options);
  await insertMany(
    manager,
    City,
    CITIES.map(({ code, name }) => Object.assign(new City(), { code, name })),
  );
  await insertMany(
    manager,
    Organization,
    roster.organizations.map((o) => Object.assign(new Organization(), o)),
  );
  await insertMany(
    manager,
    Base,
    roster.bases.map((b) => Object.assign(new Base(), b)),
  );
  await insertMany(
    manager,
    Institution,
    roster.institutions.map(({ id, name, organizationId, cityCode, status, designatedOn }) =>
      Object.assign(new Institution(), { id, name, organizationId, cityCode, status, designatedOn }),
    ),
  );
  await insertMany(
    manager,
    InstitutionService,
    roster.institutions.flatMap((i) =>
      i.services.map((service) => Object.assign(new InstitutionService(), { institutionId: i.id, service })),
    ),
  );
  await insertMany(
    manager,
    InstitutionBrand,
    roster.institutions.flatMap((i) =>
      i.brandIds.map((brandId) => Object.assign(new InstitutionBrand(), { institutionId: i.id, brandId })),
    ),
  );
  await seedWorkflow(manager, options, roster);
}
