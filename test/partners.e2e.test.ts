import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DataSource } from 'typeorm';
import { FIRST_QUERY, PartnerCredentials, startGateway, type RunningGateway } from '@skills-sichuan/gateway';
import { Role } from '@skills-sichuan/runtime';
import type { DatabaseTarget } from '@skills-sichuan/subgraph-kit';
import { generateProgram } from './program';
import { startGraph, TEST_PROGRAM, usingPostgres, type Graph, type Json } from './graph';
import { adHocPartner, loadLoop, partnerCli, post, startBankProcess, timeUntil, type AdHocPartner } from './partners';

const POSTGRES_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const program = generateProgram(TEST_PROGRAM);
const base = program.bases.find((b) => b.status === 'ACTIVE')!;
const operator = program.organizations.find((o) => o.id === base.operatorId)!;
const ADMIN = { role: Role.PROVINCIAL_ADMIN, sub: 'dept-admin' };

const LINK =
  'extend schema @link(url: "https://specs.apollo.dev/federation/v2.5", import: ["@key", "@override", "@shareable", "@external", "@requires"])';
/** a job platform's subgraph: Organization.jobPostings; whoAmI answers what the gateway told it of the viewer */
const JOBS_V1 = `${LINK}
  type Organization @key(fields: "id") { id: ID! jobPostings: [JobPosting!] }
  type JobPosting { title: String! salaryYuan: Int postedOn: String }
  type Query { whoAmI: String }`;
const jobsResolvers = {
  Organization: { jobPostings: () => [{ title: '川菜厨师', salaryYuan: 6500, postedOn: '2025-10-01' }] },
  Query: { whoAmI: (_: unknown, __: unknown, ctx: { claims: Json }) => JSON.stringify(ctx.claims) },
};
const SUBSIDIES = `query BaseSubsidies($id: ID!) { base(id: $id) { name subsidies { programme amountYuan } } }`;
const JOB_POSTINGS = `query OrganizationJobs { organization(id: "${operator.id}") { name jobPostings { title salaryYuan } } }`;

/**
 * Partner agencies join the graph live, through checks that guard the core: the registry on
 * the gateway's own database, its two doors (the command line and the PROVINCIAL_ADMIN
 * mutations), hot reload on two replicas, and a partner that fails costing only its fields.
 */
describe('partners joining the graph', () => {
  let graph: Graph;
  let replica: RunningGateway;
  let store: DatabaseTarget;
  let cliEnv: Record<string, string>;
  let adminToken: string;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'partners-'));
  const stopping: (() => Promise<unknown>)[] = [];
  const revisionsIn = async () => (await replica.store.revisions(100)).length;
  const partnerRows = async () => (await replica.store.partners()).map((p) => `${p.name}:${p.status}`);

  beforeAll(async () => {
    const schema = `t${randomBytes(4).toString('hex')}_gateway`;
    // two replicas on one store: a PostgreSQL schema, or one SQLite file
    store = usingPostgres
      ? { kind: 'postgres', url: POSTGRES_URL, schema }
      : { kind: 'sqlite', file: path.join(dataDir, 'gateway.sqlite') };
    graph = await startGraph({ gatewayStore: store, env: { PARTNER_POLL_MS: '200' } });
    replica = await startGateway({ ...graph.gatewayOptions(), store });
    adminToken = await graph.tokenFor(ADMIN);
    cliEnv = {
      DEVELOPMENT: 'true',
      DATA_DIR: dataDir,
      PARTNER_SECRET_ROOT: graph.secrets.partnerRoot,
      ...(usingPostgres ? { DATABASE_URL: POSTGRES_URL, DATABASE_SCHEMA: schema } : {}),
    };
  });
  afterAll(async () => {
    for (const stop of stopping.reverse()) await stop();
    await replica?.stop();
    await graph?.stop();
    if (usingPostgres) {
      const admin = new DataSource({ type: 'postgres', url: POSTGRES_URL });
      await admin.initialize();
      await admin.query(`DROP SCHEMA IF EXISTS "${(store as { schema: string }).schema}" CASCADE`);
      await admin.destroy();
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const partner = async (sdl: string, resolvers?: Record<string, unknown>): Promise<AdHocPartner> => {
    const started = await adHocPartner(sdl, resolvers);
    stopping.push(() => started.stop());
    return started;
  };
  const check = async (name: string, url: string) =>
    (
      await post(
        graph.url,
        'mutation ($name: String!, $url: String!) { checkPartner(name: $name, routingUrl: $url) { accepted problems { code coordinate message } } }',
        adminToken,
        { name, url },
      )
    ).body;

  describe('the checks refuse, with a reason naming the field, and write nothing', () => {
    it('a schema that does not compose with the graph', async () => {
      const loans = await partner(`${LINK}
        type Organization @key(fields: "id") { id: ID! creditRating: Int @external loanLimit: Int @requires(fields: "creditRating") }`);
      const { data } = await check('lender', loans.url);
      expect(data.checkPartner.accepted).toBe(false);
      expect(data.checkPartner.problems).toContainEqual(
        expect.objectContaining({ code: 'COMPOSITION', message: expect.stringContaining('Organization.creditRating') }),
      );
    });

    it('an @override of a core field, on the command line too (exit 1, every reason printed)', async () => {
      const thief = await partner(`${LINK} type Base @key(fields: "id") { id: ID! name: String! @override(from: "bases") }`);
      const { data } = await check('thief', thief.url);
      expect(data.checkPartner.problems).toEqual([expect.objectContaining({ code: 'OVERRIDES_CORE_FIELD', coordinate: 'Base.name' })]);
      const cli = await partnerCli(['add', 'thief', thief.url, '--owner', '某公司', '--contact', 'ops@example.cn'], cliEnv);
      expect(cli.status).toBe(1);
      expect(cli.stdout).toContain('refused: partner thief');
      expect(cli.stdout).toContain('✗ OVERRIDES_CORE_FIELD Base.name: Base.name: @override would take a core field from bases');
    });

    it('a retyped core field', async () => {
      const retyper = await partner(`${LINK} type Base @key(fields: "id") { id: ID! name: Int }`);
      const { data } = await check('retyper', retyper.url);
      expect(data.checkPartner.problems).toEqual([
        expect.objectContaining({
          code: 'RETYPES_CORE_FIELD',
          coordinate: 'Base.name',
          message: 'Base.name is String! in the core (bases), not Int',
        }),
      ]);
    });

    it('a shadowed root field', async () => {
      const shadow = await partner(`${LINK} type Query { bases: [String] }`);
      const { data } = await check('shadow', shadow.url);
      expect(data.checkPartner.problems).toEqual([expect.objectContaining({ code: 'SHADOWS_ROOT_FIELD', coordinate: 'Query.bases' })]);
    });

    it('a shared core field, a collision with a core type and a non-null field on a core entity', async () => {
      const greedy = await partner(`${LINK}
        type Base @key(fields: "id") { id: ID! status: RosterStatus! @shareable loans: [String!]! }
        enum RosterStatus { ACTIVE SUSPENDED REVOKED EXITED }`);
      const { data } = await check('greedy', greedy.url);
      expect(data.checkPartner.problems.map((p: Json) => `${p.code} ${p.coordinate}`).sort()).toEqual([
        'COLLIDES_WITH_CORE_TYPE RosterStatus',
        'NON_NULL_PARTNER_FIELD Base.loans',
        'SHARES_CORE_FIELD Base.status',
      ]);
    });

    it('adding through the graph answers PARTNER_REFUSED with the problems, and the registry is unchanged', async () => {
      const thief = await partner(`${LINK} type Base @key(fields: "id") { id: ID! name: String! @override(from: "bases") }`);
      const before = { revisions: await revisionsIn(), partners: await partnerRows() };
      const { status, body } = await post(
        graph.url,
        'mutation ($input: AddPartnerInput!) { addPartner(input: $input) { revision } }',
        adminToken,
        { input: { name: 'thief', routingUrl: thief.url, owner: '某公司', contact: 'ops@example.cn' } },
      );
      expect(status).toBe(200);
      expect(body.errors?.[0].extensions).toMatchObject({
        code: 'PARTNER_REFUSED',
        problems: [expect.objectContaining({ code: 'OVERRIDES_CORE_FIELD', coordinate: 'Base.name' })],
      });
      expect({ revisions: await revisionsIn(), partners: await partnerRows() }).toEqual(before);
    });

    it('bad input gets BAD_USER_INPUT and writes nothing: an address with credentials, a reserved name, a plain http address', async () => {
      const before = await partnerRows();
      for (const [name, url] of [
        ['bank', 'http://user:pw@127.0.0.1:1/graphql'],
        ['bases', 'http://127.0.0.1:1/graphql'],
        ['bank', 'http://partner.example.cn/graphql'],
        ['Bank!', 'https://partner.example.cn/graphql'],
      ]) {
        const { errors } = await check(name, url);
        expect(errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      }
      expect(await partnerRows()).toEqual(before);
    });
  });

  describe('a good partner joining live', () => {
    let bank: Awaited<ReturnType<typeof startBankProcess>>;
    let jobs: AdHocPartner;

    beforeAll(async () => {
      const credentials = new PartnerCredentials(graph.secrets.partnerRoot);
      const secret = (await partnerCli(['secret', 'bank'], cliEnv)).stdout.trim();
      // the command line's secret is the one the gateway derives: the partner configures it once
      expect(secret).toBe(credentials.secret('bank', 1));
      bank = await startBankProcess(secret);
      stopping.push(() => bank.stop());
      jobs = await partner(JOBS_V1, jobsResolvers);
    });

    it('joins through the command line while a load loop runs: no request fails, both replicas serve the new field within seconds', async () => {
      const load = loadLoop(
        [graph.url, replica.url].flatMap((url) => [
          { url, query: FIRST_QUERY },
          { url, query: `{ base(id: "${base.id}") { name city { name } latestAssessment { year } } }` },
        ]),
      );
      const added = await partnerCli(
        ['add', 'bank', bank.url, '--owner', '四川天府银行', '--contact', 'partner-ops@tfbank.example.cn', '--timeout-ms', '1000'],
        cliEnv,
      );
      expect(added.stdout).toContain('accepted: partner bank');
      expect(added.status).toBe(0);
      const answers = (url: string) => async () => {
        const { body } = await post(url, SUBSIDIES, undefined, { id: base.id });
        return !body.errors && Array.isArray(body.data?.base?.subsidies);
      };
      const [onFirst, onSecond] = await Promise.all([timeUntil(answers(graph.url), 10_000), timeUntil(answers(replica.url), 10_000)]);
      const result = await load.stop();
      expect(result.sent).toBeGreaterThan(20);
      expect(result.failed).toEqual([]);
      expect(Math.max(onFirst, onSecond)).toBeLessThan(5_000);
      expect(graph.gateway.served().partners).toEqual(['bank']);
      expect(replica.served().partners).toEqual(['bank']);
    });

    it('the partner’s own staff write through the graph with its PARTNER token; everyone reads the field', async () => {
      const staff = await graph.tokenFor({ role: Role.PARTNER, sub: 'loan-officer-7', partner: 'bank' });
      const granted = await post(
        graph.url,
        `mutation { grantSubsidy(baseId: "${base.id}", programme: "技能人才培育贴息贷款", amountYuan: 500000) { amountYuan } }`,
        staff,
      );
      expect(granted.body).toEqual({ data: { grantSubsidy: { amountYuan: 500000 } } });
      // a PROVINCIAL_ADMIN is not the bank's staff: the bank refuses, with its own client error
      const admin = await post(
        graph.url,
        `mutation { grantSubsidy(baseId: "${base.id}", programme: "技能人才培育贴息贷款", amountYuan: 1) { amountYuan } }`,
        adminToken,
      );
      expect(admin.body.errors?.[0].extensions?.code).toBe('FORBIDDEN');
      const read = await post(replica.url, SUBSIDIES, undefined, { id: base.id });
      expect(read.body).toEqual({
        data: { base: { name: base.name, subsidies: [{ programme: '技能人才培育贴息贷款', amountYuan: 500000 }] } },
      });
    });

    it('a partner is told the viewer’s role and a stable pseudonym, never its organisation, city or subject', async () => {
      const added = await post(
        graph.url,
        'mutation ($input: AddPartnerInput!) { addPartner(input: $input) { revision secret partner { fields } } }',
        adminToken,
        { input: { name: 'jobs', routingUrl: jobs.url, owner: '川才网', contact: 'api@jobs.example.cn' } },
      );
      expect(added.body.errors).toBeUndefined();
      expect(added.body.data.addPartner.secret).toMatch(/^[0-9a-f]{64}$/);
      await timeUntil(async () => graph.gateway.served().partners.includes('jobs'), 5_000);
      expect((await post(graph.url, '{ partner(name: "jobs") { fields } }', adminToken)).body.data.partner.fields.sort()).toEqual([
        'Organization.jobPostings',
        'Query.whoAmI',
      ]);
      const cityAdmin = await graph.tokenFor({ role: Role.CITY_ADMIN, sub: 'chengdu-hr-1', city: '510100' });
      const told = async () => JSON.parse((await post(graph.url, '{ whoAmI }', cityAdmin)).body.data.whoAmI);
      const first = await told();
      expect(first).toMatchObject({ iss: 'skills-sichuan-gateway', aud: 'jobs', role: 'CITY_ADMIN', sub: expect.stringMatching(/^p_/) });
      expect(first).not.toHaveProperty('city');
      expect(first).not.toHaveProperty('org');
      expect(first).not.toHaveProperty('subject');
      expect(JSON.stringify(first)).not.toContain('chengdu-hr-1');
      expect((await told()).sub).toBe(first.sub);
      expect(JSON.parse((await post(graph.url, '{ whoAmI }')).body.data.whoAmI)).not.toHaveProperty('sub');
    });

    it('a PARTNER token reads public data and its own fields, nothing more', async () => {
      const staff = await graph.tokenFor({ role: Role.PARTNER, sub: 'loan-officer-7', partner: 'bank' });
      expect((await post(graph.url, FIRST_QUERY, staff)).body.errors).toBeUndefined();
      const jobsField = await post(graph.url, JOB_POSTINGS, staff);
      expect(jobsField.status).toBe(403);
      expect(jobsField.body.errors?.[0].extensions).toMatchObject({
        code: 'FORBIDDEN',
        coordinates: expect.arrayContaining(['Organization.jobPostings', 'JobPosting.title']),
      });
      const feedback = `mutation { submitFeedback(input: { subjectId: "${base.id}", subjectType: BASE, rating: 5 }) { id } }`;
      const coreWrite = await post(graph.url, feedback, staff);
      expect(coreWrite.body.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', coordinates: ['Mutation.submitFeedback'] });
      // the same mutation as the public: allowed, so the refusal above is the PARTNER role's
      expect((await post(graph.url, feedback)).body.errors).toBeUndefined();
      const protectedRead = await post(graph.url, '{ applications(first: 1) { totalCount } }', staff);
      expect(protectedRead.body.errors?.[0].extensions?.code).toBe('FORBIDDEN');
      const otherPartner = await post(graph.url, 'mutation { publishPartnerSchema(name: "jobs") { revision } }', staff);
      expect(otherPartner.body.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    });

    it('a registered partner publishing a breaking change is refused and the graph is unchanged; removing a field nobody uses is fine', async () => {
      const registered = await post(
        graph.url,
        'mutation ($documents: [String!]!) { registerClientOperations(client: "dashboard", documents: $documents) }',
        adminToken,
        { documents: [JOB_POSTINGS] },
      );
      expect(registered.body).toEqual({ data: { registerClientOperations: 1 } });
      const revisions = await revisionsIn();
      // salaryYuan becomes a String: the dashboard reads it as an Int
      await jobs.serve(JOBS_V1.replace('salaryYuan: Int', 'salaryYuan: String'), jobsResolvers);
      const refused = await post(graph.url, 'mutation { publishPartnerSchema(name: "jobs") { revision } }', adminToken);
      expect(refused.body.errors?.[0].extensions).toMatchObject({
        code: 'PARTNER_REFUSED',
        problems: [
          expect.objectContaining({
            code: 'BREAKS_CLIENT_OPERATION',
            message: expect.stringContaining('dashboard operation OrganizationJobs'),
          }),
        ],
      });
      expect(await revisionsIn()).toBe(revisions);
      await jobs.serve(JOBS_V1, jobsResolvers);
      expect((await post(graph.url, JOB_POSTINGS)).body.data.organization.jobPostings).toEqual([{ title: '川菜厨师', salaryYuan: 6500 }]);
      // postedOn: no registered operation reads it
      await jobs.serve(JOBS_V1.replace(' postedOn: String', ''), jobsResolvers);
      const published = await post(graph.url, 'mutation { publishPartnerSchema(name: "jobs") { revision } }', adminToken);
      expect(published.body.data.publishPartnerSchema.revision).toBe(revisions + 1);
    });

    it('a partner frozen or killed mid-load costs only its fields: core queries whole, its fields null with an error naming it, within its timeout', async () => {
      const mixed = `{ base(id: "${base.id}") { name city { name } subsidies { amountYuan } } }`;
      // a signed-in viewer: the public would be answered the last good answer instead (test/operations.e2e.test.ts)
      const viewer = await graph.tokenFor({ role: Role.CITY_ADMIN, sub: 'chengdu-hr-1', city: '510100' });
      const load = loadLoop(
        [
          { url: graph.url, query: FIRST_QUERY },
          { url: replica.url, query: mixed, token: viewer },
        ],
        {
          judge: (answer, index) => {
            if (index === 0) return answer.status === 200 && !answer.body.errors;
            const b = answer.body;
            if (b.data?.base?.name !== base.name || !b.data?.base?.city?.name) return false;
            if (!b.errors) return Array.isArray(b.data.base.subsidies);
            return (
              b.data.base.subsidies === null &&
              b.errors.every((e) => e.extensions?.code === 'SUBGRAPH_UNAVAILABLE' && e.extensions?.service === 'bank')
            );
          },
        },
      );
      await new Promise((r) => setTimeout(r, 300));
      bank.process.kill('SIGSTOP');
      await new Promise((r) => setTimeout(r, 2_500));
      const frozen = await post(replica.url, mixed, viewer);
      // timed out, or — once it had failed again and again — not called at all while its circuit is open
      const notAnswering =
        /^partner "bank" (did not answer within 1000 ms|failed repeatedly and is not called for a moment); its fields are null in this answer$/;
      expect(frozen.body).toEqual({
        data: { base: { name: base.name, city: { name: expect.any(String) }, subsidies: null } },
        errors: [
          {
            message: expect.stringMatching(notAnswering),
            extensions: { code: 'SUBGRAPH_UNAVAILABLE', service: 'bank', requestId: expect.any(String) },
          },
        ],
      });
      bank.process.kill('SIGCONT');
      bank.process.kill('SIGKILL');
      await new Promise((r) => setTimeout(r, 500));
      const killed = await post(replica.url, mixed, viewer);
      expect(killed.body.errors?.[0].message).toMatch(
        /^partner "bank" (could not be reached|failed repeatedly and is not called for a moment)/,
      );
      expect(killed.body.data.base.subsidies).toBeNull();
      expect(JSON.stringify(killed.body)).not.toMatch(/127\.0\.0\.1|ECONNREFUSED|stack/);
      const result = await load.stop();
      expect(result.failed).toEqual([]);
      // the timeout bounds every answer: 1,000 ms for the bank, with room for a loaded machine
      expect(result.slowestMs).toBeLessThan(2_500);
    });

    it('a revision that does not load is refused and the last good graph keeps serving', async () => {
      const served = graph.gateway.served().revision;
      const latest = (await replica.store.revisions(1))[0];
      await replica.store.commit({
        basedOn: latest.revision,
        partner: (await replica.store.partner('jobs'))!,
        supergraphSdl: latest.supergraphSdl.replace('type Query', 'type Query @join__type(graph: NOWHERE)'),
        coreHash: latest.coreHash,
        partners: latest.partners.split(','),
        reason: 'a broken composition',
        by: 'test',
      });
      await timeUntil(async () => graph.gateway.served().refused?.revision === latest.revision + 1, 5_000);
      expect(graph.gateway.served().revision).toBe(served);
      expect((await post(graph.url, JOB_POSTINGS)).body.data.organization.jobPostings).toHaveLength(1);
    });

    it('is removed through the command line while a load loop runs: no request fails, its fields leave both replicas', async () => {
      const load = loadLoop([graph.url, replica.url].map((url) => ({ url, query: FIRST_QUERY })));
      // the dashboard's registered operation reads jobs' fields: refused unless forced
      const refused = await partnerCli(['remove', 'jobs'], cliEnv);
      expect(refused.status).toBe(1);
      expect(refused.stdout).toContain('BREAKS_CLIENT_OPERATION');
      const removed = await partnerCli(['remove', 'jobs', '--force'], cliEnv);
      expect(removed.status).toBe(0);
      const gone = (url: string) => async () =>
        (await post(url, '{ whoAmI }')).body.errors?.[0].extensions?.code === 'GRAPHQL_VALIDATION_FAILED';
      await Promise.all([timeUntil(gone(graph.url), 10_000), timeUntil(gone(replica.url), 10_000)]);
      expect((await load.stop()).failed).toEqual([]);
      expect(await partnerRows()).toEqual(['bank:ACTIVE', 'jobs:REMOVED']);
    });
  });
});
