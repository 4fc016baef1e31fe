import { BrandFiguresResolver } from './figures/brand-figures.resolver';
import {
  applyDishonestyChange,
  CreateDishonestyFlags1700000000200,
  DishonestyFlag,
  type SubgraphDefinition,
} from '@skills-sichuan/subgraph-kit';
import { Brand } from './brand/brand.entity';
import { BrandResolver, resolveBrandReference } from './brand/brand.resolver';
import { City } from './city/city.stub';
import { BrandElement } from './element/brand-element.entity';
import { BrandElementResolver } from './element/brand-element.resolver';
import { InfringementReport } from './infringement/infringement-report.entity';
import { InfringementReportResolver } from './infringement/infringement-report.resolver';
import { IpRegistration } from './ip/ip-registration.entity';
import { BrandIpResolver, IpRegistrationResolver } from './ip/ip-registration.resolver';
import { UsageLicence } from './licence/usage-licence.entity';
import { OrganizationLicencesResolver, UsageLicenceResolver } from './licence/usage-licence.resolver';
import { CreateBrand1700000001000 } from './migrations/1700000001000-CreateBrand';
import { CreateStandardsAndUsage1700000001100 } from './migrations/1700000001100-CreateStandardsAndUsage';
import { LicencesFollowTheRoster1700000001600 } from './migrations/1700000001600-LicencesFollowTheRoster';
import { Provenance1700000001610 } from './migrations/1700000001610-Provenance';
import { TargetCountsFrom1700000001700 } from './migrations/1700000001700-TargetCountsFrom';
import { applyDisqualification, applyRestoration } from './licence/usage-licence.service';
import { Organization } from './organization/organization.stub';
import { seedBrands } from './seed';
import { Standard, StandardBrand, StandardDrafter } from './standard/standard.entity';
import { BrandStandardsResolver, resolveStandardReference, StandardResolver } from './standard/standard.resolver';
import { ClusterUsageStandard, UsageQualification } from './usage/usage-rule.entity';
import { ClusterUsageStandardResolver, UsageRuleResolver } from './usage/usage-rule.resolver';

/** brands & standards: the brand matrix and its elements, the standard system, IP registrations and brand usage. */
export const brands: SubgraphDefinition = {
  name: 'brands',
  defaultPort: 4001,
  entities: [
    Brand,
    BrandElement,
    Standard,
    StandardBrand,
    StandardDrafter,
    IpRegistration,
    UsageQualification,
    ClusterUsageStandard,
    UsageLicence,
    InfringementReport,
    DishonestyFlag,
  ],
  migrations: [
    CreateBrand1700000001000,
    CreateStandardsAndUsage1700000001100,
    CreateDishonestyFlags1700000000200,
    LicencesFollowTheRoster1700000001600,
    Provenance1700000001610,
    TargetCountsFrom1700000001700,
  ],
  schema: {
    resolvers: [
      BrandResolver,
      BrandElementResolver,
      BrandStandardsResolver,
      BrandIpResolver,
      UsageRuleResolver,
      StandardResolver,
      IpRegistrationResolver,
      ClusterUsageStandardResolver,
      UsageLicenceResolver,
      OrganizationLicencesResolver,
      InfringementReportResolver,
      BrandFiguresResolver,
    ],
    orphanedTypes: [Organization, City],
    references: {
      Brand: resolveBrandReference,
      Standard: resolveStandardReference,
      Organization: ({ id }: { id: string }) => Organization.reference(id),
    },
  },
  seed: seedBrands,
  // licences follow the roster; no licence for a dishonest organisation
  events: {
    'roster.subject-disqualified': applyDisqualification,
    'roster.subject-restored': applyRestoration,
    'credit.dishonesty-changed': applyDishonestyChange,
  },
};
