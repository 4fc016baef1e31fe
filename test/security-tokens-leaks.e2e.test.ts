import { createHmac } from 'node:crypto';
import { FIRST_QUERY } from '@skills-sichuan/gateway';
import { type ViewerClaims } from '@skills-sichuan/runtime';
import { DEFAULT_MAX_LIFETIME_SECONDS } from '../gateway/src/auth/jwt';
import { CreditEvent } from '../subgraphs/evaluation/src/credit/credit.entity';
import { generateProgram } from './program';
import { startGraph, TEST_PROGRAM, type Graph, type Json } from './graph';

const ISSUER = 'skills-sichuan';
const ADMIN = { role: 'PROVINCIAL_ADMIN', sub: 'admin' } as ViewerClaims;
const ASSESSOR = { role: 'ASSESSOR', sub: 'ann' } as ViewerClaims;
const UNKNOWN = '00000000-0000-4000-8000-000000000000';

const post = (url: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

/** A token over hand-written claims, signed with the gateway's secret: whatever a holder of the secret or a careless issuer sends. */
function signedClaims(claims: string, jwtSecret: string): string {
  const part = (text: string) => Buffer.from(text).toString('base64url');
  const unsigned = `${part('{"alg":"HS256","typ":"JWT"}')}.${part(claims)}`;
  return `${unsigned}.${createHmac('sha256', jwtSecret).update(unsigned).digest('base64url')}`;
}
const now = () => Math.floor(Date.now() / 1000);
const adminClaims = (times: Record<string, unknown>) => JSON.stringify({ sub: 'mallory', role: 'PROVINCIAL_ADMIN', iss: ISSUER, ...times });

/** Issue 12, findings 8 and 10, sent through the gateway as an attacker sends them: tokens it must refuse, and answers that must not leak. */
describe('tokens and leaks (issue 12)', () => {
  let graph: Graph;
  const program = generateProgram(TEST_PROGRAM);

  beforeAll(async () => {
    graph = await startGraph({ env: { JWT_ISSUER: ISSUER } });
  });
  afterAll(() => graph?.stop());

  describe('tokens', () => {
    it.each<[string, () => string, RegExp]>([
      ['a token that expires in 1e308 seconds', () => adminClaims({ exp: 1e308 }), /valid for longer than the 43200 s/],
      ['a token valid for 30 days', () => adminClaims({ iat: now(), exp: now() + 30 * 86_400 }), /valid for longer than/],
      ['a token without iat that expires in 13 hours', () => adminClaims({ exp: now() + 13 * 3600 }), /valid for longer than/],
      [
        'a token issued in the future to make a far expiry look short',
        () => adminClaims({ iat: now() + 86_400, exp: now() + 86_460 }),
        /in the future/,
      ],
      ['a start time that is not a number', () => adminClaims({ exp: now() + 600, nbf: 'tomorrow' }), /start time is not a time/],
      ['an issue time that is not a number', () => adminClaims({ exp: now() + 600, iat: 'today' }), /issue time \("iat"\) is not a time/],
      ['an expiry that is not a number', () => adminClaims({ exp: String(now() + 600) }), /expiry is not a time/],
      ['a signed null payload', () => 'null', /not a well-formed JWT/],
      ['a signed array payload', () => '[{"role":"PROVINCIAL_ADMIN"}]', /not a well-formed JWT/],
      ['a signed string payload', () => '"PROVINCIAL_ADMIN"', /not a well-formed JWT/],
    ])('refuses %s with 401 and a plain reason', async (_case, claims, reason) => {
      const response = await post(
        graph.url,
        { query: FIRST_QUERY },
        { authorization: `Bearer ${signedClaims(claims(), graph.secrets.jwt)}` },
      );
      expect(response.status).toBe(401);
      const body = (await response.json()) as Json;
      expect(body.data).toBeUndefined();
      expect(body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
      expect(body.errors[0].message).toMatch(reason);
      // no JavaScript's own wording (TypeError, "Cannot read properties of null") reaches the client
      expect(body.errors[0].message).not.toMatch(/cannot read|null|undefined|TypeError|claims set/i);
    });

    it('takes a token valid for the maximum lifetime, as `npm run token` issues them (8 h)', async () => {
      for (const exp of [now() + 8 * 3600, now() + DEFAULT_MAX_LIFETIME_SECONDS]) {
        const response = await post(
          graph.url,
          { query: FIRST_QUERY },
          { authorization: `Bearer ${signedClaims(adminClaims({ iat: now(), exp }), graph.secrets.jwt)}` },
        );
        expect(response.status).toBe(200);
        expect(((await response.json()) as Json).errors).toBeUndefined();
      }
    });
  });

  describe('a public credit score', () => {
    const db = () => graph.subgraphs.evaluation.db;
    const creditOf = (baseId: string, operatorId: string, as?: ViewerClaims) =>
      graph.query<{ [k in 'base' | 'organization']: { credit: { score: number; level: string; events: { points: number }[] } } }>(
        `{ base(id: "${baseId}") { credit { score level events { points } } } organization(id: "${operatorId}") { credit { score level events { points } } } }`,
        {},
        as,
      );
    /** what arithmetic on the events a viewer is shown gives: the score must be exactly that, or the difference is the hidden events' sum */
    const fromShownEvents = (events: { points: number }[]) =>
      Math.min(
        100,
        Math.max(
          0,
          events.reduce((sum, e) => sum + e.points, 100),
        ),
      );

    it('is computed from the events the viewer may read, so no hidden violation can be recovered from it', async () => {
      const withEvents = new Set((await db().getRepository(CreditEvent).find()).map((e) => e.subjectId));
      const base = program.bases.find((b) => b.status === 'ACTIVE' && !withEvents.has(b.id))!;
      const recorded = await graph.query(
        `mutation ($input: RecordCreditEventInput!) { recordCreditEvent(input: $input) { id } }`,
        {
          input: {
            organizationId: base.operatorId,
            subjectType: 'BASE',
            subjectId: base.id,
            kind: 'VIOLATION',
            points: -11,
            reason: '未按规定使用品牌标识',
            occurredOn: '2026-03-02',
          },
        },
        ADMIN,
      );
      expect(recorded.body.errors).toBeUndefined();

      const otherCity = program.cities.find((c) => c.code !== base.cityCode)!.code;
      for (const viewer of [undefined, { role: 'CITY_ADMIN', sub: 'elsewhere', city: otherCity } as ViewerClaims]) {
        const { body } = await creditOf(base.id, base.operatorId, viewer);
        expect(body.errors).toBeUndefined();
        // before: 89 with no event shown — the hidden violation's -11
        expect(body.data!.base.credit).toEqual({ score: 100, level: 'A', events: [] });
        expect(body.data!.organization.credit.score).toBe(fromShownEvents(body.data!.organization.credit.events));
      }
      // those who supervise the organisation see the violation, and the score it gives
      const supervised = (await creditOf(base.id, base.operatorId, ASSESSOR)).body.data!;
      expect(supervised.base.credit).toEqual({ score: 89, level: 'B', events: [{ points: -11 }] });
      expect(supervised.organization.credit.score).toBe(fromShownEvents(supervised.organization.credit.events));
    });
  });

  describe('an application outside the viewer’s scope', () => {
    const operator = program.organizations.find((o) => program.bases.some((b) => b.operatorId === o.id))!;
    const otherOrganization = program.organizations.find((o) => o.id !== operator.id && o.cityCode !== operator.cityCode)!;
    let applicationId: string;
    const lookUp = (id: string, as: ViewerClaims) =>
      graph.query<{ application: { id: string } | null }>(`{ application(id: "${id}") { id } }`, {}, as);

    beforeAll(async () => {
      const brand = program.bases.find((b) => b.operatorId === operator.id)!.brandId;
      const submitted = await graph.query<{ submitApplication: { id: string } }>(
        'mutation ($input: SubmitApplicationInput!) { submitApplication(input: $input) { id } }',
        {
          input: {
            kind: 'BASE',
            organizationId: operator.id,
            name: '越权查询用的申报',
            tier: 'AUXILIARY',
            brandIds: [brand],
            conditions: { facilities: '实训车间', courseSystem: '模块化课程', managementSystem: '制度健全' },
            fields: ['MODERN_SERVICES'],
          },
        },
        { role: 'BASE_OPERATOR', sub: 'op', org: operator.id } as ViewerClaims,
      );
      expect(submitted.body.errors).toBeUndefined();
      applicationId = submitted.body.data!.submitApplication.id;
    });

    it.each<[string, () => ViewerClaims]>([
      ['a CITY_ADMIN of another city', () => ({ role: 'CITY_ADMIN', sub: 'elsewhere', city: otherOrganization.cityCode }) as ViewerClaims],
      [
        'a BASE_OPERATOR of another organisation',
        () => ({ role: 'BASE_OPERATOR', sub: 'rival', org: otherOrganization.id }) as ViewerClaims,
      ],
    ])('answers %s as it answers an unknown id: null, naming no city', async (_case, viewer) => {
      const outOfScope = await lookUp(applicationId, viewer());
      const unknown = await lookUp(UNKNOWN, viewer());
      expect(outOfScope.status).toBe(200);
      expect(outOfScope.body).toEqual({ data: { application: null } });
      expect(outOfScope.body).toEqual(unknown.body);
    });

    it('still shows it to its own organisation and its city, and refuses a role that may not read applications at all', async () => {
      expect((await lookUp(applicationId, { role: 'CITY_ADMIN', sub: 'home', city: operator.cityCode } as ViewerClaims)).body.data).toEqual(
        {
          application: { id: applicationId },
        },
      );
      const partner = await lookUp(applicationId, { role: 'PARTNER', sub: 'partner', partner: 'partner' } as ViewerClaims);
      expect(partner.body.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'ROLE' });
    });
  });

  describe('errors from a subgraph', () => {
    it.each([
      ['bases', `{ application(id: "not-an-id") { id } }`, ADMIN],
      ['bases, asked anonymously', `{ applications(first: 1) { totalCount } }`, undefined],
      [
        'evaluation',
        `mutation { recordCreditEvent(input: { organizationId: "${UNKNOWN}", kind: VIOLATION, points: -1, reason: "x", occurredOn: "2026-01-01" }) { id } }`,
        ADMIN,
      ],
    ])('do not name the subgraph that raised them (%s)', async (_service, query, as) => {
      const { body } = await graph.query(query, {}, as as ViewerClaims | undefined);
      expect(body.errors?.length).toBeGreaterThan(0);
      for (const error of body.errors!) {
        expect(error.extensions?.code).toBeDefined();
        expect(error.extensions).not.toHaveProperty('serviceName');
      }
    });
  });
});
