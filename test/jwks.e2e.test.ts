import { SignJWT } from 'jose';
import { signToken, tokenConfigFromEnv, type SecretTokenConfig } from '@skills-sichuan/gateway';
import { IdentityProvider } from '../gateway/src/auth/__tests__/identity-provider';
import { startGraph, type Graph } from './graph';

const DRAFT_STANDARDS = '{ standards(status: DRAFT) { code } }';
const admin = { sub: 'dept-admin', role: 'PROVINCIAL_ADMIN' };
/** how long the gateway keeps the key set: a withdrawn key stops working within this */
const CACHE_MS = 1_000;

async function until<T>(what: string, timeoutMs: number, attempt: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const result = await attempt();
    if (result !== undefined) return result;
    if (Date.now() > deadline) throw new Error(`not within ${timeoutMs} ms: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * Signing in through the provincial identity provider: the gateway verifies its tokens
 * against the keys it publishes (JWKS), follows it through a key rotation, takes nothing
 * signed otherwise, and answers 503 — not 401 — when it cannot fetch the keys.
 */
describe('tokens from an identity provider (JWKS)', () => {
  let provider: IdentityProvider;
  let graph: Graph;

  const ask = async (token?: string) => {
    const response = await fetch(graph.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query: DRAFT_STANDARDS }),
    });
    const body = (await response.json()) as {
      data?: { standards: { code: string }[] } | null;
      errors?: { message: string; extensions: Record<string, unknown> }[];
    };
    return { status: response.status, requestId: response.headers.get('x-request-id'), body };
  };
  const accepted = async (token: string) => {
    const { status, body } = await ask(token);
    expect(body.errors).toBeUndefined();
    expect(status).toBe(200);
    expect(Array.isArray(body.data?.standards)).toBe(true);
  };
  const refusal = async (token: string, status = 401) => {
    const answer = await ask(token);
    expect(answer.status).toBe(status);
    expect(answer.body.data).toBeUndefined();
    expect(answer.body.errors).toHaveLength(1);
    const [error] = answer.body.errors!;
    expect(error.extensions.requestId).toBe(answer.requestId);
    // jose's wording, the provider's address and stacks stay out of the answer
    expect(error.message).not.toMatch(/JWS|JWKS|JSON Web|claim value|timestamp check|Header Parameter/);
    expect(JSON.stringify(error)).not.toMatch(/127\.0\.0\.1|jwks\.json|stacktrace|exception/);
    return { code: error.extensions.code, message: error.message };
  };

  beforeAll(async () => {
    provider = await IdentityProvider.start();
    await Promise.all([
      provider.createKey('2026-01', 'RS256'),
      provider.createKey('2026-07', 'ES256'),
      provider.createKey('stranger', 'RS256'),
    ]);
    provider.publish('2026-01');
    graph = await startGraph({
      env: {
        JWT_JWKS_URL: provider.jwksUrl,
        JWT_ISSUER: provider.issuer,
        JWT_AUDIENCE: provider.audience,
        // no leeway, so a short token expires within the test
        JWT_CLOCK_TOLERANCE: '0',
        JWT_JWKS_COOLDOWN_MS: '0',
        JWT_JWKS_CACHE_MAX_AGE_MS: String(CACHE_MS),
        JWT_JWKS_TIMEOUT_MS: '1000',
      },
    });
  });
  afterAll(async () => {
    await graph?.stop();
    await provider?.stop();
  });

  it('answers a token signed with the published key as its viewer: a PROVINCIAL_ADMIN reads draft standards, an ASSESSOR may not', async () => {
    await accepted(await provider.sign('2026-01', admin));
    const assessor = await ask(await provider.sign('2026-01', { sub: 'ann', role: 'ASSESSOR' }));
    expect(assessor.body.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'ROLE' });
  });

  it.each<[string, () => Promise<string>, RegExp]>([
    [
      'signed by a key the provider does not publish',
      () => provider.sign('stranger', admin),
      /signed with a key its issuer does not publish/,
    ],
    ['signed by another key under the published kid', () => provider.sign('stranger', admin, { kid: '2026-01' }), /signature is not valid/],
    [
      'meant for another application',
      () => provider.sign('2026-01', admin, { audience: 'provincial-portal' }),
      /not meant for skills-sichuan-graph/,
    ],
    [
      'issued by someone else',
      () => provider.sign('2026-01', admin, { issuer: 'https://id.example.com' }),
      /not issued by https:\/\/id\.sc\.gov\.example\/realms\/skills/,
    ],
    ['that has expired', () => provider.sign('2026-01', admin, { expiresIn: -5 }), /has expired/],
    ['that never expires', () => provider.sign('2026-01', admin, { expiresIn: null }), /has no expiry/],
    [
      'signed HS256 with the development secret',
      () =>
        signToken(
          admin,
          {
            ...(tokenConfigFromEnv({ JWT_SECRET: 's'.repeat(64) }) as SecretTokenConfig),
            issuer: provider.issuer,
            audience: provider.audience,
          },
          300,
        ),
      /must be signed with RS256 or ES256/,
    ],
    [
      'signed HS256 with the published public key as its secret',
      () =>
        new SignJWT(admin)
          .setProtectedHeader({ alg: 'HS256', kid: '2026-01' })
          .setIssuer(provider.issuer)
          .setAudience(provider.audience)
          .setExpirationTime('5m')
          .sign(new TextEncoder().encode(JSON.stringify(provider.publicJwk('2026-01')))),
      /must be signed with RS256 or ES256/,
    ],
    [
      'unsigned ("alg": "none")',
      async () =>
        `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from(JSON.stringify({ ...admin, iss: provider.issuer, aud: provider.audience, exp: 9_999_999_999 })).toString('base64url')}.c2ln`,
      /must be signed with RS256 or ES256/,
    ],
  ])('refuses a token %s with 401 and says why', async (_case, token, reason) => {
    const { code, message } = await refusal(await token());
    expect(code).toBe('UNAUTHENTICATED');
    expect(message).toMatch(reason);
  });

  it('follows a rotation: old tokens work until they expire, tokens under the new key work at once', async () => {
    const beforeRotation = await provider.sign('2026-01', admin);
    const shortLived = await provider.sign('2026-01', admin, { expiresIn: 2 });
    provider.publish('2026-07', '2026-01');
    const afterRotation = await provider.sign('2026-07', admin);
    await accepted(afterRotation);
    await accepted(beforeRotation);
    await accepted(shortLived);
    const expired = await until('the short token expires', 4_000, async () => {
      const answer = await refusal(shortLived).catch(() => undefined);
      return answer?.code === 'UNAUTHENTICATED' ? answer : undefined;
    });
    expect(expired.message).toMatch(/has expired/);
    await accepted(beforeRotation);
  });

  it('refuses the old key’s tokens once the provider withdraws it, within the key set’s cache age', async () => {
    const oldKeyToken = await provider.sign('2026-01', admin);
    const newKeyToken = await provider.sign('2026-07', admin);
    provider.publish('2026-07');
    const withdrawnAt = Date.now();
    const refused = await until('the withdrawn key is refused', CACHE_MS + 2_000, async () => {
      const { status } = await ask(oldKeyToken);
      return status === 401 ? refusal(oldKeyToken) : undefined;
    });
    expect(Date.now() - withdrawnAt).toBeLessThan(CACHE_MS + 1_000);
    expect(refused.message).toMatch(/signed with a key its issuer does not publish/);
    await accepted(newKeyToken);
  });

  it('answers 503 when the key set cannot be fetched, still serves PUBLIC, and recovers', async () => {
    provider.answer = 500;
    const { code, message } = await refusal(await provider.sign('stranger', admin), 503);
    expect(code).toBe('SERVICE_UNAVAILABLE');
    expect(message).toMatch(/signing keys could not be fetched; try again/);
    expect((await ask()).status).toBe(200);
    provider.answer = 'keys';
    await accepted(await provider.sign('2026-07', admin));
  });
});
