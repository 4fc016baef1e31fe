import { registerEnumType } from 'type-graphql';

/** Where a base or institution stands on the program's roster (动态调整). */
export enum RosterStatus {
  ACTIVE = 'ACTIVE',
  SUSPENDED = 'SUSPENDED',
  REVOKED = 'REVOKED',
  EXITED = 'EXITED',
}
registerEnumType(RosterStatus, { name: 'RosterStatus' });
