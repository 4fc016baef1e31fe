import { createHash } from 'node:crypto';

/** What the gateway tells a partner of the person asking (docs/partners.md, "What your service receives"). */
export interface GatewayViewer {
  /** PUBLIC, PROVINCIAL_ADMIN, CITY_ADMIN, BASE_OPERATOR, ASSESSOR or PARTNER */
  role: string;
  /** a stable pseudonym of the person, at this partner only; absent for PUBLIC */
  sub?: string;
  /** for this partner's own staff (role PARTNER): the partner's name */
  partner?: string;
}

export class Unverified extends Error {}

// jose is published as ES modules only; a CommonJS service loads it with import()
const jose = import('jose');

/**
 * Checks the gateway's token on a request: HS256 under this partner's secret, issued by the
 * gateway, for this partner, unexpired, and made for exactly this body. Anything else is refused.
 */
export async function verifyGatewayToken(
  authorization: string | undefined,
  body: string,
  options: { name: string; secret: string },
): Promise<GatewayViewer> {
  const token = /^Bearer (.+)$/i.exec(authorization ?? '')?.[1];
  if (!token) throw new Unverified('no bearer token from the gateway');
  const { jwtVerify } = await jose;
  let payload: Record<string, unknown>;
  try {
    ({ payload } = await jwtVerify(token, new TextEncoder().encode(options.secret), {
      algorithms: ['HS256'],
      issuer: 'skills-sichuan-gateway',
      audience: options.name,
      clockTolerance: 30,
    }));
  } catch (err) {
    throw new Unverified(`the gateway's token does not verify: ${(err as Error).message}`);
  }
  // the token names the body it was made for: replayed with another query it is refused
  const digest = createHash('sha256').update(body, 'utf8').digest('base64url');
  if (payload.bdy !== digest) throw new Unverified('the token was made for another request');
  return { role: String(payload.role), sub: payload.sub as string | undefined, partner: payload.partner as string | undefined };
}
