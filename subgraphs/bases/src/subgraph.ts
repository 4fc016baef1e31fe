import type { SubgraphDefinition } from '@skills-sichuan/kit';
import { Base } from './base/base.entity';
import { BaseResolver, resolveBaseReference } from './base/base.resolver';
import { Brand } from './brand/brand.stub';
import { BrandBasesResolver, resolveBrandReference } from './brand/brand.resolver';
import { City } from './city/city.entity';
import { CityResolver, resolveCityReference } from './city/city.resolver';
import { Institution, InstitutionBrand, InstitutionService } from './institution/institution.entity';
import { InstitutionResolver, resolveInstitutionReference } from './institution/institution.resolver';
import { CreateRoster1700000002000 } from './migrations/1700000002000-CreateRoster';
import { Organization } from './organization/organization.entity';
import { OrganizationResolver, resolveOrganizationReference } from './organization/organization.resolver';
import { seedRoster } from './seed';

/** bases & institutions: organisations, the roster of bases and institutions, the cities. */
export const bases: SubgraphDefinition = {
  name: 'bases',
  defaultPort: 4002,
  entities: [City, Organization, Base, Institution, InstitutionService, InstitutionBrand],
  migrations: [CreateRoster1700000002000],
  schema: {
    resolvers: [BaseResolver, InstitutionResolver, OrganizationResolver, CityResolver, BrandBasesResolver],
    orphanedTypes: [Brand],
    references: {
      Base: resolveBaseReference,
      Institution: resolveInstitutionReference,
      Organization: resolveOrganizationReference,
      City: resolveCityReference,
      Brand: resolveBrandReference,
    },
  },
  seed: seedRoster,
};
