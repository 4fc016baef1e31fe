import type { SubgraphDefinition } from '@skills-sichuan/subgraph-kit';
import { Application, ApplicationStep } from './application/application.entity';
import { ApplicationResolver } from './application/application.resolver';
import { Base, BaseField, BaseProfile } from './base/base.entity';
import { BaseResolver, resolveBaseReference } from './base/base.resolver';
import { Brand } from './brand/brand.stub';
import { BrandBasesResolver, resolveBrandReference } from './brand/brand.resolver';
import { City } from './city/city.entity';
import { CityResolver, resolveCityReference } from './city/city.resolver';
import { Honour } from './honour/honour.entity';
import { HonourResolver } from './honour/honour.resolver';
import { Institution, InstitutionBrand, InstitutionOccupation, InstitutionService } from './institution/institution.entity';
import { InstitutionResolver, resolveInstitutionReference } from './institution/institution.resolver';
import { CreateRoster1700000002000 } from './migrations/1700000002000-CreateRoster';
import { CreateSelectionWorkflow1700000002100 } from './migrations/1700000002100-CreateSelectionWorkflow';
import { Contact, Organization } from './organization/organization.entity';
import { OrganizationResolver, resolveOrganizationReference } from './organization/organization.resolver';
import { Assessment, CreditEvent } from './roster/cause.stub';
import { RosterDecision } from './roster/roster-decision.entity';
import { RosterDecisionResolver } from './roster/roster.resolver';
import { seedRoster } from './seed';

/** bases & institutions: organisations, the roster of bases and institutions, selection and roster decisions, the cities. */
export const bases: SubgraphDefinition = {
  name: 'bases',
  defaultPort: 4002,
  entities: [
    City,
    Organization,
    Contact,
    Base,
    BaseProfile,
    BaseField,
    Honour,
    Institution,
    InstitutionService,
    InstitutionBrand,
    InstitutionOccupation,
    Application,
    ApplicationStep,
    RosterDecision,
  ],
  migrations: [CreateRoster1700000002000, CreateSelectionWorkflow1700000002100],
  schema: {
    resolvers: [
      BaseResolver,
      InstitutionResolver,
      OrganizationResolver,
      CityResolver,
      BrandBasesResolver,
      HonourResolver,
      ApplicationResolver,
      RosterDecisionResolver,
    ],
    orphanedTypes: [Brand, Assessment, CreditEvent],
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
