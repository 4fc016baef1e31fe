import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * JSON Web Tokens signed with HS256 — the only algorithm accepted, so a token cannot
 * choose "none" or a key of its own. Expiry is required.
 */
export class TokenError extends Error {
  override name = 'TokenError';
}

export interface TokenClaims {
  sub: string;
  role: string;
  org?: string;
  city?: string;
  iss: string;
  iat: number;
  exp: number;
  nbf?: number;
}

const HEADER = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT' })).toString('base64url');
const signature = (secret: string, input: string) => createHmac('sha256', secret).update(input).digest();

export function signToken(claims: Omit<TokenClaims, 'iat' | 'exp'>, secret: string, ttlSeconds: number, now = Date.now()): string {
  const iat = Math.floor(now / 1000);
  const payload = Buffer.from(JSON.stringify({ ...claims, iat, exp: iat + ttlSeconds })).toString('base64url');
  return `${HEADER}.${payload}.${signature(secret, `${HEADER}.${payload}`).toString('base64url')}`;
}

/** The token's claims when its signature, issuer and validity period check out; a TokenError saying why not otherwise. */
export function verifyToken(token: string, secret: string, issuer: string, now = Date.now()): TokenClaims {
  const parts = token.split('.');
  if (parts.length !== 3) throw new TokenError('the bearer token is not a JWT');
  const [header, payload, given] = parts;
  let alg: unknown;
  try {
    alg = JSON.parse(Buffer.from(header, 'base64url').toString('utf8')).alg;
  } catch {
    throw new TokenError('the bearer token is not a JWT');
  }
  if (alg !== 'HS256') throw new TokenError('the bearer token must be signed with HS256');
  const expected = signature(secret, `${header}.${payload}`);
  const actual = Buffer.from(given, 'base64url');
  if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) throw new TokenError('the bearer token’s signature is not valid');
  let claims: Partial<TokenClaims>;
  try {
    claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    throw new TokenError('the bearer token’s claims are not JSON');
  }
  const seconds = now / 1000;
  if (typeof claims.exp !== 'number') throw new TokenError('the bearer token has no expiry');
  if (claims.exp <= seconds) throw new TokenError('the bearer token has expired');
  if (typeof claims.nbf === 'number' && claims.nbf > seconds + 30) throw new TokenError('the bearer token is not valid yet');
  if (claims.iss !== issuer) throw new TokenError(`the bearer token was not issued by ${issuer}`);
  return claims as TokenClaims;
}
