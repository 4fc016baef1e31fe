import {
  applyDishonestyChange,
  CreateDishonestyFlags1700000000200,
  DishonestyFlag,
  type SubgraphDefinition,
} from '@skills-sichuan/subgraph-kit';
import { Application, ApplicationStep } from './application/application.entity';
import { ApplicationResolver } from './application/application.resolver';
import { Base, BaseConditionCorrection, BaseField, BaseProfile } from './base/base.entity';
import { BaseResolver, resolveBaseReference } from './base/base.resolver';
import { Brand } from './brand/brand.stub';
import { BrandBasesResolver, resolveBrandReference } from './brand/brand.resolver';
import { City } from './city/city.entity';
import { BaseCountResolver, BrandBaseFiguresResolver } from './figures/base-count.resolver';
import { CityResolver, resolveCityReference } from './city/city.resolver';
import { Honour } from './honour/honour.entity';
import { HonourResolver } from './honour/honour.resolver';
import { Institution, InstitutionBrand, InstitutionOccupation, InstitutionService } from './institution/institution.entity';
import { InstitutionResolver, resolveInstitutionReference } from './institution/institution.resolver';
import { CreateRoster1700000002000 } from './migrations/1700000002000-CreateRoster';
import { CreateSelectionWorkflow1700000002100 } from './migrations/1700000002100-CreateSelectionWorkflow';
import { SupportAndStatements1700000002600 } from './migrations/1700000002600-SupportAndStatements';
import { RecordCorrections1700000002700 } from './migrations/1700000002700-RecordCorrections';
import { OnePendingApplication1700000002710 } from './migrations/1700000002710-OnePendingApplication';
import { CreateSpotCheckSample1700000002800 } from './migrations/1700000002800-CreateSpotCheckSample';
import { Contact, ContactCorrection, Organization } from './organization/organization.entity';
import { OrganizationResolver, resolveOrganizationReference } from './organization/organization.resolver';
import { Assessment, CreditEvent } from './roster/cause.stub';
import { RosterDecision } from './roster/roster-decision.entity';
import { RosterDecisionResolver } from './roster/roster.resolver';
import { RosterStatement } from './roster/roster-statement.entity';
import { RosterStatementResolver } from './roster/statement.resolver';
import { PolicySupport } from './support/policy-support.entity';
import { BaseSupportResolver, InstitutionSupportResolver, SupportResolver } from './support/support.resolver';
import { seedRoster } from './seed';
import { SpotCheckMember, SpotCheckSample, SpotCheckStratum } from './spot-check/spot-check.entity';
import { SpotCheckMemberResolver, SpotCheckSampleResolver, SpotCheckStratumResolver } from './spot-check/spot-check.resolver';

/** bases & institutions: organisations, the roster of bases and institutions, selection and roster decisions, the cities. */
export const bases: SubgraphDefinition = {
  name: 'bases',
  defaultPort: 4002,
  entities: [
    City,
    Organization,
    Contact,
    ContactCorrection,
    Base,
    BaseProfile,
    BaseField,
    BaseConditionCorrection,
    Honour,
    Institution,
    InstitutionService,
    InstitutionBrand,
    InstitutionOccupation,
    Application,
    ApplicationStep,
    RosterDecision,
    RosterStatement,
    PolicySupport,
    DishonestyFlag,
    SpotCheckSample,
    SpotCheckStratum,
    SpotCheckMember,
  ],
  migrations: [
    CreateRoster1700000002000,
    CreateSelectionWorkflow1700000002100,
    CreateDishonestyFlags1700000000200,
    SupportAndStatements1700000002600,
    RecordCorrections1700000002700,
    OnePendingApplication1700000002710,
    CreateSpotCheckSample1700000002800,
  ],
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
      RosterStatementResolver,
      SupportResolver,
      BaseSupportResolver,
      InstitutionSupportResolver,
      SpotCheckSampleResolver,
      SpotCheckMemberResolver,
      SpotCheckStratumResolver,
      BrandBaseFiguresResolver,
      BaseCountResolver,
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
  // 失信惩戒: evaluation's list, kept here for the doors of applications, the roster, honours and support
  events: { 'credit.dishonesty-changed': applyDishonestyChange },
};
