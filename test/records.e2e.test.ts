import { randomBytes } from 'node:crypto';
import { type ViewerClaims } from '@skills-sichuan/runtime';
import { DEFAULT_PROGRAM, startSubgraph } from '@skills-sichuan/subgraph-kit';
import { bases } from '@skills-sichuan/bases';
import { generateProgram } from './program';
import { startGraph, TEST_PROGRAM, type Graph, type GraphResponse, type Json } from './graph';

const ADMIN: ViewerClaims = { role: 'PROVINCIAL_ADMIN' as never, sub: 'province-1' };
const errorOf = (response: GraphResponse) => response.body.errors?.[0];
/** a case of refused input: its name, the input, who asks, the code and the message expected */
type Refusal = [string, () => Record<string, unknown>, ViewerClaims | undefined, string, RegExp];

/**
 * Records that can be kept right, through the gateway: an organisation's contacts and a base's
 * conditions corrected by whom the roles allow, each correction kept (what changed, who, when,
 * why) — the contacts' history sealed at rest and shown only to whom may see contacts — and
 * refused input writing nothing; one pending application per organisation, brand and tier,
 * held by the database when two arrive at once.
 */
describe('records that can be kept right', () => {
  let graph: Graph;
  const program = generateProgram(TEST_PROGRAM);
  const base = program.bases.find((b) => b.tier === 'MAIN' && b.status === 'ACTIVE')!;
  const organization = program.organizations.find((o) => o.id === base.operatorId)!;
  const other = program.organizations.find((o) => o.id !== organization.id && o.cityCode !== organization.cityCode)!;
  const otherCity = other.cityCode;
  const operatorViewer: ViewerClaims = { role: 'BASE_OPERATOR' as never, sub: 'operator-1', org: organization.id };
  const cityAdmin: ViewerClaims = { role: 'CITY_ADMIN' as never, sub: 'city-1', city: organization.cityCode };
  const refusedViewers: [string, ViewerClaims | undefined, string, RegExp][] = [
    ['the public', undefined, 'UNAUTHENTICATED', /sign in/],
    ['an ASSESSOR', { role: 'ASSESSOR' as never, sub: 'assessor-1' }, 'FORBIDDEN', /may not do this/],
    ['another city’s CITY_ADMIN', { role: 'CITY_ADMIN' as never, sub: 'city-2', city: otherCity }, 'FORBIDDEN', /may not act in/],
    [
      'another organisation’s BASE_OPERATOR',
      { role: 'BASE_OPERATOR' as never, sub: 'op-2', org: other.id },
      'FORBIDDEN',
      /own organisation/,
    ],
  ];

  const db = () => graph.subgraphs.bases.db;
  const rows = (sql: string, params: unknown[] = []) => db().query(sql, params) as Promise<Record<string, Json>[]>;
  const param = (n: number) => (db().options.type === 'postgres' ? `$${n}` : '?');

  beforeAll(async () => {
    graph = await startGraph();
  });
  afterAll(() => graph?.stop());

  describe('an organisation’s contacts (更正), with their history sealed', () => {
    const CORRECT = `mutation ($input: CorrectContactsInput!) { correctContacts(input: $input) { id contacts { name title phone email } } }`;
    const HISTORY = `query ($id: ID) { organization(id: $id) { contactHistory { seq reason correctorRole correctedAt changes { field before after } } } }`;
    const correct = (input: Record<string, unknown>, viewer: ViewerClaims | undefined) =>
      graph.query<{ correctContacts: { contacts: Json[] } }>(CORRECT, { input: { organizationId: organization.id, ...input } }, viewer);
    const contactsOnRecord = () =>
      rows(`SELECT position, name, title, phone, email FROM organization_contact WHERE organization_id = ${param(1)} ORDER BY position`, [
        organization.id,
      ]);
    const stored = () =>
      rows(
        `SELECT id, seq, corrected_by, corrector_role, corrected_at, sealed FROM organization_contact_correction WHERE organization_id = ${param(1)} ORDER BY seq`,
        [organization.id],
      );
    /** everything a refused correction must leave as it was */
    const snapshot = async () => ({
      contacts: await rows('SELECT * FROM organization_contact ORDER BY id'),
      corrections: await rows('SELECT * FROM organization_contact_correction ORDER BY id'),
    });
    let original: { name: string; title: string | null; phone: string; email: string | null }[];

    beforeAll(async () => {
      original = (await contactsOnRecord()).map(({ name, title, phone, email }) => ({ name, title, phone, email }));
    });

    it('lets the organisation’s own BASE_OPERATOR correct a phone and add a contact, keeping the change, who, when and why', async () => {
      const contacts = [
        { ...original[0], phone: '028-86000001' },
        ...original.slice(1),
        { name: '周新', title: '培训主管', phone: '13900000001' },
      ];
      const response = await correct({ contacts, reason: '联系人电话变更，新增培训主管' }, operatorViewer);
      expect(response.body.errors).toBeUndefined();
      expect(response.body.data!.correctContacts.contacts).toEqual(contacts.map((c) => ({ email: null, ...c })));
      expect(await contactsOnRecord()).toEqual(contacts.map((c, position) => ({ position, email: null, ...c })));

      const history = await graph.query<{ organization: { contactHistory: Json[] } }>(HISTORY, { id: organization.id }, operatorViewer);
      expect(history.body.errors).toBeUndefined();
      const added = original.length;
      expect(history.body.data!.organization.contactHistory).toEqual([
        {
          seq: 1,
          reason: '联系人电话变更，新增培训主管',
          correctorRole: 'BASE_OPERATOR',
          correctedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
          changes: [
            { field: 'contacts[0].phone', before: original[0].phone, after: '028-86000001' },
            { field: `contacts[${added}].name`, before: null, after: '周新' },
            { field: `contacts[${added}].title`, before: null, after: '培训主管' },
            { field: `contacts[${added}].phone`, before: null, after: '13900000001' },
          ],
        },
      ]);
    });

    it('seals what changed and why at rest: the row holds who, when and the order, no name, phone or reason', async () => {
      const [row] = await stored();
      expect(row).toMatchObject({ corrected_by: 'operator-1', corrector_role: 'BASE_OPERATOR' });
      expect(Number(row.seq)).toBe(1);
      expect(row.sealed).toMatch(/^v1\.[A-Za-z0-9_-]+$/);
      for (const secret of [original[0].phone, '028-86000001', '13900000001', '周新', '联系人电话变更'])
        expect(JSON.stringify(row)).not.toContain(secret);
      // nor anywhere else in the table's text
      const all = JSON.stringify(await rows('SELECT * FROM organization_contact_correction'));
      expect(all).not.toContain('13900000001');
    });

    it('lets the city’s CITY_ADMIN remove a contact and clear a title; the history grows in order', async () => {
      const contacts = [{ ...original[0], phone: '028-86000001', title: null }, ...original.slice(1)];
      const response = await correct({ contacts, reason: '周新已离职' }, cityAdmin);
      expect(response.body.errors).toBeUndefined();
      const history = (await graph.query<{ organization: { contactHistory: Json[] } }>(HISTORY, { id: organization.id }, ADMIN)).body.data!
        .organization.contactHistory;
      expect(history.map((c: Json) => [c.seq, c.correctorRole, c.reason])).toEqual([
        [1, 'BASE_OPERATOR', '联系人电话变更，新增培训主管'],
        [2, 'CITY_ADMIN', '周新已离职'],
      ]);
      const added = original.length;
      expect(history[1].changes).toEqual([
        ...(original[0].title ? [{ field: 'contacts[0].title', before: original[0].title, after: null }] : []),
        { field: `contacts[${added}].name`, before: '周新', after: null },
        { field: `contacts[${added}].title`, before: '培训主管', after: null },
        { field: `contacts[${added}].phone`, before: '13900000001', after: null },
      ]);
      expect(await contactsOnRecord()).toHaveLength(original.length);
    });

    it('shows the history only to whom may see the contacts; who corrected, to the province only', async () => {
      for (const viewer of [operatorViewer, cityAdmin, ADMIN]) {
        const { body } = await graph.query<{ organization: { contactHistory: Json[] } }>(HISTORY, { id: organization.id }, viewer);
        expect(body.errors).toBeUndefined();
        expect(body.data!.organization.contactHistory).toHaveLength(2);
      }
      for (const [, viewer, code] of refusedViewers) {
        const response = await graph.query<{ organization: { contactHistory: Json[] | null } }>(HISTORY, { id: organization.id }, viewer);
        expect(response.body.data!.organization.contactHistory).toBeNull();
        expect(errorOf(response)?.extensions?.code).toBe(code);
      }
      const WHO = `query ($id: ID) { organization(id: $id) { contactHistory { seq correctedBy } } }`;
      const province = await graph.query<{ organization: { contactHistory: Json[] } }>(WHO, { id: organization.id }, ADMIN);
      expect(province.body.data!.organization.contactHistory).toEqual([
        { seq: 1, correctedBy: 'operator-1' },
        { seq: 2, correctedBy: 'city-1' },
      ]);
      const own = await graph.query(WHO, { id: organization.id }, operatorViewer);
      expect(errorOf(own)?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'ROLE' });
    });

    const valid = () => [{ ...original[0], phone: '028-86000009' }];
    it.each<Refusal>([
      [
        'an unknown organisation',
        () => ({ organizationId: '00000000-0000-4000-8000-000000000001', contacts: valid(), reason: '更正' }),
        ADMIN,
        'NOT_FOUND',
        /no organisation/,
      ],
      [
        'a malformed organisation id',
        () => ({ organizationId: 'nope', contacts: valid(), reason: '更正' }),
        ADMIN,
        'BAD_USER_INPUT',
        /organizationId/,
      ],
      ['an empty reason', () => ({ contacts: valid(), reason: '' }), ADMIN, 'BAD_USER_INPUT', /reason is required/],
      ['a blank reason', () => ({ contacts: valid(), reason: '   ' }), ADMIN, 'BAD_USER_INPUT', /reason is required/],
      [
        'an invalid phone',
        () => ({ contacts: [{ ...original[0], phone: 'call me' }], reason: '更正' }),
        ADMIN,
        'BAD_USER_INPUT',
        /not a phone number/,
      ],
      [
        'an invalid e-mail',
        () => ({ contacts: [{ ...original[0], email: 'at-nowhere' }], reason: '更正' }),
        ADMIN,
        'BAD_USER_INPUT',
        /not an email/,
      ],
      [
        'a nameless contact',
        () => ({ contacts: [{ ...original[0], name: ' ' }], reason: '更正' }),
        ADMIN,
        'BAD_USER_INPUT',
        /name is required/,
      ],
      ['no contacts at all', () => ({ contacts: [], reason: '更正' }), ADMIN, 'BAD_USER_INPUT', /one to five/],
      [
        'six contacts',
        () => ({ contacts: Array.from({ length: 6 }, () => original[0]), reason: '更正' }),
        ADMIN,
        'BAD_USER_INPUT',
        /one to five/,
      ],
      ...refusedViewers.map(([who, viewer, code, message]): Refusal => [
        who,
        () => ({ contacts: valid(), reason: '更正' }),
        viewer,
        code,
        message,
      ]),
    ])('refuses %s with a stable code, writing nothing', async (_case, input, viewer, code, message) => {
      const before = await snapshot();
      const response = await correct(input(), viewer);
      expect(response.body.data?.correctContacts ?? null).toBeNull();
      expect(errorOf(response)?.extensions?.code).toBe(code);
      expect(errorOf(response)?.message).toMatch(message);
      expect(await snapshot()).toEqual(before);
    });

    it('refuses a list that changes nothing (NOTHING_CHANGED), writing nothing', async () => {
      const current = (await contactsOnRecord()).map(({ name, title, phone, email }) => ({ name, title, phone, email }));
      const before = await snapshot();
      const response = await correct({ contacts: current, reason: '核对无误' }, operatorViewer);
      expect(errorOf(response)?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'NOTHING_CHANGED' });
      expect(await snapshot()).toEqual(before);
    });

    it('loses no correction when several arrive at once: each kept in turn or refused with CONFLICT', async () => {
      const phones = ['028-87000001', '028-87000002', '028-87000003', '028-87000004'];
      const current = (await contactsOnRecord()).map(({ name, title, phone, email }) => ({ name, title, phone, email }));
      const seqBefore = (await stored()).length;
      const responses = await Promise.all(
        phones.map((phone) =>
          correct({ contacts: [{ ...current[0], phone }, ...current.slice(1)], reason: `改为 ${phone}` }, operatorViewer),
        ),
      );
      const accepted = responses.filter((r) => !r.body.errors);
      expect(accepted.length).toBeGreaterThanOrEqual(1);
      for (const r of responses.filter((r) => r.body.errors)) expect(errorOf(r)?.extensions?.code).toBe('CONFLICT');
      const history = (await graph.query<{ organization: { contactHistory: Json[] } }>(HISTORY, { id: organization.id }, ADMIN)).body.data!
        .organization.contactHistory;
      const latest = history.slice(seqBefore);
      expect(latest.map((c: Json) => c.seq)).toEqual(latest.map((_: Json, i: number) => seqBefore + i + 1));
      expect(latest).toHaveLength(accepted.length);
      // each correction starts where the one before it ended, and the record ends where the last one did
      let phone = current[0].phone;
      for (const c of latest) {
        const change = c.changes.find((ch: Json) => ch.field === 'contacts[0].phone');
        expect(change.before).toBe(phone);
        phone = change.after;
      }
      expect((await contactsOnRecord())[0].phone).toBe(phone);
    });
  });

  describe('a base’s conditions (申报条件), corrected with their history', () => {
    const CORRECT = `mutation ($input: CorrectBaseConditionsInput!) { correctBaseConditions(input: $input) { id conditions { facilities courseSystem managementSystem } fields } }`;
    const HISTORY = `query ($id: ID!) { base(id: $id) { conditionHistory { seq reason correctorRole changes { field before after } } } }`;
    const correct = (input: Record<string, unknown>, viewer: ViewerClaims | undefined, baseId = base.id) =>
      graph.query<{ correctBaseConditions: { conditions: Json; fields: string[] } }>(CORRECT, { input: { baseId, ...input } }, viewer);
    const snapshot = async () => ({
      profiles: await rows('SELECT * FROM base_profile ORDER BY base_id'),
      fields: await rows('SELECT * FROM base_field ORDER BY base_id, field'),
      corrections: await rows('SELECT * FROM base_condition_correction ORDER BY id'),
    });
    let original: { facilities: string; courseSystem: string; managementSystem: string; fields: string[] };

    beforeAll(async () => {
      const { body } = await graph.query<{ base: typeof original & { conditions: Omit<typeof original, 'fields'> } }>(
        'query ($id: ID!) { base(id: $id) { conditions { facilities courseSystem managementSystem } fields } }',
        { id: base.id },
      );
      original = { ...body.data!.base.conditions, fields: body.data!.base.fields };
    });

    it('lets the base’s operator correct its facilities; the public reads the correction', async () => {
      const response = await correct(
        { facilities: '新建实训车间 3000 平方米，设备 120 台套', reason: '新实训车间投入使用' },
        operatorViewer,
      );
      expect(response.body.errors).toBeUndefined();
      expect(response.body.data!.correctBaseConditions.conditions).toEqual({
        facilities: '新建实训车间 3000 平方米，设备 120 台套',
        courseSystem: original.courseSystem,
        managementSystem: original.managementSystem,
      });
      const { body } = await graph.query<{ base: { conditionHistory: Json[] } }>(HISTORY, { id: base.id });
      expect(body.errors).toBeUndefined();
      expect(body.data!.base.conditionHistory).toEqual([
        {
          seq: 1,
          reason: '新实训车间投入使用',
          correctorRole: 'BASE_OPERATOR',
          changes: [{ field: 'facilities', before: original.facilities, after: '新建实训车间 3000 平方米，设备 120 台套' }],
        },
      ]);
      const [row] = await rows(
        `SELECT base_id, seq, corrected_by, corrector_role, reason FROM base_condition_correction WHERE base_id = ${param(1)}`,
        [base.id],
      );
      expect(row).toMatchObject({
        base_id: base.id,
        corrected_by: 'operator-1',
        corrector_role: 'BASE_OPERATOR',
        reason: '新实训车间投入使用',
      });
    });

    it('lets the city’s CITY_ADMIN correct the course system and the fields; unchanged values are not recorded', async () => {
      const fields = [...new Set([...original.fields, 'RURAL_REVITALIZATION'])].sort();
      const changedFields = fields.join(',') !== original.fields.join(',');
      const response = await correct(
        { courseSystem: '模块化课程 + 订单式培养', managementSystem: original.managementSystem, fields, reason: '课程体系调整' },
        cityAdmin,
      );
      expect(response.body.errors).toBeUndefined();
      expect(response.body.data!.correctBaseConditions.fields).toEqual(fields);
      const { body } = await graph.query<{ base: { conditionHistory: Json[] } }>(HISTORY, { id: base.id });
      expect(body.data!.base.conditionHistory[1]).toEqual({
        seq: 2,
        reason: '课程体系调整',
        correctorRole: 'CITY_ADMIN',
        changes: [
          { field: 'courseSystem', before: original.courseSystem, after: '模块化课程 + 订单式培养' },
          ...(changedFields ? [{ field: 'fields', before: original.fields.join(','), after: fields.join(',') }] : []),
        ],
      });
    });

    it('shows who corrected to the province only', async () => {
      const WHO = 'query ($id: ID!) { base(id: $id) { conditionHistory { correctedBy } } }';
      const province = await graph.query<{ base: { conditionHistory: Json[] } }>(WHO, { id: base.id }, ADMIN);
      expect(province.body.data!.base.conditionHistory).toEqual([{ correctedBy: 'operator-1' }, { correctedBy: 'city-1' }]);
      for (const viewer of [undefined, operatorViewer, cityAdmin])
        expect(['UNAUTHENTICATED', 'FORBIDDEN']).toContain(errorOf(await graph.query(WHO, { id: base.id }, viewer))?.extensions?.code);
    });

    it.each<Refusal>([
      [
        'an unknown base',
        () => ({ baseId: '00000000-0000-4000-8000-000000000002', facilities: '有', reason: '更正' }),
        ADMIN,
        'NOT_FOUND',
        /no base/,
      ],
      ['an empty reason', () => ({ facilities: '有', reason: '' }), ADMIN, 'BAD_USER_INPUT', /reason is required/],
      ['nothing to correct', () => ({ reason: '更正' }), ADMIN, 'BAD_USER_INPUT', /at least one of/],
      [
        'values already on record',
        () => ({ managementSystem: original.managementSystem, reason: '更正' }),
        ADMIN,
        'BAD_USER_INPUT',
        /nothing to correct/,
      ],
      ['blank facilities', () => ({ facilities: '  ', reason: '更正' }), ADMIN, 'BAD_USER_INPUT', /facilities is required/],
      ['no fields', () => ({ fields: [], reason: '更正' }), ADMIN, 'BAD_USER_INPUT', /at least one field/],
      ...refusedViewers.map(([who, viewer, code, message]): Refusal => [
        who,
        () => ({ facilities: '有', reason: '更正' }),
        viewer,
        code,
        message,
      ]),
    ])('refuses %s with a stable code, writing nothing', async (_case, input, viewer, code, message) => {
      const before = await snapshot();
      const response = await correct(input(), viewer);
      expect(response.body.data?.correctBaseConditions ?? null).toBeNull();
      expect(errorOf(response)?.extensions?.code).toBe(code);
      expect(errorOf(response)?.message).toMatch(message);
      expect(await snapshot()).toEqual(before);
    });

    it('records conditions for a base that had none only when all three are given', async () => {
      const bare = program.bases.find((b) => b.id !== base.id && b.operatorId !== organization.id)!;
      await db().query(`DELETE FROM base_profile WHERE base_id = ${param(1)}`, [bare.id]);
      const before = await snapshot();
      const partial = await correct({ facilities: '有', reason: '补录申报条件' }, ADMIN, bare.id);
      expect(errorOf(partial)?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'courseSystem' });
      expect(errorOf(partial)?.message).toMatch(/no conditions on record/);
      expect(await snapshot()).toEqual(before);
      const whole = await correct(
        { facilities: '实训室', courseSystem: '课程', managementSystem: '制度', reason: '补录申报条件' },
        ADMIN,
        bare.id,
      );
      expect(whole.body.errors).toBeUndefined();
      const { body } = await graph.query<{ base: { conditionHistory: Json[] } }>(HISTORY, { id: bare.id });
      expect(body.data!.base.conditionHistory[0].changes).toEqual([
        { field: 'facilities', before: null, after: '实训室' },
        { field: 'courseSystem', before: null, after: '课程' },
        { field: 'managementSystem', before: null, after: '制度' },
      ]);
    });
  });

  describe('one pending application per organisation, brand and tier', () => {
    const SUBMIT = 'mutation ($input: SubmitApplicationInput!) { submitApplication(input: $input) { id status } }';
    const publicBrands = program.brands.filter((b) => b.level === 'PUBLIC_BRAND');
    const submit = (brandId: string, tier: string, name = '测试辅基地', viewer: ViewerClaims = operatorViewer) =>
      graph.query<{ submitApplication: { id: string; status: string } }>(
        SUBMIT,
        {
          input: {
            kind: 'BASE',
            organizationId: organization.id,
            name,
            tier,
            brandIds: [brandId],
            conditions: { facilities: '实训车间', courseSystem: '模块化课程', managementSystem: '制度健全' },
            fields: ['MODERN_SERVICES'],
          },
        },
        viewer,
      );
    const pendingOf = async (brandId: string, tier: string) =>
      rows(
        `SELECT id FROM application WHERE organization_id = ${param(1)} AND brand_id = ${param(2)} AND tier = ${param(3)} AND status IN ('SUBMITTED', 'PRELIMINARY_REVIEW')`,
        [organization.id, brandId, tier],
      );
    const count = async (table: string) => Number((await rows(`SELECT COUNT(*) AS n FROM ${table}`))[0].n);
    /** brands for which this organisation has no pending application of the tier */
    const freeBrands = async (tier: string) => {
      const free: string[] = [];
      for (const brand of program.brands) if (!(await pendingOf(brand.id, tier)).length) free.push(brand.id);
      return free;
    };

    it('refuses a second pending application with CONFLICT, through 初审 too, writing nothing', async () => {
      const [brandId] = await freeBrands('AUXILIARY');
      const first = await submit(brandId, 'AUXILIARY');
      expect(first.body.errors).toBeUndefined();
      const firstId = first.body.data!.submitApplication.id;
      const before = { applications: await count('application'), steps: await count('application_step') };
      const second = await submit(brandId, 'AUXILIARY', '测试辅基地（再次申报）', cityAdmin);
      expect(errorOf(second)?.extensions).toMatchObject({ code: 'CONFLICT', reason: 'PENDING_APPLICATION_EXISTS', applicationId: firstId });
      expect(errorOf(second)?.message).toMatch(/already has a pending application/);
      await graph.query(
        'mutation ($id: ID!) { passPreliminaryReview(input: { id: $id, opinion: "通过初审" }) { id } }',
        { id: firstId },
        ADMIN,
      );
      const third = await submit(brandId, 'AUXILIARY', '测试辅基地（初审后再申报）', ADMIN);
      expect(errorOf(third)?.extensions).toMatchObject({ code: 'CONFLICT', reason: 'PENDING_APPLICATION_EXISTS' });
      expect({ applications: await count('application'), steps: await count('application_step') }).toEqual({
        applications: before.applications,
        steps: before.steps + 1,
      });
      expect(await pendingOf(brandId, 'AUXILIARY')).toEqual([{ id: firstId }]);
    });

    it('lets another tier, another brand or an institution application through', async () => {
      const mainFree = new Set(await freeBrands('MAIN'));
      const [brandId, otherBrand] = (await freeBrands('AUXILIARY')).filter((b) => mainFree.has(b));
      expect((await submit(brandId, 'AUXILIARY')).body.errors).toBeUndefined();
      expect((await submit(brandId, 'MAIN', '测试主基地')).body.errors).toBeUndefined();
      expect((await submit(otherBrand, 'AUXILIARY')).body.errors).toBeUndefined();
      const institution = (occupation: string) =>
        graph.query(
          SUBMIT,
          {
            input: {
              kind: 'INSTITUTION',
              organizationId: organization.id,
              name: '测试作业机构',
              brandIds: [brandId],
              services: ['TRAINING'],
              occupations: [occupation],
            },
          },
          operatorViewer,
        );
      expect((await institution('中式烹调师')).body.errors).toBeUndefined();
      expect((await institution('中式面点师')).body.errors).toBeUndefined();
    });

    it('does not count decided applications: after a rejection or a selection a new one is accepted', async () => {
      const [rejectedBrand, selectedBrand] = await freeBrands('AUXILIARY');
      const rejected = (await submit(rejectedBrand, 'AUXILIARY')).body.data!.submitApplication.id;
      const rejection = await graph.query(
        'mutation ($id: ID!) { rejectApplication(input: { id: $id, opinion: "材料不全" }) { status } }',
        { id: rejected },
        ADMIN,
      );
      expect(rejection.body.errors).toBeUndefined();
      expect((await submit(rejectedBrand, 'AUXILIARY', '测试辅基地（补齐材料）')).body.errors).toBeUndefined();

      const selected = (await submit(selectedBrand, 'AUXILIARY')).body.data!.submitApplication.id;
      await graph.query(
        'mutation ($id: ID!) { passPreliminaryReview(input: { id: $id, opinion: "通过" }) { id } }',
        { id: selected },
        ADMIN,
      );
      const selection = await graph.query(
        'mutation ($id: ID!) { selectApplication(input: { id: $id, decisionReference: "川人社函〔2026〕11号", opinion: "予以遴选" }) { status } }',
        { id: selected },
        ADMIN,
      );
      expect(selection.body.errors).toBeUndefined();
      expect((await submit(selectedBrand, 'AUXILIARY', '测试辅基地（第二个）')).body.errors).toBeUndefined();
    });

    it('keeps exactly one when several are submitted at once: the others get CONFLICT and nothing of theirs is written', async () => {
      const [brandId] = await freeBrands('MAIN');
      const before = { applications: await count('application'), steps: await count('application_step') };
      const responses = await Promise.all(
        [operatorViewer, cityAdmin, ADMIN, operatorViewer, cityAdmin].map((viewer, i) => submit(brandId, 'MAIN', `同时申报 ${i}`, viewer)),
      );
      const accepted = responses.filter((r) => !r.body.errors);
      expect(accepted).toHaveLength(1);
      for (const r of responses.filter((r) => r.body.errors))
        expect(errorOf(r)?.extensions).toMatchObject({ code: 'CONFLICT', reason: 'PENDING_APPLICATION_EXISTS' });
      expect(await pendingOf(brandId, 'MAIN')).toEqual([{ id: accepted[0].body.data!.submitApplication.id }]);
      expect({ applications: await count('application'), steps: await count('application_step') }).toEqual({
        applications: before.applications + 1,
        steps: before.steps + 1,
      });
    });

    it('is held by the database itself: a second pending row is refused, a rejected one is not', async () => {
      const [pending] = await rows("SELECT * FROM application WHERE kind = 'BASE' AND status = 'SUBMITTED'");
      const copy = (status: string) => {
        const row = { ...pending, id: `00000000-0000-4000-8000-${randomBytes(6).toString('hex')}`, status };
        const columns = Object.keys(row);
        return db().query(
          `INSERT INTO application (${columns.join(', ')}) VALUES (${columns.map((_, i) => param(i + 1)).join(', ')})`,
          Object.values(row),
        );
      };
      const before = await count('application');
      await expect(copy('SUBMITTED')).rejects.toThrow(/unique|duplicate/i);
      await expect(copy('PRELIMINARY_REVIEW')).rejects.toThrow(/unique|duplicate/i);
      expect(await count('application')).toBe(before);
      await copy('REJECTED');
      await copy('REJECTED');
      expect(await count('application')).toBe(before + 2);
    });

    it('is not created over a database that breaks it: the migration names the duplicates and changes nothing', async () => {
      const MIGRATION = 'OnePendingApplication1700000002710';
      const runner = db().createQueryRunner();
      try {
        await runner.dropIndex('application', 'uq_application_pending');
      } finally {
        await runner.release();
      }
      await db().query(`DELETE FROM schema_migrations WHERE name = '${MIGRATION}'`);
      const [pending] = await rows("SELECT * FROM application WHERE kind = 'BASE' AND status = 'SUBMITTED'");
      const duplicate = { ...pending, id: `00000000-0000-4000-8000-${randomBytes(6).toString('hex')}` };
      const columns = Object.keys(duplicate);
      await db().query(
        `INSERT INTO application (${columns.join(', ')}) VALUES (${columns.map((_, i) => param(i + 1)).join(', ')})`,
        Object.values(duplicate),
      );
      await expect(db().runMigrations({ transaction: 'each' })).rejects.toThrow(
        new RegExp(
          `1 organisation/brand/tier hold more than one pending application \\(organisation ${pending.organization_id}, brand ${pending.brand_id}, ${pending.tier}: 2\\)`,
        ),
      );
      // once the department has decided, it runs
      await db().query(`UPDATE application SET status = 'REJECTED' WHERE id = ${param(1)}`, [duplicate.id]);
      expect((await db().runMigrations({ transaction: 'each' })).map((m) => m.name)).toEqual([MIGRATION]);
      await expect(db().query(`UPDATE application SET status = 'SUBMITTED' WHERE id = ${param(1)}`, [duplicate.id])).rejects.toThrow(
        /unique|duplicate/i,
      );
    });

    it('holds in the seeded program', async () => {
      const duplicates = await rows(
        `SELECT organization_id, brand_id, tier FROM application WHERE kind = 'BASE' AND status IN ('SUBMITTED', 'PRELIMINARY_REVIEW') GROUP BY organization_id, brand_id, tier HAVING COUNT(*) > 1`,
      );
      expect(duplicates).toEqual([]);
      expect(publicBrands.length).toBe(5);
    });
  });
});

/** The seed at the sizes the program office runs keeps the rule: seeding runs after the migration, so a breach would fail the start. */
describe('the seeded applications at scale 1 and 10', () => {
  it.each([1, 10])(
    'scale %d: one pending application per organisation, brand and tier',
    async (scale) => {
      const running = await startSubgraph(bases, {
        database: { kind: 'sqlite', file: ':memory:' },
        program: { seed: DEFAULT_PROGRAM.seed, scale },
        gatewaySecret: randomBytes(32).toString('hex'),
        graphUrl: 'http://127.0.0.1:9/graphql',
      });
      try {
        const [{ pending }] = await running.db.query(
          "SELECT COUNT(*) AS pending FROM application WHERE kind = 'BASE' AND status IN ('SUBMITTED', 'PRELIMINARY_REVIEW')",
        );
        expect(Number(pending)).toBeGreaterThanOrEqual(24 * scale);
        const duplicates = await running.db.query(
          `SELECT organization_id, brand_id, tier FROM application WHERE kind = 'BASE' AND status IN ('SUBMITTED', 'PRELIMINARY_REVIEW') GROUP BY organization_id, brand_id, tier HAVING COUNT(*) > 1`,
        );
        expect(duplicates).toEqual([]);
      } finally {
        await running.stop();
      }
    },
    120_000,
  );
});
