import { dashboardOperations } from '@skills-sichuan/gateway';
import { type ViewerClaims } from '@skills-sichuan/runtime';
import { composeCreditCode } from '@skills-sichuan/bases/seed';
import { generateProgram } from './program';
import { assessmentResult } from '../subgraphs/evaluation/src/assessment/scoring';
import { ServiceType } from '../subgraphs/bases/src/institution/institution.enums';
import { sqlDuring, startGraph, TEST_PROGRAM, type Graph, type GraphResponse } from './graph';

const ADMIN: ViewerClaims = { role: 'PROVINCIAL_ADMIN' as never, sub: 'province-1' };
const TABLES = [
  'organization',
  'organization_contact',
  'base',
  'base_profile',
  'base_field',
  'honour',
  'institution',
  'institution_service',
  'institution_brand',
  'institution_occupation',
  'application',
  'application_step',
  'roster_decision',
];

const errorOf = (response: GraphResponse) => response.body.errors?.[0];

/** The bases subgraph through the gateway: the public roster, registration, the selection workflow and roster decisions. */
describe('bases & institutions', () => {
  let graph: Graph;
  const program = generateProgram(TEST_PROGRAM);
  const brandByCode = new Map(program.brands.map((b) => [b.code, b]));
  const chef = brandByCode.get('SICHUAN_CHEF')!;
  const chefFamily = new Set(program.brands.filter((b) => b.id === chef.id || b.parentId === chef.id).map((b) => b.id));
  // a brand and city that already have an ACTIVE main base
  const activeMain = program.bases.find((b) => b.tier === 'MAIN' && b.status === 'ACTIVE')!;
  const operator = program.organizations.find((o) => o.id === activeMain.operatorId)!;
  const operatorViewer: ViewerClaims = { role: 'BASE_OPERATOR' as never, org: operator.id };
  const cityAdmin: ViewerClaims = { role: 'CITY_ADMIN' as never, city: operator.cityCode };
  const otherCity = program.cities.find((c) => c.code !== operator.cityCode)!.code;

  const counts = async () => {
    const db = graph.subgraphs.bases.db;
    const result: Record<string, number> = {};
    for (const table of TABLES) result[table] = Number((await db.query(`SELECT COUNT(*) AS n FROM ${table}`))[0].n);
    return result;
  };

  beforeAll(async () => {
    graph = await startGraph();
  });
  afterAll(() => graph?.stop());

  describe('the public roster', () => {
    it('pages through every base once, main bases first, then by city, name and id', async () => {
      const seen: { id: string; tier: string; city: { code: string } }[] = [];
      let after: string | null = null;
      let totalCount: number;
      do {
        const response: GraphResponse<{
          bases: { nodes: typeof seen; pageInfo: { endCursor: string | null; hasNextPage: boolean }; totalCount: number };
        }> = await graph.query(
          'query ($after: String) { bases(first: 40, after: $after) { nodes { id tier city { code } } pageInfo { endCursor hasNextPage } totalCount } }',
          { after },
        );
        expect(response.body.errors).toBeUndefined();
        const page = response.body.data!.bases;
        seen.push(...page.nodes);
        totalCount = page.totalCount;
        after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
      } while (after);
      expect(totalCount).toBe(program.bases.length);
      expect(new Set(seen.map((b) => b.id)).size).toBe(program.bases.length);
      const firstAuxiliary = seen.findIndex((b) => b.tier === 'AUXILIARY');
      expect(seen.slice(firstAuxiliary).every((b) => b.tier === 'AUXILIARY')).toBe(true);
    });

    it('filters bases by ids, brand (with or without sub-brands), tier, city and status', async () => {
      const some = program.bases.slice(0, 3).map((b) => b.id);
      const { body } = await graph.query<Record<string, { totalCount: number; nodes: { id: string }[] }>>(
        `query ($ids: [ID!], $brand: ID!) {
          byIds: bases(filter: { ids: $ids }) { totalCount nodes { id } }
          family: bases(filter: { brandId: $brand }, first: 500) { totalCount nodes { id } }
          own: bases(filter: { brandId: $brand, includeSubBrands: false }, first: 500) { totalCount nodes { id } }
          activeMainChengdu: bases(filter: { tier: MAIN, cityCode: "510100", status: ACTIVE }, first: 500) { totalCount nodes { id } }
        }`,
        { ids: some, brand: chef.id },
      );
      expect(body.errors).toBeUndefined();
      const ids = (alias: string) => body.data![alias].nodes.map((n) => n.id).sort();
      const expected = (f: (b: (typeof program.bases)[number]) => boolean) =>
        program.bases
          .filter(f)
          .map((b) => b.id)
          .sort();
      expect(ids('byIds')).toEqual([...some].sort());
      expect(ids('family')).toEqual(expected((b) => chefFamily.has(b.brandId)));
      expect(ids('own')).toEqual(expected((b) => b.brandId === chef.id));
      expect(ids('own').length).toBeLessThan(ids('family').length);
      expect(ids('activeMainChengdu')).toEqual(expected((b) => b.tier === 'MAIN' && b.cityCode === '510100' && b.status === 'ACTIVE'));
      expect(body.data!.activeMainChengdu.totalCount).toBe(ids('activeMainChengdu').length);
    });

    it('filters institutions by ids, service, city and status, each with its services, brands and occupations', async () => {
      const { body } = await graph.query<
        Record<
          string,
          {
            totalCount: number;
            nodes: { id: string; services: string[]; occupations: string[]; brands: { id: string }[]; status: string }[];
          }
        >
      >(
        `{ evaluators: institutions(filter: { service: EVALUATION, status: ACTIVE }, first: 500) { totalCount nodes { id services occupations brands { id } status } }
           all: institutions(first: 500) { totalCount nodes { id services occupations brands { id } status } } }`,
      );
      expect(body.errors).toBeUndefined();
      expect(body.data!.all.totalCount).toBe(program.institutions.length);
      const expected = program.institutions
        .filter((i) => i.services.includes(ServiceType.EVALUATION) && i.status === 'ACTIVE')
        .map((i) => i.id)
        .sort();
      expect(body.data!.evaluators.nodes.map((n) => n.id).sort()).toEqual(expected);
      for (const node of body.data!.all.nodes) {
        const seed = program.institutions.find((i) => i.id === node.id)!;
        expect(node.services).toEqual([...seed.services].sort());
        expect(node.brands.map((b) => b.id).sort()).toEqual([...seed.brandIds].sort());
        expect(node.occupations.length).toBeGreaterThan(0);
      }
    });

    it('refuses a malformed filter with BAD_USER_INPUT', async () => {
      for (const query of [
        '{ bases(filter: { cityCode: "chengdu" }) { totalCount } }',
        '{ bases(filter: { ids: ["not-a-uuid"] }) { totalCount } }',
        '{ institutions(first: 0) { totalCount } }',
        '{ bases(after: "bm90LWEtY3Vyc29y") { totalCount } }',
      ]) {
        expect(errorOf(await graph.query(query))?.extensions?.code).toBe('BAD_USER_INPUT');
      }
    });

    it('shows a base’s conditions, fields, honours and roster history, and the 21 cities, to anyone', async () => {
      const honoured = program.bases.find((b) => b.tier === 'MAIN')!;
      const { body } = await graph.query<{
        base: {
          conditions: Record<string, string>;
          fields: string[];
          honours: { level: string; year: number }[];
          rosterHistory: { action: string; toStatus: string }[];
        };
        cities: unknown[];
      }>(
        'query ($id: ID!) { base(id: $id) { conditions { facilities courseSystem managementSystem } fields honours { kind level year name } rosterHistory { action toStatus decisionReference } } cities { code } }',
        { id: honoured.id },
      );
      expect(body.errors).toBeUndefined();
      expect(body.data!.cities).toHaveLength(21);
      expect(Object.values(body.data!.base.conditions).every((text) => text.length > 0)).toBe(true);
      expect(body.data!.base.fields.length).toBeGreaterThan(0);
      expect(body.data!.base.rosterHistory[0]).toMatchObject({ action: 'ADD', toStatus: 'ACTIVE' });
      expect(body.data!.base.rosterHistory.at(-1)!.toStatus).toBe(honoured.status);
    });

    it('answers the dashboard’s roster and a base’s page with one statement in bases, at 10 bases as at every base', async () => {
      const documents = new Map(dashboardOperations().map((o) => [o.name, o.document]));
      type Roster = {
        bases: {
          totalCount: number;
          nodes: { id: string; operator: { id: string; name: string }; city: { code: string; name: string } }[];
        };
      };
      const roster = (first: number) => graph.query<Roster>(documents.get('Roster')!, { filter: {}, first });
      await roster(1); // the 21 cities are read once, on the first request that names one
      const db = graph.subgraphs.bases.db;
      const [{ n: total }] = (await db.query('SELECT COUNT(*) AS n FROM base')) as { n: number | string }[];
      const operators = new Map(
        (
          (await db.query('SELECT b.id, o.id AS operator, o.name FROM base b JOIN organization o ON o.id = b.operator_id')) as Record<
            string,
            string
          >[]
        ).map((r) => [r.id, { id: r.operator, name: r.name }]),
      );
      expect(Number(total)).toBeGreaterThan(10);
      for (const first of [10, 500]) {
        let answer: GraphResponse<Roster> | undefined;
        const sql = await sqlDuring(graph, async () => (answer = await roster(first)));
        expect(answer!.body.errors).toBeUndefined();
        const { totalCount, nodes } = answer!.body.data!.bases;
        expect(totalCount).toBe(Number(total));
        expect(nodes).toHaveLength(Math.min(first, Number(total)));
        for (const node of nodes) expect(node.operator).toEqual(operators.get(node.id));
        expect(nodes.every((node) => node.city.name.endsWith('市') || node.city.name.endsWith('州'))).toBe(true);
        // the page, its operators joined and its count in a subquery
        expect({ first, bases: sql.bases }).toEqual({ first, bases: 1 });
      }

      const honours = (await db.query('SELECT base_id, name FROM honour')) as { base_id: string; name: string }[];
      const honoured = honours[0].base_id;
      let page: GraphResponse<{ base: { operator: { name: string }; honours: { name: string; year: number }[] } }> | undefined;
      const sql = await sqlDuring(graph, async () => (page = await graph.query(documents.get('BasePage')!, { id: honoured })));
      expect(page!.body.errors).toBeUndefined();
      const theirs = honours.filter((h) => h.base_id === honoured).map((h) => h.name);
      expect(page!.body.data!.base.honours.map((h) => h.name).sort()).toEqual(theirs.sort());
      // newest first, as the honours' own loader orders them
      const years = page!.body.data!.base.honours.map((h) => h.year);
      expect(years).toEqual([...years].sort((a, b) => b - a));
      expect(page!.body.data!.base.operator.name).toBe(operators.get(honoured)!.name);
      // the base, its operator and its honours in one statement
      expect(sql.bases).toBe(1);
    });

    it('reads a page of bases with everything nested in the same few statements, whatever the page size', async () => {
      const page = (first: number) =>
        graph.query(
          `{ bases(first: ${first}) { nodes { name operator { name } city { name } honours { name } fields conditions { facilities } rosterHistory { action } brand { id } } } }`,
        );
      await page(1); // the 21 cities are read once, on the first request that names one
      const small = await sqlDuring(graph, () => page(5));
      const large = await sqlDuring(graph, async () => expect((await page(150)).body.errors).toBeUndefined());
      expect(large).toEqual(small);
      // the page with its operators joined, then one each for honours, fields, conditions, histories (no totalCount asked: no count)
      expect(small.bases).toBe(5);
    });
  });

  describe('organisations', () => {
    const code = composeCreditCode('91', operator.cityCode, '31415926');
    const register = (creditCode: string, as: ViewerClaims, cityCode = operator.cityCode) =>
      graph.query<{ registerOrganization: { id: string; creditCode: string; city: { code: string } } }>(
        `mutation ($input: RegisterOrganizationInput!) { registerOrganization(input: $input) { id creditCode city { code } } }`,
        {
          input: {
            name: `四川测试${creditCode.slice(-4)}科技有限公司`,
            kind: 'ENTERPRISE',
            creditCode,
            cityCode,
            contacts: [{ name: '王小川', title: '总经理', phone: '028-86000000', email: 'wang@example.cn' }],
          },
        },
        as,
      );

    it('registers an organisation of its own city for a CITY_ADMIN, found again by its credit code', async () => {
      const response = await register(code.toLowerCase(), cityAdmin);
      expect(response.body.errors).toBeUndefined();
      expect(response.body.data!.registerOrganization).toMatchObject({ creditCode: code, city: { code: operator.cityCode } });
      const { body } = await graph.query<{ organization: { id: string } }>('query ($c: String!) { organization(creditCode: $c) { id } }', {
        c: code,
      });
      expect(body.data!.organization.id).toBe(response.body.data!.registerOrganization.id);
    });

    it.each([
      [
        'a wrong check character',
        () => code.slice(0, 17) + (code[17] === '0' ? '1' : '0'),
        () => ADMIN,
        'BAD_USER_INPUT',
        /check character/,
      ],
      ['a code of 17 characters', () => code.slice(0, 17), () => ADMIN, 'BAD_USER_INPUT', /18 characters/],
      ['a duplicate credit code', () => code, () => ADMIN, 'CONFLICT', /already registered/],
      [
        'another city, as a CITY_ADMIN',
        () => composeCreditCode('91', otherCity, '27182818'),
        () => ({ ...cityAdmin }),
        'FORBIDDEN',
        /may not act in/,
      ],
      [
        'a BASE_OPERATOR',
        () => composeCreditCode('91', operator.cityCode, '16180339'),
        () => operatorViewer,
        'FORBIDDEN',
        /needs CITY_ADMIN or PROVINCIAL_ADMIN/,
      ],
    ])('refuses %s, writing nothing', async (_case, creditCode, as, errorCode, message) => {
      const before = await counts();
      const code = creditCode();
      const response = await register(code, as(), /another city/.test(_case) ? otherCity : operator.cityCode);
      expect(errorOf(response)?.extensions?.code).toBe(errorCode);
      expect(errorOf(response)?.message).toMatch(message);
      expect(await counts()).toEqual(before);
    });

    it('shows contacts to the organisation and its city’s bureau, not to the public or another city', async () => {
      const query = 'query ($id: ID) { organization(id: $id) { name contacts { name phone } } }';
      const as = async (viewer?: ViewerClaims) =>
        graph.query<{ organization: { name: string; contacts: { phone: string }[] | null } }>(query, { id: operator.id }, viewer);
      expect((await as(operatorViewer)).body.data!.organization.contacts!.length).toBeGreaterThan(0);
      expect((await as(cityAdmin)).body.data!.organization.contacts!.length).toBeGreaterThan(0);
      for (const viewer of [
        undefined,
        { role: 'CITY_ADMIN' as never, city: otherCity },
        { role: 'BASE_OPERATOR' as never, org: program.organizations.find((o) => o.id !== operator.id)!.id },
      ]) {
        const response = await as(viewer);
        expect(response.body.data!.organization).toEqual({ name: operator.name, contacts: null });
        expect(['UNAUTHENTICATED', 'FORBIDDEN']).toContain(errorOf(response)?.extensions?.code);
      }
    });
  });

  describe('the selection workflow (申报 → 初审 → 遴选)', () => {
    const APPLICATION_FIELDS =
      'id status kind name tier organization { id } city { code } brands { id } fields services occupations base { id status tier } institution { id status services occupations brands { id } } steps { fromStatus toStatus actor actorRole at reason }';
    /** null submits anonymously */
    const submit = (input: Record<string, unknown>, as: ViewerClaims | null = operatorViewer) =>
      graph.query<{ submitApplication: { id: string; status: string } }>(
        `mutation ($input: SubmitApplicationInput!) { submitApplication(input: $input) { ${APPLICATION_FIELDS} } }`,
        { input },
        as ?? undefined,
      );
    const move = (mutation: string, input: Record<string, unknown>, as: ViewerClaims = ADMIN) =>
      graph.query<
        Record<
          string,
          {
            id: string;
            status: string;
            base: { id: string } | null;
            institution: { id: string } | null;
            steps: { toStatus: string; actor: string; reason: string }[];
          }
        >
      >(
        `mutation ($input: ${mutation === 'selectApplication' ? 'SelectApplicationInput' : 'ApplicationDecisionInput'}!) { ${mutation}(input: $input) { ${APPLICATION_FIELDS} } }`,
        { input },
        as,
      );
    const baseApplication = (tier: string, brandId = activeMain.brandId) => ({
      kind: 'BASE',
      organizationId: operator.id,
      name: `测试${tier}基地（${operator.name}）`,
      tier,
      brandIds: [brandId],
      conditions: { facilities: '实训车间 2000 平方米', courseSystem: '模块化课程', managementSystem: '制度健全' },
      fields: ['MODERN_SERVICES'],
      note: '申报',
    });

    it('moves an auxiliary base application from submission to selection, creating the base ACTIVE with its history', async () => {
      const before = await counts();
      const submitted = await submit(baseApplication('AUXILIARY'));
      expect(submitted.body.errors).toBeUndefined();
      const id = submitted.body.data!.submitApplication.id;
      expect(submitted.body.data!.submitApplication.status).toBe('SUBMITTED');

      const reviewed = await move('passPreliminaryReview', { id, opinion: '材料齐全，通过初审' });
      expect(reviewed.body.data!.passPreliminaryReview.status).toBe('PRELIMINARY_REVIEW');
      // submitted at the start of the year, so the selection can be dated after it, in the past
      await graph.subgraphs.bases.db.query(`UPDATE application SET submitted_on = '2026-01-02' WHERE id = '${id}'`);
      const before1st = await counts();
      const tooEarly = await move('selectApplication', {
        id,
        decisionReference: '川人社函〔2026〕1号',
        opinion: '予以遴选',
        designatedOn: '2026-01-01',
      });
      expect(errorOf(tooEarly)?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'designatedOn' });
      expect(errorOf(tooEarly)?.message).toMatch(/before the application was submitted \(2026-01-02\)/);
      expect(await counts()).toEqual(before1st);
      const selected = await move('selectApplication', {
        id,
        decisionReference: '川人社函〔2026〕1号',
        opinion: '予以遴选',
        designatedOn: '2026-01-05',
      });
      expect(selected.body.errors).toBeUndefined();
      const application = selected.body.data!.selectApplication;
      expect(application.status).toBe('SELECTED');
      expect(application.steps.map((s) => s.toStatus)).toEqual(['SUBMITTED', 'PRELIMINARY_REVIEW', 'SELECTED']);
      expect(application.steps.map((s) => s.actor)).toEqual(['test-base_operator', 'province-1', 'province-1']);
      expect(application.steps[2].reason).toMatch(/川人社函〔2026〕1号/);

      const { body } = await graph.query<{
        base: {
          status: string;
          designatedOn: string;
          operator: { id: string };
          rosterHistory: { action: string; fromStatus: string | null; toStatus: string; decisionReference: string; decidedBy: string }[];
        };
      }>(
        'query ($id: ID!) { base(id: $id) { status designatedOn operator { id } rosterHistory { action fromStatus toStatus decisionReference decidedBy } } }',
        { id: application.base!.id },
        ADMIN,
      );
      expect(body.data!.base).toEqual({
        status: 'ACTIVE',
        designatedOn: '2026-01-05',
        operator: { id: operator.id },
        rosterHistory: [
          { action: 'ADD', fromStatus: null, toStatus: 'ACTIVE', decisionReference: '川人社函〔2026〕1号', decidedBy: 'province-1' },
        ],
      });
      const after = await counts();
      expect(after.base - before.base).toBe(1);
      expect(after.application_step - before.application_step).toBe(3);
      expect(after.roster_decision - before.roster_decision).toBe(1);
    });

    it('selects an institution application submitted by a CITY_ADMIN, with its services, brands and occupations', async () => {
      const brands = [chef.id, program.brands.find((b) => b.parentId === chef.id)!.id];
      const submitted = await submit(
        {
          kind: 'INSTITUTION',
          organizationId: operator.id,
          name: '测试作业机构',
          brandIds: brands,
          services: ['TRAINING', 'EVALUATION'],
          occupations: ['中式烹调师'],
        },
        cityAdmin,
      );
      expect(submitted.body.errors).toBeUndefined();
      const id = submitted.body.data!.submitApplication.id;
      await move('passPreliminaryReview', { id, opinion: '通过初审' });
      const selected = await move('selectApplication', { id, decisionReference: '川人社函〔2026〕2号', opinion: '予以遴选' });
      expect(selected.body.errors).toBeUndefined();
      expect(selected.body.data!.selectApplication.institution).toMatchObject({
        status: 'ACTIVE',
        services: ['EVALUATION', 'TRAINING'],
        occupations: ['中式烹调师'],
      });
      const { body } = await graph.query<{ brand: { institutions: { name: string }[] } }>(
        '{ brand(code: "SICHUAN_CHEF") { institutions { name } } }',
      );
      expect(body.data!.brand.institutions.map((i) => i.name)).toContain('测试作业机构');
    });

    it('refuses a second ACTIVE main base for a brand in a city at selection, writing nothing', async () => {
      const id = (await submit(baseApplication('MAIN'))).body.data!.submitApplication.id;
      await move('passPreliminaryReview', { id, opinion: '通过初审' });
      const before = await counts();
      const response = await move('selectApplication', { id, decisionReference: '川人社函〔2026〕3号', opinion: '予以遴选' });
      expect(errorOf(response)?.extensions).toMatchObject({ code: 'CONFLICT', reason: 'MAIN_BASE_TAKEN', baseId: activeMain.id });
      expect(await counts()).toEqual(before);
      // and it can still be rejected at 遴选, with the reason kept
      const rejected = await move('rejectApplication', { id, opinion: '该市已有主基地' });
      expect(rejected.body.data!.rejectApplication.steps.map((s) => s.toStatus)).toEqual(['SUBMITTED', 'PRELIMINARY_REVIEW', 'REJECTED']);
    });

    it('refuses moves the workflow does not allow with INVALID_TRANSITION, writing nothing', async () => {
      const id = (await submit(baseApplication('AUXILIARY'))).body.data!.submitApplication.id;
      const before = await counts();
      const selectEarly = await move('selectApplication', { id, decisionReference: 'x', opinion: '跳过初审' });
      expect(errorOf(selectEarly)?.extensions).toMatchObject({ code: 'INVALID_TRANSITION', from: 'SUBMITTED', to: 'SELECTED' });
      await move('rejectApplication', { id, opinion: '初审未通过' });
      const afterReject = await counts();
      expect(afterReject.application_step - before.application_step).toBe(1);
      for (const mutation of ['passPreliminaryReview', 'rejectApplication']) {
        expect(errorOf(await move(mutation, { id, opinion: '再次' }))?.extensions?.code).toBe('INVALID_TRANSITION');
      }
      expect(await counts()).toEqual(afterReject);
    });

    it.each([
      [
        'a base application with services',
        () => ({ ...baseApplication('AUXILIARY'), services: ['TRAINING'] }),
        () => operatorViewer,
        'BAD_USER_INPUT',
        /takes no services/,
      ],
      [
        'a base application without conditions',
        () => ({ ...baseApplication('AUXILIARY'), conditions: null }),
        () => operatorViewer,
        'BAD_USER_INPUT',
        /conditions/,
      ],
      [
        'a base application for two brands',
        () => ({ ...baseApplication('AUXILIARY'), brandIds: [chef.id, activeMain.brandId] }),
        () => operatorViewer,
        'BAD_USER_INPUT',
        /exactly one brand/,
      ],
      [
        'an unknown brand',
        () => baseApplication('AUXILIARY', '00000000-0000-4000-8000-000000000000'),
        () => operatorViewer,
        'NOT_FOUND',
        /no brand/,
      ],
      [
        'another organisation, as a BASE_OPERATOR',
        () => ({ ...baseApplication('AUXILIARY'), organizationId: program.organizations.find((o) => o.id !== operator.id)!.id }),
        () => operatorViewer,
        'FORBIDDEN',
        /own organisation/,
      ],
      [
        'an organisation of another city, as a CITY_ADMIN',
        () => baseApplication('AUXILIARY'),
        () => ({ role: 'CITY_ADMIN' as never, city: otherCity }),
        'FORBIDDEN',
        /may not act in/,
      ],
      ['an anonymous caller', () => baseApplication('AUXILIARY'), () => null, 'UNAUTHENTICATED', /sign in/],
    ])('refuses %s, writing nothing', async (_case, input, as, code, message) => {
      const before = await counts();
      const response = await submit(input(), as());
      expect(errorOf(response)?.extensions?.code).toBe(code);
      expect(errorOf(response)?.message).toMatch(message);
      expect(await counts()).toEqual(before);
    });

    it('checks more brands than one query of the gateway may alias, naming only the unknown ones, writing nothing', async () => {
      const unknown = Array.from({ length: 35 }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`);
      const known = program.brands.map((b) => b.id);
      const before = await counts();
      const response = await submit(
        {
          kind: 'INSTITUTION',
          organizationId: operator.id,
          name: '品牌很多的机构',
          brandIds: [...known, ...unknown],
          services: ['TRAINING'],
          occupations: ['中式烹调师'],
        },
        operatorViewer,
      );
      expect(errorOf(response)?.extensions?.code).toBe('NOT_FOUND');
      expect(errorOf(response)?.message).toBe(`no brand has id ${unknown.join(', ')}`);
      expect(await counts()).toEqual(before);
    });

    it('lets only the province review and select', async () => {
      const id = (await submit(baseApplication('AUXILIARY'))).body.data!.submitApplication.id;
      for (const viewer of [operatorViewer, cityAdmin])
        expect(errorOf(await move('passPreliminaryReview', { id, opinion: '自己审' }, viewer))?.extensions?.code).toBe('FORBIDDEN');
    });

    it('scopes reads of applications: a city its own, an operator its own, the public none', async () => {
      const query = '{ applications(first: 500) { totalCount nodes { city { code } organization { id } } } }';
      const city = await graph.query<{ applications: { totalCount: number; nodes: { city: { code: string } }[] } }>(query, {}, cityAdmin);
      expect(city.body.data!.applications.totalCount).toBeGreaterThan(0);
      expect(city.body.data!.applications.nodes.every((n) => n.city.code === operator.cityCode)).toBe(true);
      const own = await graph.query<{ applications: { nodes: { organization: { id: string } }[] } }>(query, {}, operatorViewer);
      expect(own.body.data!.applications.nodes.length).toBeGreaterThan(0);
      expect(own.body.data!.applications.nodes.every((n) => n.organization.id === operator.id)).toBe(true);
      const all = await graph.query<{ applications: { totalCount: number } }>(query, {}, ADMIN);
      expect(all.body.data!.applications.totalCount).toBeGreaterThan(city.body.data!.applications.totalCount);
      expect(errorOf(await graph.query(query))?.extensions?.code).toBe('UNAUTHENTICATED');
      expect(
        errorOf(await graph.query(`{ applications(filter: { cityCode: "${otherCity}" }) { totalCount } }`, {}, cityAdmin))?.extensions
          ?.code,
      ).toBe('FORBIDDEN');
    });
  });

  describe('roster decisions (动态调整)', () => {
    const adjust = (input: Record<string, unknown>, as: ViewerClaims = ADMIN) =>
      graph.query<{
        adjustRoster: {
          action: string;
          fromStatus: string;
          toStatus: string;
          reason: string | null;
          causeAssessment: { id: string } | null;
          subject: { __typename: string; id: string; status: string };
        };
      }>(
        `mutation ($input: RosterAdjustmentInput!) { adjustRoster(input: $input) { action fromStatus toStatus reason causeAssessment { id } subject { __typename ... on Base { id status } ... on Institution { id status } } } }`,
        { input },
        as,
      );
    const decision = (subjectId: string, action: string, extra: Record<string, unknown> = {}) => ({
      subjectType: 'BASE',
      subjectId,
      action,
      explanation: '培育主体书面说明情况，经审定',
      decisionReference: `川人社函〔2026〕${action}号`,
      decidedOn: '2026-02-01',
      ...extra,
    });

    const failed = (a: { qualityScore: number; trustScore: number; publicScore: number | null }) =>
      assessmentResult(a.qualityScore, a.trustScore, a.publicScore) === 'FAIL';

    it('suspends, reinstates and revokes a base, keeping every decision in its history', async () => {
      const base = program.bases.find(
        (b) => b.status === 'ACTIVE' && b.tier === 'AUXILIARY' && program.assessments.some((a) => a.subjectId === b.id && failed(a)),
      )!;
      const assessment = program.assessments.find((a) => a.subjectId === base.id && failed(a))!;
      expect((await adjust(decision(base.id, 'SUSPEND', { reason: 'POOR_PERFORMANCE' }))).body.data!.adjustRoster).toMatchObject({
        fromStatus: 'ACTIVE',
        toStatus: 'SUSPENDED',
        subject: { __typename: 'Base', status: 'SUSPENDED' },
      });
      expect((await adjust(decision(base.id, 'REINSTATE'))).body.data!.adjustRoster.toStatus).toBe('ACTIVE');

      const before = await counts();
      const withoutReason = await adjust(decision(base.id, 'REVOKE'));
      expect(errorOf(withoutReason)?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(errorOf(withoutReason)?.message).toMatch(/REVOKE decision needs a reason/);
      const blank = await adjust(decision(base.id, 'REVOKE', { reason: 'FAILED_ASSESSMENT', explanation: '   ' }));
      expect(errorOf(blank)?.message).toMatch(/explanation is required/);
      expect(await counts()).toEqual(before);

      const revoked = await adjust(decision(base.id, 'REVOKE', { reason: 'FAILED_ASSESSMENT', causeAssessmentId: assessment.id }));
      expect(revoked.body.data!.adjustRoster).toMatchObject({
        toStatus: 'REVOKED',
        reason: 'FAILED_ASSESSMENT',
        causeAssessment: { id: assessment.id },
      });
      const { body } = await graph.query<{
        base: { status: string; rosterHistory: { action: string; fromStatus: string | null; toStatus: string; reason: string | null }[] };
      }>('query ($id: ID!) { base(id: $id) { status rosterHistory { action fromStatus toStatus reason } } }', { id: base.id });
      expect(body.data!.base.status).toBe('REVOKED');
      expect(body.data!.base.rosterHistory.slice(-3)).toEqual([
        { action: 'SUSPEND', fromStatus: 'ACTIVE', toStatus: 'SUSPENDED', reason: 'POOR_PERFORMANCE' },
        { action: 'REINSTATE', fromStatus: 'SUSPENDED', toStatus: 'ACTIVE', reason: null },
        { action: 'REVOKE', fromStatus: 'ACTIVE', toStatus: 'REVOKED', reason: 'FAILED_ASSESSMENT' },
      ]);
      expect(body.data!.base.rosterHistory[0].action).toBe('ADD');

      const listed = await graph.query<{ rosterDecisions: { nodes: { action: string }[]; totalCount: number } }>(
        'query ($id: ID!) { rosterDecisions(filter: { subjectId: $id }) { totalCount nodes { action } } }',
        { id: base.id },
      );
      expect(listed.body.data!.rosterDecisions.totalCount).toBe(body.data!.base.rosterHistory.length);
    });

    it('checks the causes a decision names through the graph: they exist, concern the subject, and a failed assessment failed', async () => {
      const subject = program.bases.find(
        (b) =>
          b.status === 'ACTIVE' &&
          b.tier === 'AUXILIARY' &&
          !program.assessments.some((a) => a.subjectId === b.id && failed(a)) &&
          program.assessments.some((a) => a.subjectId === b.id),
      )!;
      const passed = program.assessments.find((a) => a.subjectId === subject.id && !failed(a))!;
      const another = program.assessments.find((a) => a.subjectId !== subject.id)!;
      const otherOrganization = program.organizations.find((o) => o.id !== subject.operatorId)!;
      const EVENT = 'mutation ($input: RecordCreditEventInput!) { recordCreditEvent(input: $input) { id } }';
      const event = async (organizationId: string) => {
        const { body } = await graph.query<{ recordCreditEvent: { id: string } }>(
          EVENT,
          { input: { organizationId, kind: 'VIOLATION', points: -5, reason: '培育进展逾期报送', occurredOn: '2026-01-10' } },
          ADMIN,
        );
        expect(body.errors).toBeUndefined();
        return body.data!.recordCreditEvent.id;
      };
      const ownEvent = await event(subject.operatorId);
      const strangerEvent = await event(otherOrganization.id);
      const unknown = '00000000-0000-4000-8000-000000000000';

      const before = await counts();
      const refused = async (extra: Record<string, unknown>) => errorOf(await adjust(decision(subject.id, 'SUSPEND', extra)));
      expect(await refused({ reason: 'FAILED_ASSESSMENT' })).toMatchObject({
        extensions: { code: 'BAD_USER_INPUT', field: 'causeAssessmentId' },
      });
      expect(await refused({ reason: 'FAILED_ASSESSMENT', causeAssessmentId: passed.id })).toMatchObject({
        extensions: { code: 'BAD_USER_INPUT', reason: 'ASSESSMENT_NOT_FAILED' },
      });
      expect(await refused({ reason: 'POOR_PERFORMANCE', causeAssessmentId: another.id })).toMatchObject({
        extensions: { code: 'BAD_USER_INPUT', reason: 'CAUSE_OF_ANOTHER_SUBJECT' },
      });
      expect((await refused({ reason: 'POOR_PERFORMANCE', causeAssessmentId: unknown }))?.extensions?.code).toBe('NOT_FOUND');
      expect(await refused({ reason: 'MAJOR_VIOLATION', causeCreditEventId: strangerEvent })).toMatchObject({
        extensions: { code: 'BAD_USER_INPUT', reason: 'CAUSE_OF_ANOTHER_SUBJECT' },
      });
      expect((await refused({ reason: 'MAJOR_VIOLATION', causeCreditEventId: unknown }))?.extensions?.code).toBe('NOT_FOUND');
      expect(await counts()).toEqual(before);

      const accepted = await adjust(
        decision(subject.id, 'SUSPEND', { reason: 'POOR_PERFORMANCE', causeAssessmentId: passed.id, causeCreditEventId: ownEvent }),
      );
      expect(accepted.body.errors).toBeUndefined();
      expect(accepted.body.data!.adjustRoster).toMatchObject({ toStatus: 'SUSPENDED', causeAssessment: { id: passed.id } });
      expect((await adjust(decision(subject.id, 'REINSTATE'))).body.errors).toBeUndefined();
    });

    it('refuses what the roster does not allow, writing nothing', async () => {
      const target = program.bases.filter((b) => b.status === 'ACTIVE' && b.tier === 'AUXILIARY')[1];
      expect((await adjust(decision(target.id, 'REVOKE', { reason: 'MAJOR_VIOLATION' }))).body.errors).toBeUndefined();
      const institution = program.institutions[0];
      const before = await counts();
      expect(errorOf(await adjust(decision(target.id, 'REINSTATE')))?.extensions).toMatchObject({
        code: 'INVALID_TRANSITION',
        from: 'REVOKED',
        action: 'REINSTATE',
      });
      expect(errorOf(await adjust(decision(target.id, 'SUSPEND', { reason: 'MARKET_CHANGE' })))?.extensions?.code).toBe(
        'INVALID_TRANSITION',
      );
      expect(errorOf(await adjust(decision(target.id, 'ADD', { reason: 'MARKET_CHANGE' })))?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(errorOf(await adjust(decision(target.id, 'ADD', { decidedOn: '2999-01-01' })))?.message).toMatch(/future/);
      // revoked on 2026-02-01: a decision cannot be dated before it, though after the designation
      expect(target.designatedOn < '2026-01-31').toBe(true);
      expect(errorOf(await adjust(decision(target.id, 'ADD', { decidedOn: '2026-01-31' })))?.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'decidedOn',
        reason: 'BEFORE_LATEST_DECISION',
      });
      expect(errorOf(await adjust(decision(target.id, 'ADD', { causeCreditEventId: 'event-1' })))?.message).toMatch(
        /causeCreditEventId must be a UUID/,
      );
      expect(
        errorOf(await adjust(decision('00000000-0000-4000-8000-000000000000', 'EXIT', { reason: 'MARKET_CHANGE' })))?.extensions?.code,
      ).toBe('NOT_FOUND');
      // the id names an institution, not a base
      expect(errorOf(await adjust(decision(institution.id, 'EXIT', { reason: 'MARKET_CHANGE' })))?.extensions?.code).toBe('NOT_FOUND');
      for (const viewer of [cityAdmin, operatorViewer])
        expect(errorOf(await adjust(decision(activeMain.id, 'SUSPEND', { reason: 'MAJOR_VIOLATION' }), viewer))?.extensions?.code).toBe(
          'FORBIDDEN',
        );
      expect(await counts()).toEqual(before);
      // 增列: a revoked subject can be added back
      expect((await adjust(decision(target.id, 'ADD'))).body.data!.adjustRoster).toMatchObject({
        fromStatus: 'REVOKED',
        toStatus: 'ACTIVE',
      });
    });

    it('keeps one ACTIVE main base per brand and city across suspensions, selections and reinstatements', async () => {
      // suspending the main base frees its seat: a new main base is selected into it
      expect((await adjust(decision(activeMain.id, 'SUSPEND', { reason: 'MAJOR_PUBLIC_OPINION' }))).body.errors).toBeUndefined();
      const input = {
        kind: 'BASE',
        organizationId: operator.id,
        name: '接任主基地',
        tier: 'MAIN',
        brandIds: [activeMain.brandId],
        conditions: { facilities: '有', courseSystem: '有', managementSystem: '有' },
        fields: ['MODERN_SERVICES'],
      };
      const id = (
        await graph.query<{ submitApplication: { id: string } }>(
          'mutation ($input: SubmitApplicationInput!) { submitApplication(input: $input) { id } }',
          { input },
          ADMIN,
        )
      ).body.data!.submitApplication.id;
      await graph.query('mutation ($id: ID!) { passPreliminaryReview(input: { id: $id, opinion: "通过" }) { id } }', { id }, ADMIN);
      const selected = await graph.query<{ selectApplication: { base: { id: string } } }>(
        'mutation ($id: ID!) { selectApplication(input: { id: $id, decisionReference: "川人社函〔2026〕7号", opinion: "接任" }) { base { id } } }',
        { id },
        ADMIN,
      );
      expect(selected.body.errors).toBeUndefined();
      const successor = selected.body.data!.selectApplication.base.id;

      // the suspended one cannot come back while the seat is taken
      const before = await counts();
      expect(errorOf(await adjust(decision(activeMain.id, 'REINSTATE')))?.extensions).toMatchObject({
        code: 'CONFLICT',
        reason: 'MAIN_BASE_TAKEN',
        baseId: successor,
      });
      expect(await counts()).toEqual(before);

      // once the successor exits, it can
      expect((await adjust(decision(successor, 'EXIT', { reason: 'MARKET_CHANGE', decidedOn: null }))).body.errors).toBeUndefined();
      expect((await adjust(decision(activeMain.id, 'REINSTATE'))).body.data!.adjustRoster.toStatus).toBe('ACTIVE');
    });
  });

  describe('the seeded program', () => {
    it('holds applications at every stage and subjects with every roster status, each history ending in its status', async () => {
      const { body } = await graph.query<Record<string, { totalCount: number }>>(
        `{ submitted: applications(filter: { status: SUBMITTED }) { totalCount } review: applications(filter: { status: PRELIMINARY_REVIEW }) { totalCount }
           selected: applications(filter: { status: SELECTED }) { totalCount } rejected: applications(filter: { status: REJECTED }) { totalCount }
           active: bases(filter: { status: ACTIVE }) { totalCount } suspended: bases(filter: { status: SUSPENDED }) { totalCount }
           revoked: bases(filter: { status: REVOKED }) { totalCount } exited: bases(filter: { status: EXITED }) { totalCount }
           reinstated: rosterDecisions(filter: { action: REINSTATE }) { totalCount } failed: rosterDecisions(filter: { reason: FAILED_ASSESSMENT }) { totalCount } }`,
        {},
        ADMIN,
      );
      expect(body.errors).toBeUndefined();
      for (const [alias, { totalCount }] of Object.entries(body.data!)) expect([alias, totalCount > 0]).toEqual([alias, true]);

      const subjects = await graph.query<{ bases: { nodes: { status: string; rosterHistory: { toStatus: string }[] }[] } }>(
        '{ bases(first: 500) { nodes { status rosterHistory { toStatus } } } }',
      );
      for (const base of subjects.body.data!.bases.nodes) expect(base.rosterHistory.at(-1)?.toStatus).toBe(base.status);
    });
  });
});

describe('a dishonest organisation (失信) cannot be selected', () => {
  let graph: Graph;
  beforeAll(async () => {
    graph = await startGraph();
  });
  afterAll(() => graph?.stop());

  it('refuses its application with SUBJECT_DISHONEST and writes nothing', async () => {
    const program = generateProgram(TEST_PROGRAM);
    // asked in pages of 25: an operation of one alias per organisation would exceed the gateway's alias limit
    let dishonest: { id: string; credit: { dishonest: boolean } } | undefined;
    for (let start = 0; start < program.organizations.length && !dishonest; start += 25) {
      const aliases = program.organizations
        .slice(start, start + 25)
        .map((o, i) => `o${i}: organization(id: "${o.id}") { id credit { dishonest } }`)
        .join(' ');
      const { body } = await graph.query<Record<string, { id: string; credit: { dishonest: boolean } }>>(`{ ${aliases} }`, {}, ADMIN);
      dishonest = Object.values(body.data!).find((o) => o.credit.dishonest);
    }
    if (!dishonest) throw new Error('the seeded program has no dishonest organisation: record a credit event for one first');
    const brand = program.brands.find((b) => b.level === 'PUBLIC_BRAND')!;
    const count = async (table: string) => Number((await graph.subgraphs.bases.db.query(`SELECT COUNT(*) AS n FROM ${table}`))[0].n);
    const before = { applications: await count('application'), bases: await count('base') };
    // refused at the first door: it does not even apply (selection is refused the same way, test/plan-rules.e2e.test.ts)
    const submitted = await graph.query(
      'mutation ($input: SubmitApplicationInput!) { submitApplication(input: $input) { id } }',
      {
        input: {
          kind: 'BASE',
          organizationId: dishonest.id,
          name: '失信主体的申报',
          tier: 'AUXILIARY',
          brandIds: [brand.id],
          conditions: { facilities: '有', courseSystem: '有', managementSystem: '有' },
          fields: ['MODERN_SERVICES'],
        },
      },
      ADMIN,
    );
    expect(submitted.body.errors?.[0].extensions).toMatchObject({ code: 'SUBJECT_DISHONEST', organizationId: dishonest.id });
    expect({ applications: await count('application'), bases: await count('base') }).toEqual(before);
  });
});
