import { createHash, createHmac, createSecretKey, hkdfSync, randomUUID, type KeyObject } from 'node:crypto';
import { Role, type Viewer } from '@skills-sichuan/runtime';
import { loadJose } from '../auth/jose';
import { ViewerGrant } from '../store/partner.entity';

/** The issuer of the tokens the gateway sends partners: what a partner's verification checks `iss` against. */
export const PARTNER_TOKEN_ISSUER = 'skills-sichuan-gateway';
/** how long a token sent to a partner is valid: one fetch, with room for clocks that disagree */
export const PARTNER_TOKEN_TTL_SECONDS = 60;

/** What a partner is told of the viewer of a request (docs/partners.md, "What your service receives"). */
export interface PartnerClaims {
  role: Role;
  /** a stable pseudonym of the viewer, the same for one person at one partner and unlinkable across partners; absent for PUBLIC */
  sub?: string;
  /** for the partner's own PARTNER tokens: its name */
  partner?: string;
  /** granted by the registry only */
  org?: string;
  city?: string;
  subject?: string;
  /** base64url SHA-256 of the body as sent: the token is good for this one request */
  bdy: string;
  /** the request id, for matching logs */
  rid: string;
}

export interface PartnerIdentity {
  name: string;
  secretGeneration: number;
  grants: readonly ViewerGrant[];
}

/**
 * The partners' secrets and the tokens the gateway calls them with. Each partner's secret is
 * derived with HKDF from one root (PARTNER_SECRET_ROOT) by its name and generation, so every
 * replica computes the same secret, none is stored, and adding a partner again (or rotating)
 * makes a new one. A partner verifies an HS256 JWT with any JWT library.
 */
export class PartnerCredentials {
  private readonly keys = new Map<string, KeyObject>();
  private readonly pseudonymKeys = new Map<string, Buffer>();

  constructor(private readonly root: string) {}

  /** the secret to hand the partner (hex, 64 characters) */
  secret(name: string, generation: number): string {
    return Buffer.from(hkdfSync('sha256', this.root, 'skills-sichuan partner secret', `${name}#${generation}`, 32)).toString('hex');
  }

  /** The viewer's pseudonym at this partner: an HMAC of its subject under a key of this partner's alone. */
  pseudonym(name: string, subject: string): string {
    let key = this.pseudonymKeys.get(name);
    if (!key) {
      key = Buffer.from(hkdfSync('sha256', this.root, 'skills-sichuan partner pseudonym', name, 32));
      this.pseudonymKeys.set(name, key);
    }
    return `p_${createHmac('sha256', key).update(subject).digest('base64url').slice(0, 22)}`;
  }

  /** What the partner may know of this viewer: its role and a pseudonym, and what the registry grants. */
  claimsFor(partner: PartnerIdentity, viewer: Viewer, body: string, requestId: string): PartnerClaims {
    const claims: PartnerClaims = { role: viewer.role, bdy: createHash('sha256').update(body, 'utf8').digest('base64url'), rid: requestId };
    if (viewer.subject && viewer.role !== Role.PUBLIC) claims.sub = this.pseudonym(partner.name, viewer.subject);
    if (viewer.partner) claims.partner = viewer.partner;
    if (partner.grants.includes(ViewerGrant.ORGANIZATION) && viewer.organizationId) claims.org = viewer.organizationId;
    if (partner.grants.includes(ViewerGrant.CITY) && viewer.cityCode) claims.city = viewer.cityCode;
    if (partner.grants.includes(ViewerGrant.SUBJECT) && viewer.subject) claims.subject = viewer.subject;
    return claims;
  }

  /** An HS256 JWT for one request to the partner, signed with its secret, for it alone (aud) and for a minute. */
  async token(partner: PartnerIdentity, viewer: Viewer, body: string, requestId: string): Promise<string> {
    const { SignJWT } = await loadJose();
    const id = `${partner.name}#${partner.secretGeneration}`;
    let key = this.keys.get(id);
    if (!key) {
      key = createSecretKey(Buffer.from(this.secret(partner.name, partner.secretGeneration), 'utf8'));
      this.keys.set(id, key);
    }
    return new SignJWT({ ...this.claimsFor(partner, viewer, body, requestId) })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setIssuer(PARTNER_TOKEN_ISSUER)
      .setAudience(partner.name)
      .setIssuedAt()
      .setExpirationTime(`${PARTNER_TOKEN_TTL_SECONDS}s`)
      .setJti(randomUUID())
      .sign(key);
  }
}
