import { createHmac } from 'node:crypto';
import { ConfigError } from '@skills-sichuan/runtime';
import { SignJWT } from 'jose';
import { tokenConfigFromEnv } from '../config';
import { IdentityProvider } from './__tests__/identity-provider';
import {
  DEFAULT_MAX_LIFETIME_SECONDS,
  KeySetUnavailable,
  signToken,
  TokenError,
  verifyToken,
  type JwksTokenConfig,
  type SecretTokenConfig,
} from './jwt';

const JWKS_ENV = {
  JWT_JWKS_URL: 'https://id.sc.gov.example/jwks',
  JWT_ISSUER: 'https://id.sc.gov.example',
  JWT_AUDIENCE: 'skills-sichuan-graph',
};

/** Which tokens the gateway takes is read once, at start, and a configuration that would take the wrong ones does not start. */
describe('token configuration', () => {
  it('verifies HS256 with JWT_SECRET when no key set is configured', () => {
    expect(tokenConfigFromEnv({ JWT_SECRET: '0123456789abcdef'.repeat(4) })).toEqual({
      kind: 'secret',
      secret: expect.stringMatching(/^[0-9a-f]{64}$/),
      issuer: 'skills-sichuan',
      audience: undefined,
      clockToleranceSeconds: 30,
      maxLifetimeSeconds: 43_200,
    });
    expect(tokenConfigFromEnv({ JWT_SECRET: 's'.repeat(32), JWT_AUDIENCE: 'graph', JWT_CLOCK_TOLERANCE: '0' })).toMatchObject({
      kind: 'secret',
      audience: 'graph',
      clockToleranceSeconds: 0,
    });
  });

  it('verifies against the provider’s key set with its issuer and audience, and jose’s timings unless told', () => {
    expect(tokenConfigFromEnv(JWKS_ENV)).toEqual({
      kind: 'jwks',
      jwksUrl: JWKS_ENV.JWT_JWKS_URL,
      issuer: JWKS_ENV.JWT_ISSUER,
      audience: JWKS_ENV.JWT_AUDIENCE,
      clockToleranceSeconds: 30,
      maxLifetimeSeconds: 43_200,
      cooldownMs: 30_000,
      cacheMaxAgeMs: 600_000,
      timeoutMs: 5_000,
    });
    expect(
      tokenConfigFromEnv({ ...JWKS_ENV, JWT_JWKS_COOLDOWN_MS: '0', JWT_JWKS_CACHE_MAX_AGE_MS: '1000', JWT_JWKS_TIMEOUT_MS: '250' }),
    ).toMatchObject({ cooldownMs: 0, cacheMaxAgeMs: 1000, timeoutMs: 250 });
  });

  it.each<[string, Record<string, string>, RegExp]>([
    ['a key set without an audience', { JWT_JWKS_URL: JWKS_ENV.JWT_JWKS_URL, JWT_ISSUER: JWKS_ENV.JWT_ISSUER }, /needs JWT_AUDIENCE/],
    ['a key set without an issuer', { JWT_JWKS_URL: JWKS_ENV.JWT_JWKS_URL, JWT_AUDIENCE: 'graph' }, /needs JWT_ISSUER/],
    ['a key set and a shared secret', { ...JWKS_ENV, JWT_SECRET: 's'.repeat(40) }, /both set/],
    ['a key set fetched over plain http from elsewhere', { ...JWKS_ENV, JWT_JWKS_URL: 'http://id.sc.gov.example/jwks' }, /https/],
    ['a key set URL that is not one', { ...JWKS_ENV, JWT_JWKS_URL: 'id.sc.gov.example/jwks' }, /not a URL/],
    ['a clock tolerance that is not a number of seconds', { JWT_CLOCK_TOLERANCE: '30s' }, /JWT_CLOCK_TOLERANCE/],
    ['a clock tolerance of more than five minutes', { JWT_CLOCK_TOLERANCE: '3600' }, /JWT_CLOCK_TOLERANCE/],
    ['a key set cached for less than a second', { ...JWKS_ENV, JWT_JWKS_CACHE_MAX_AGE_MS: '10' }, /JWT_JWKS_CACHE_MAX_AGE_MS/],
    ['production without a key set or a secret', { NODE_ENV: 'production' }, /JWT_SECRET must be set/],
  ])('refuses to start with %s', (_case, env, message) => {
    expect(() => tokenConfigFromEnv(env)).toThrow(ConfigError);
    expect(() => tokenConfigFromEnv(env)).toThrow(message);
  });

  it('takes http to a key set on this machine (a local provider, the tests)', () => {
    expect(tokenConfigFromEnv({ ...JWKS_ENV, JWT_JWKS_URL: 'http://127.0.0.1:8080/jwks' }).kind).toBe('jwks');
  });
});

const refusedWith = async (verifying: Promise<unknown>, message: RegExp) => {
  const error = await verifying.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(error).toBeInstanceOf(TokenError);
  expect((error as Error).message).toMatch(message);
};

describe('tokens signed with the shared secret', () => {
  const config: SecretTokenConfig = { kind: 'secret', secret: 's'.repeat(40), issuer: 'skills-sichuan', clockToleranceSeconds: 30 };
  const ann = { sub: 'ann', role: 'ASSESSOR' };

  it('gives back the claims of a token `npm run token` signs', async () => {
    await expect(verifyToken(await signToken({ ...ann, city: undefined }, config, 60), config)).resolves.toMatchObject({
      ...ann,
      iss: 'skills-sichuan',
    });
  });

  it('allows the clock tolerance past expiry, and no more', async () => {
    const expiredTenSecondsAgo = await signToken(ann, config, 60, Date.now() - 70_000);
    await expect(verifyToken(expiredTenSecondsAgo, config)).resolves.toMatchObject(ann);
    await refusedWith(verifyToken(expiredTenSecondsAgo, { ...config, clockToleranceSeconds: 5 }), /has expired/);
  });

  it('refuses a token not yet valid beyond the tolerance, and one without expiry', async () => {
    const key = new TextEncoder().encode(config.secret);
    const now = Math.floor(Date.now() / 1000);
    const early = await new SignJWT(ann)
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer(config.issuer)
      .setNotBefore(now + 120)
      .setExpirationTime(now + 600)
      .sign(key);
    await refusedWith(verifyToken(early, config), /not valid yet/);
    const endless = await new SignJWT(ann).setProtectedHeader({ alg: 'HS256' }).setIssuer(config.issuer).sign(key);
    await refusedWith(verifyToken(endless, config), /no expiry/);
  });

  it('checks the audience when one is configured, and puts it into development tokens', async () => {
    const withAudience = { ...config, audience: 'skills-sichuan-graph' };
    await expect(verifyToken(await signToken(ann, withAudience, 60), withAudience)).resolves.toMatchObject({ aud: 'skills-sichuan-graph' });
    await refusedWith(verifyToken(await signToken(ann, config, 60), withAudience), /not meant for skills-sichuan-graph/);
  });

  it('refuses HS512 and HS384 though the secret is right: HS256 is the only algorithm taken', async () => {
    const key = new TextEncoder().encode(config.secret);
    for (const alg of ['HS384', 'HS512']) {
      const token = await new SignJWT(ann).setProtectedHeader({ alg }).setIssuer(config.issuer).setExpirationTime('5m').sign(key);
      await refusedWith(verifyToken(token, config), /must be signed with HS256/);
    }
  });

  /** A signed token whose claims are hand-written: what an attacker holding the secret (or a careless issuer) can send. */
  const signedClaims = (claims: string) => {
    const part = (text: string) => Buffer.from(text).toString('base64url');
    const unsigned = `${part('{"alg":"HS256","typ":"JWT"}')}.${part(claims)}`;
    return `${unsigned}.${createHmac('sha256', config.secret).update(unsigned).digest('base64url')}`;
  };
  const now = () => Math.floor(Date.now() / 1000);

  it('refuses a token valid longer than the maximum lifetime, by exp − iat or, without iat, exp − now', async () => {
    const claims = (times: Record<string, number>) => JSON.stringify({ ...ann, iss: config.issuer, ...times });
    await refusedWith(
      verifyToken(signedClaims('{"sub":"ann","role":"ASSESSOR","iss":"skills-sichuan","exp":1e308}'), config),
      /longer than/,
    );
    await refusedWith(
      verifyToken(signedClaims(claims({ iat: now(), exp: now() + DEFAULT_MAX_LIFETIME_SECONDS + 60 })), config),
      /longer than/,
    );
    await refusedWith(verifyToken(signedClaims(claims({ exp: now() + DEFAULT_MAX_LIFETIME_SECONDS + 60 })), config), /longer than/);
    // an iat moved forward to make a far exp look short
    await refusedWith(verifyToken(signedClaims(claims({ iat: now() + 86_400, exp: now() + 86_460 })), config), /issue time .* future/);
    await refusedWith(
      verifyToken(signedClaims(claims({ iat: now(), exp: now() + 3600 })), { ...config, maxLifetimeSeconds: 600 }),
      /600 s/,
    );
    await expect(
      verifyToken(signedClaims(claims({ iat: now(), exp: now() + DEFAULT_MAX_LIFETIME_SECONDS })), config),
    ).resolves.toMatchObject(ann);
    await expect(verifyToken(await signToken(ann, config, 8 * 3600), config)).resolves.toMatchObject(ann);
  });

  it('issues no development token longer than the maximum lifetime', async () => {
    await expect(signToken(ann, config, DEFAULT_MAX_LIFETIME_SECONDS + 1)).rejects.toThrow(/at most 43200 s/);
  });

  it.each([
    ['a start time that is not a number', { nbf: 'soon' }, /start time is not a time/],
    ['an issue time that is not a number', { iat: '2026-01-01' }, /issue time \("iat"\) is not a time/],
    ['an expiry that is not a number', { exp: '9999999999' }, /expiry is not a time/],
  ])('refuses %s', async (_case, times, message) => {
    const claims = JSON.stringify({ ...ann, iss: config.issuer, exp: now() + 600, ...times });
    await refusedWith(verifyToken(signedClaims(claims), config), message);
  });

  it.each(['null', '42', '"ASSESSOR"', '[]', 'true'])('refuses a signed %s payload as not a well-formed JWT', async (payload) => {
    await refusedWith(verifyToken(signedClaims(payload), config), /not a well-formed JWT/);
  });

  it('signs no development token when the gateway takes only the provider’s', async () => {
    await expect(signToken(ann, tokenConfigFromEnv(JWKS_ENV), 60)).rejects.toThrow(/identity provider/);
  });
});

/** The provider's key set: fetched once and cached, refetched for a key it has not seen (not more often than the cooldown), and a failure to fetch is not the client's. */
describe('tokens from an identity provider', () => {
  let provider: IdentityProvider;
  const admin = { sub: 'dept-admin', role: 'PROVINCIAL_ADMIN' };
  const configFor = (timing: Partial<JwksTokenConfig> = {}): JwksTokenConfig => ({
    kind: 'jwks',
    jwksUrl: provider.jwksUrl,
    issuer: provider.issuer,
    audience: provider.audience,
    clockToleranceSeconds: 30,
    cooldownMs: 30_000,
    cacheMaxAgeMs: 600_000,
    timeoutMs: 5_000,
    ...timing,
  });

  beforeAll(async () => {
    provider = await IdentityProvider.start();
    await Promise.all([provider.createKey('rsa-1', 'RS256'), provider.createKey('rsa-2', 'RS256'), provider.createKey('ec-1', 'ES256')]);
  });
  beforeEach(() => {
    provider.answer = 'keys';
    provider.publish('rsa-1', 'ec-1');
    provider.fetches = 0;
  });
  afterAll(() => provider?.stop());

  it('takes RS256 and ES256 tokens, fetching the key set once for many', async () => {
    const config = configFor();
    for (let i = 0; i < 5; i++) {
      await expect(verifyToken(await provider.sign('rsa-1', admin), config)).resolves.toMatchObject(admin);
      await expect(verifyToken(await provider.sign('ec-1', admin), config)).resolves.toMatchObject(admin);
    }
    expect(provider.fetches).toBe(1);
  });

  it('refetches for an unknown key at most once per cooldown, so tokens with invented kids cannot flood the provider', async () => {
    const config = configFor();
    await verifyToken(await provider.sign('rsa-1', admin), config);
    for (let i = 0; i < 5; i++)
      await refusedWith(
        verifyToken(await provider.sign('rsa-2', admin, { kid: `invented-${i}` }), config),
        /key its issuer does not publish/,
      );
    expect(provider.fetches).toBe(1);
  });

  it('refuses a token that names no key when the provider publishes several of its kind', async () => {
    provider.publish('rsa-1', 'rsa-2');
    const token = await provider.sign('rsa-1', admin, { kid: null });
    await refusedWith(verifyToken(token, configFor()), /does not name its signing key/);
  });

  it('allows the clock tolerance past expiry, and no more', async () => {
    const expiredTenSecondsAgo = await provider.sign('ec-1', admin, { expiresIn: -10 });
    await expect(verifyToken(expiredTenSecondsAgo, configFor())).resolves.toMatchObject(admin);
    await refusedWith(verifyToken(expiredTenSecondsAgo, configFor({ clockToleranceSeconds: 5 })), /has expired/);
  });

  it.each<[string, IdentityProvider['answer']]>([
    ['answers 500', 500],
    ['answers 200 with something other than JSON', 200],
    ['does not answer within the timeout', 'hang'],
  ])('says the keys are unavailable when the endpoint %s, and recovers when it is back', async (_case, answer) => {
    const config = configFor({ timeoutMs: 200 });
    provider.answer = answer;
    const token = await provider.sign('rsa-1', admin);
    await expect(verifyToken(token, config)).rejects.toBeInstanceOf(KeySetUnavailable);
    provider.answer = 'keys';
    await expect(verifyToken(token, config)).resolves.toMatchObject(admin);
  });

  it('says the keys are unavailable when nothing listens at the URL', async () => {
    const config = { ...configFor(), jwksUrl: 'http://127.0.0.1:9/jwks' };
    await expect(verifyToken(await provider.sign('rsa-1', admin), config)).rejects.toBeInstanceOf(KeySetUnavailable);
  });
});
