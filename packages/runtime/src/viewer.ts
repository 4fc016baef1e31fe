import { DomainError, ErrorCode } from './errors';
import { isRecordId } from './record-id';
import { SICHUAN_CITY_CODES } from './cities';

/** The roles of the program (DOMAIN.md "Roles"). */
export enum Role {
  PUBLIC = 'PUBLIC',
  CITY_ADMIN = 'CITY_ADMIN',
  BASE_OPERATOR = 'BASE_OPERATOR',
  ASSESSOR = 'ASSESSOR',
  PROVINCIAL_ADMIN = 'PROVINCIAL_ADMIN',
  PARTNER = 'PARTNER',
}

/** What identifies a viewer on the wire: the gateway's signed header and the bearer token's claims. */
export interface ViewerClaims {
  role: Role;
  sub?: string;
  /** the viewer's organisation (BASE_OPERATOR) */
  org?: string;
  /** the viewer's 市州 (CITY_ADMIN) */
  city?: string;
  /** the partner agency a PARTNER token speaks for: its name in the partner registry */
  partner?: string;
}

const ROLES = new Set<string>(Object.values(Role));
// a CITY_ADMIN's `city` claim must be one of the province's 市州
const CITY = { test: (value: string) => SICHUAN_CITY_CODES.has(value) };
const SUBJECT = /^[\w.@:-]{1,128}$/;
/** a partner's name in the registry: lower-case letters, digits and dashes, as composition names a subgraph */
export const PARTNER_NAME = /^[a-z][a-z0-9-]{1,39}$/;

/**
 * Who is asking. The gateway verifies the caller's token and hands the identity to every
 * subgraph in headers it signs; a request without a token is PUBLIC.
 */
export class Viewer {
  private constructor(
    readonly role: Role,
    readonly subject?: string,
    readonly organizationId?: string,
    readonly cityCode?: string,
    readonly partner?: string,
  ) {}

  static public(): Viewer {
    return new Viewer(Role.PUBLIC);
  }

  /** Validates claims from a token or a signed header; throws with the reason they are unusable. */
  static fromClaims(claims: unknown): Viewer {
    const c = (claims ?? {}) as Record<string, unknown>;
    const role = c.role;
    if (typeof role !== 'string' || !ROLES.has(role)) throw new Error(`role must be one of ${[...ROLES].join(', ')}`);
    const text = (name: string, shape: { test(value: string): boolean }) => {
      const value = c[name];
      if (value === undefined || value === null) return undefined;
      if (typeof value !== 'string' || !shape.test(value)) throw new Error(`${name} is malformed`);
      return value;
    };
    const viewer = new Viewer(
      role as Role,
      text('sub', SUBJECT),
      text('org', { test: isRecordId }),
      text('city', CITY),
      text('partner', PARTNER_NAME),
    );
    if (viewer.role === Role.CITY_ADMIN && !viewer.cityCode) throw new Error('a CITY_ADMIN needs its city');
    if (viewer.role === Role.BASE_OPERATOR && !viewer.organizationId) throw new Error('a BASE_OPERATOR needs its organisation');
    if (viewer.role === Role.PARTNER && !viewer.partner) throw new Error('a PARTNER needs its partner (the registry name it speaks for)');
    if (viewer.role !== Role.PARTNER && viewer.partner) throw new Error('only a PARTNER speaks for a partner');
    if (viewer.role !== Role.PUBLIC && !viewer.subject) throw new Error('a signed-in viewer needs a subject');
    return viewer;
  }

  toClaims(): ViewerClaims {
    const claims: ViewerClaims = { role: this.role };
    if (this.subject) claims.sub = this.subject;
    if (this.organizationId) claims.org = this.organizationId;
    if (this.cityCode) claims.city = this.cityCode;
    if (this.partner) claims.partner = this.partner;
    return claims;
  }

  get isPublic(): boolean {
    return this.role === Role.PUBLIC;
  }

  /** Refuses an act on something in another city: a CITY_ADMIN acts only within its own. */
  assertCity(cityCode: string, act: string): void {
    if (this.role === Role.CITY_ADMIN && this.cityCode !== cityCode) {
      throw new DomainError(ErrorCode.FORBIDDEN, `${act}: a CITY_ADMIN of ${this.cityCode} may not act in ${cityCode}`, {
        reason: 'OUTSIDE_JURISDICTION',
      });
    }
  }

  /** Refuses an act for another organisation: a BASE_OPERATOR acts only for its own. */
  assertOrganization(organizationId: string, act: string): void {
    if (this.role === Role.BASE_OPERATOR && this.organizationId !== organizationId) {
      throw new DomainError(ErrorCode.FORBIDDEN, `${act}: a BASE_OPERATOR acts only for its own organisation`, {
        reason: 'NOT_OWN_ORGANIZATION',
      });
    }
  }
}
