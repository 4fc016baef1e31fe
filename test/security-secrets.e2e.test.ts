import { createHmac } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SignJWT } from 'jose';
import { gatewayConfigFromEnv, startGateway } from '@skills-sichuan/gateway';
import { ConfigError, Viewer } from '@skills-sichuan/runtime';
import { startSubgraph, subgraphConfigFromEnv } from '@skills-sichuan/subgraph-kit';
import { brands } from '@skills-sichuan/brands';
import { traineeDataKeyFromEnv } from '../subgraphs/training/src/config';
import { startGraph, type Graph, type Json } from './graph';

/** What every secret used to be outside production: an HMAC of a constant in the source, which anyone with the code could compute. */
const oldDevelopmentSecret = (variable: string) => createHmac('sha256', 'skills-sichuan development only').update(variable).digest('hex');

/** The old x-viewer signature: timestamp, request id and viewer, under the bare secret. */
function oldViewerHeaders(claims: object, secret: string, requestId: string) {
  const encoded = Buffer.from(JSON.stringify(claims)).toString('base64url');
  const timestamp = String(Date.now());
  const signature = createHmac('sha256', secret).update(`${timestamp}.${requestId}.${encoded}`).digest('base64url');
  return { 'x-viewer': encoded, 'x-viewer-timestamp': timestamp, 'x-viewer-signature': signature, 'x-request-id': requestId };
}

const post = (url: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

/** Finding 1 of issue 12: no secret anyone can compute; no start without secrets unless development is chosen; development secrets random, private, kept. */
describe('secrets', () => {
  describe('a running graph', () => {
    let graph: Graph;
    beforeAll(async () => {
      graph = await startGraph();
    });
    afterAll(() => graph?.stop());

    it('refuses a PROVINCIAL_ADMIN token signed with the old computable development secret', async () => {
      const forged = await new SignJWT({ role: 'PROVINCIAL_ADMIN' })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject('mallory')
        .setIssuer('skills-sichuan')
        .setIssuedAt()
        .setExpirationTime('10m')
        .sign(new TextEncoder().encode(oldDevelopmentSecret('JWT_SECRET')));
      const response = await post(
        graph.url,
        { query: '{ trainingRecords(first: 1) { totalCount } }' },
        { authorization: `Bearer ${forged}` },
      );
      expect(response.status).toBe(401);
      const answer = (await response.json()) as Json;
      expect(answer.data).toBeUndefined();
      expect(answer.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    });

    it('has the training subgraph refuse x-viewer headers forged with the old derivation', async () => {
      const claims = Viewer.fromClaims({ role: 'PROVINCIAL_ADMIN', sub: 'mallory' }).toClaims();
      const headers = oldViewerHeaders(claims, oldDevelopmentSecret('SUBGRAPH_TRAINING_SECRET'), 'req-forged-0001');
      const response = await post(
        graph.subgraphs.training.url,
        { query: '{ trainingRecords(first: 5) { nodes { identityNumber } } }' },
        headers,
      );
      expect(response.status).toBe(401);
      const answer = (await response.json()) as Json;
      expect(answer.data).toBeUndefined();
      expect(answer.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    });
  });

  describe('without secrets and without DEVELOPMENT=true', () => {
    const bare = { PATH: process.env.PATH };

    it('a subgraph refuses to start, naming the secret', async () => {
      expect(() => subgraphConfigFromEnv('brands', 0, bare)).toThrow(ConfigError);
      expect(() => subgraphConfigFromEnv('brands', 0, bare)).toThrow(/GATEWAY_SECRET must be set/);
      const saved = process.env.GATEWAY_SECRET;
      delete process.env.GATEWAY_SECRET;
      try {
        await expect(startSubgraph(brands, { database: { kind: 'sqlite', file: ':memory:' } })).rejects.toThrow(
          /GATEWAY_SECRET must be set/,
        );
      } finally {
        if (saved !== undefined) process.env.GATEWAY_SECRET = saved;
      }
    });

    it('the gateway refuses to start, naming the secret', async () => {
      expect(() => gatewayConfigFromEnv(bare)).toThrow(/JWT_SECRET must be set/);
      const saved = process.env.JWT_SECRET;
      delete process.env.JWT_SECRET;
      try {
        await expect(startGateway({ subgraphUrls: {} })).rejects.toThrow(ConfigError);
      } finally {
        if (saved !== undefined) process.env.JWT_SECRET = saved;
      }
      // the partners' secrets are derived from one root, required as the others are
      expect(() => gatewayConfigFromEnv({ ...bare, JWT_SECRET: 'j'.repeat(64) })).toThrow(/PARTNER_SECRET_ROOT must be set/);
      // configured, the per-subgraph secret is still required when it is first needed
      expect(() =>
        gatewayConfigFromEnv({ ...bare, JWT_SECRET: 'j'.repeat(64), PARTNER_SECRET_ROOT: 'p'.repeat(64) }).subgraphSecret('brands'),
      ).toThrow(/SUBGRAPH_BRANDS_SECRET must be set/);
    });

    it('the training subgraph refuses to protect personal data without its key', () => {
      expect(() => traineeDataKeyFromEnv(bare)).toThrow(/TRAINEE_DATA_KEY must be set/);
    });

    it('a short secret is refused too', () => {
      expect(() => subgraphConfigFromEnv('brands', 0, { ...bare, GATEWAY_SECRET: 'short' })).toThrow(/at least 32 characters/);
    });
  });

  describe('with DEVELOPMENT=true', () => {
    let dataDir: string;
    beforeEach(() => {
      dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'secrets-'));
    });
    afterEach(() => fs.rmSync(dataDir, { recursive: true, force: true }));
    const development = () => ({ PATH: process.env.PATH, DEVELOPMENT: 'true', DATA_DIR: dataDir });

    it('generates random secrets on first start, keeps them in DATA_DIR/secrets.json (0600) and reuses them', () => {
      const first = gatewayConfigFromEnv(development());
      const file = path.join(dataDir, 'secrets.json');
      expect(fs.statSync(file).mode & 0o777).toBe(0o600);
      const jwt = first.token.kind === 'secret' ? first.token.secret : '';
      expect(jwt).toMatch(/^[0-9a-f]{64}$/);
      expect(jwt).not.toBe(oldDevelopmentSecret('JWT_SECRET'));
      const contents = fs.readFileSync(file, 'utf8');
      // both sides of a subgraph's secret agree, and each secret differs from the others
      expect(subgraphConfigFromEnv('training', 0, development()).gatewaySecret).toBe(first.subgraphSecret('training'));
      expect(first.subgraphSecret('training')).not.toBe(first.subgraphSecret('bases'));
      // a second start (a fresh process: no cache) reads the same file and derives the same
      jest.isolateModules(() => {
        const again = (jest.requireActual('../gateway/src/config') as typeof import('../gateway/src/config')).gatewayConfigFromEnv(
          development(),
        );
        expect(again.token.kind === 'secret' && again.token.secret).toBe(jwt);
        expect(again.subgraphSecret('training')).toBe(first.subgraphSecret('training'));
      });
      expect(fs.readFileSync(file, 'utf8')).toBe(contents);
    });

    it('refuses a secrets file others can read', () => {
      fs.writeFileSync(path.join(dataDir, 'secrets.json'), JSON.stringify({ root: 'a'.repeat(64) }), { mode: 0o644 });
      fs.chmodSync(path.join(dataDir, 'secrets.json'), 0o644);
      jest.isolateModules(() => {
        const { gatewayConfigFromEnv: fresh } = jest.requireActual('../gateway/src/config') as typeof import('../gateway/src/config');
        expect(() => fresh(development())).toThrow(/readable by others/);
      });
    });

    it('listens on loopback only', () => {
      expect(() => subgraphConfigFromEnv('brands', 0, { ...development(), HOST: '0.0.0.0' })).toThrow(/loopback only/);
      expect(() => gatewayConfigFromEnv({ ...development(), HOST: '192.168.1.10' })).toThrow(/loopback only/);
      expect(subgraphConfigFromEnv('brands', 0, { ...development(), HOST: '::1' }).host).toBe('::1');
      // with its secrets set and no DEVELOPMENT, a service may listen anywhere
      expect(subgraphConfigFromEnv('brands', 0, { PATH: process.env.PATH, HOST: '0.0.0.0', GATEWAY_SECRET: 'g'.repeat(64) }).host).toBe(
        '0.0.0.0',
      );
    });

    it('contradicts NODE_ENV=production', () => {
      expect(() => gatewayConfigFromEnv({ ...development(), NODE_ENV: 'production' })).toThrow(/contradict/);
    });
  });
});
