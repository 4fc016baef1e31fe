import type { JWTPayload, JWTVerifyGetKey, JWTVerifyOptions } from 'jose' with { 'resolution-mode': 'import' };
import { loadJose, type Jose } from './jose';

/** HS256 with a secret the gateway shares with whoever issues tokens: development (`npm run token`), or a deployment without an identity provider. */
export interface SecretTokenConfig {
  kind: 'secret';
  secret: string;
  issuer: string;
  /** checked when set, and put into development tokens */
  audience?: string;
  clockToleranceSeconds: number;
  /** the longest a token may be valid (exp − iat, and exp − now); DEFAULT_MAX_LIFETIME_SECONDS when unset */
  maxLifetimeSeconds?: number;
}

/** An identity provider's public keys, published at its JWKS URL and rotated by it (OIDC): RS256 or ES256 only. */
export interface JwksTokenConfig {
  kind: 'jwks';
  jwksUrl: string;
  issuer: string;
  /** required: one provider signs tokens for many applications, and only those meant for this graph are accepted */
  audience: string;
  clockToleranceSeconds: number;
  /** the longest a token may be valid (exp − iat, and exp − now); DEFAULT_MAX_LIFETIME_SECONDS when unset */
  maxLifetimeSeconds?: number;
  /** after fetching the key set, a token with an unknown kid waits this long before it may trigger another fetch */
  cooldownMs: number;
  /** the key set is fetched again when older than this, so a key the provider withdrew stops working */
  cacheMaxAgeMs: number;
  /** a fetch of the key set slower than this fails (503) */
  timeoutMs: number;
}

export type TokenConfig = SecretTokenConfig | JwksTokenConfig;

/**
 * A token valid longer than this is refused (JWT_MAX_LIFETIME): a stolen one stays useful
 * only that long. 12 h covers `npm run token`'s 8 h default and a provider's usual hour.
 */
export const DEFAULT_MAX_LIFETIME_SECONDS = 12 * 3600;

/**
 * What each kind of key may verify — never "none", and never HS* against a key set: a
 * published public key taken as an HMAC secret would let anyone sign.
 */
export const ALGORITHMS = { secret: ['HS256'], jwks: ['RS256', 'ES256'] } as const satisfies Record<TokenConfig['kind'], readonly string[]>;

/** A token refused for a reason the client can act on; its message is safe to show. */
export class TokenError extends Error {
  override name = 'TokenError';
}

/** The identity provider's key set could not be fetched: not the client's fault, and worth a retry. */
export class KeySetUnavailable extends Error {
  override name = 'KeySetUnavailable';
  constructor(cause: unknown) {
    super('the identity provider’s signing keys could not be fetched', { cause });
  }
}

export interface DevelopmentClaims {
  sub: string;
  role: string;
  org?: string;
  city?: string;
}

/** A development token signed with the shared secret (`npm run token`, tests); with a key set configured, tokens come from the identity provider. */
export async function signToken(claims: DevelopmentClaims, config: TokenConfig, ttlSeconds: number, now = Date.now()): Promise<string> {
  if (config.kind !== 'secret')
    throw new Error('tokens are issued by the identity provider at JWT_JWKS_URL; development tokens need JWT_SECRET and no JWT_JWKS_URL');
  const maxLifetime = config.maxLifetimeSeconds ?? DEFAULT_MAX_LIFETIME_SECONDS;
  if (ttlSeconds > maxLifetime)
    throw new Error(`a token may be valid for at most ${maxLifetime} s (JWT_MAX_LIFETIME); asked for ${ttlSeconds} s`);
  const { SignJWT } = await loadJose();
  const { sub, ...rest } = claims;
  const iat = Math.floor(now / 1000);
  const token = new SignJWT(Object.fromEntries(Object.entries(rest).filter(([, value]) => value !== undefined)))
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(sub)
    .setIssuer(config.issuer)
    .setIssuedAt(iat)
    .setExpirationTime(iat + ttlSeconds);
  if (config.audience) token.setAudience(config.audience);
  return token.sign(new TextEncoder().encode(config.secret));
}

type Verify = (token: string) => Promise<JWTPayload>;

// one verifier per configuration, so every request of a gateway shares its key set's cache and cooldown
const verifiers = new WeakMap<TokenConfig, Promise<Verify>>();

/**
 * The token's claims when its algorithm, signature, issuer, audience and validity period
 * check out (expiry required); otherwise a TokenError saying why, or KeySetUnavailable.
 */
export async function verifyToken(token: string, config: TokenConfig): Promise<JWTPayload> {
  let verifier = verifiers.get(config);
  if (!verifier) {
    verifier = createVerifier(config);
    verifiers.set(config, verifier);
  }
  return (await verifier)(token);
}

async function createVerifier(config: TokenConfig): Promise<Verify> {
  const jose = await loadJose();
  const options: JWTVerifyOptions = {
    algorithms: [...ALGORITHMS[config.kind]],
    issuer: config.issuer,
    audience: config.audience,
    clockTolerance: config.clockToleranceSeconds,
    requiredClaims: ['exp'],
  };
  const refuse = (err: unknown): never => {
    throw refusal(jose, err, config);
  };
  const accept = (result: { payload: JWTPayload }) => withinLifetime(result.payload, config);
  if (config.kind === 'secret') {
    const secret = new TextEncoder().encode(config.secret);
    return (token) => jose.jwtVerify(token, secret, options).then(accept, refuse);
  }
  const keys = keySet(jose, config);
  return (token) => jose.jwtVerify(token, keys, options).then(accept, refuse);
}

/**
 * jose checks that exp, nbf and iat are numbers and that exp and nbf have come; this bounds
 * how long a token lasts. Both exp − iat and exp − now are bounded, so neither a far `exp`
 * nor an `iat` moved into the future to shorten the apparent lifetime gets through.
 */
function withinLifetime(claims: JWTPayload, config: TokenConfig): JWTPayload {
  const maxLifetime = config.maxLifetimeSeconds ?? DEFAULT_MAX_LIFETIME_SECONDS;
  const tolerance = config.clockToleranceSeconds;
  const now = Math.floor(Date.now() / 1000);
  const { exp, iat } = claims as { exp: number; iat?: number };
  if (iat !== undefined && iat > now + tolerance) throw new TokenError('the bearer token’s issue time ("iat") is in the future');
  if (exp - (iat ?? now) > maxLifetime || exp - now > maxLifetime + tolerance)
    throw new TokenError(`the bearer token is valid for longer than the ${maxLifetime} s this graph accepts`);
  return claims;
}

/** The provider's keys through jose's cache; a failure to fetch them is told apart from a token naming a key that is not there. */
function keySet(jose: Jose, config: JwksTokenConfig): JWTVerifyGetKey {
  const remote = jose.createRemoteJWKSet(new URL(config.jwksUrl), {
    cooldownDuration: config.cooldownMs,
    cacheMaxAge: config.cacheMaxAgeMs,
    timeoutDuration: config.timeoutMs,
  });
  return async (header, token) => {
    try {
      return await remote(header, token);
    } catch (err) {
      if (err instanceof jose.errors.JWKSNoMatchingKey || err instanceof jose.errors.JWKSMultipleMatchingKeys) throw err;
      // unreachable, a timeout, not 200, not JSON, not a key set, or a published key that does not import
      throw new KeySetUnavailable(err);
    }
  };
}

/** jose's errors as plain reasons: a client sees why, never jose's wording or internals. */
function refusal(jose: Jose, err: unknown, config: TokenConfig): Error {
  const { errors } = jose;
  if (err instanceof KeySetUnavailable) return err;
  if (err instanceof errors.JWTExpired) return new TokenError('the bearer token has expired');
  if (err instanceof errors.JWTClaimValidationFailed) {
    switch (err.claim) {
      case 'exp':
        return new TokenError(err.reason === 'missing' ? 'the bearer token has no expiry' : 'the bearer token’s expiry is not a time');
      case 'iss':
        return new TokenError(`the bearer token was not issued by ${config.issuer}`);
      case 'aud':
        return new TokenError(`the bearer token is not meant for ${config.audience}`);
      case 'nbf':
        return new TokenError(
          err.reason === 'invalid' ? 'the bearer token’s start time is not a time' : 'the bearer token is not valid yet',
        );
      case 'iat':
        return new TokenError('the bearer token’s issue time ("iat") is not a time');
      default:
        return new TokenError(`the bearer token’s "${err.claim}" claim is not acceptable`);
    }
  }
  if (err instanceof errors.JOSEAlgNotAllowed)
    return new TokenError(`the bearer token must be signed with ${ALGORITHMS[config.kind].join(' or ')}`);
  if (err instanceof errors.JWSSignatureVerificationFailed) return new TokenError('the bearer token’s signature is not valid');
  if (err instanceof errors.JWKSNoMatchingKey) return new TokenError('the bearer token was signed with a key its issuer does not publish');
  if (err instanceof errors.JWKSMultipleMatchingKeys)
    return new TokenError('the bearer token does not name its signing key ("kid") and its issuer publishes several');
  if (err instanceof errors.JWSInvalid || err instanceof errors.JWTInvalid)
    return new TokenError('the bearer token is not a well-formed JWT');
  if (err instanceof errors.JOSEError) return new TokenError('the bearer token is not acceptable');
  return err instanceof Error ? err : new Error(String(err));
}
