/**
 * The bases subgraph's seed entry point (`@skills-sichuan/bases/seed`): the roster generator
 * other subgraphs' seeds draw organisations, bases and institutions from, so their ids
 * agree with ours, and the credit codes a seed or a test composes for new organisations.
 */
export {
  generateRoster,
  standingOn,
  type BaseSeed,
  type InstitutionSeed,
  type OrganizationSeed,
  type RosterChangeSeed,
  type RosterReasonSeed,
  type RosterSeed,
} from './roster.generator';
export { BaseTier } from '../base/base.enums';
export { ServiceType } from '../institution/institution.enums';
export { OrganizationKind } from '../organization/organization.enums';
export { RosterStatus } from '../roster/roster.enums';
export { composeCreditCode } from '../organization/credit-code';
