import { Role, type ViewerClaims } from '@skills-sichuan/runtime';
import { generateProgram } from './program';
import { sqlDuring, startGraph, TEST_PROGRAM, type Graph, type GraphResponse, type Json } from './graph';

const ADMIN: ViewerClaims = { role: Role.PROVINCIAL_ADMIN, sub: 'dept-admin' };
const TABLES = [
  'brand',
  'brand_element',
  'standard',
  'standard_brand',
  'standard_drafter',
  'ip_registration',
  'usage_qualification',
  'cluster_usage_standard',
  'usage_licence',
  'infringement_report',
];

/** The brands & standards subgraph through the gateway: the brand matrix, its elements, the standard system, IP and brand usage. */
describe('brands & standards', () => {
  let graph: Graph;
  const program = generateProgram(TEST_PROGRAM);
  const publicBrand = (code: string) => program.brands.find((b) => b.code === code)!;
  const digital = publicBrand('DIGITAL_CRAFTSMAN');
  const subBrand = program.brands.find((b) => b.code === 'DIGITAL_CRAFTSMAN.AI_TRAINER')!;
  const organization = program.organizations.find((o) => o.kind === 'COLLEGE')!;

  /** rows in every table of the brands database: what a refused write must leave as it was */
  const rowCounts = async () => {
    const counts: Record<string, number> = {};
    for (const table of TABLES) counts[table] = Number((await graph.subgraphs.brands.db.query(`SELECT COUNT(*) AS n FROM ${table}`))[0].n);
    return counts;
  };
  const admin = <T = Record<string, Json>>(query: string, variables?: Record<string, unknown>) => graph.query<T>(query, variables, ADMIN);

  beforeAll(async () => {
    graph = await startGraph();
  });
  afterAll(() => graph?.stop());

  describe('the brand matrix', () => {
    it('lists the five public brands in the plan’s order with their 2025 targets and sub-brands', async () => {
      const { body } = await graph.query(
        `{ brands(level: PUBLIC_BRAND) { code name sector trainingTarget { personTimes deadline } subBrands { code level parent { code } } } }`,
      );
      expect(body.errors).toBeUndefined();
      const brands = body.data!.brands;
      expect(brands.map((b: { code: string }) => b.code)).toEqual([
        'NEW_FARMER',
        'CONSTRUCTION_WORKER',
        'SICHUAN_CHEF',
        'TECHNICIAN',
        'DIGITAL_CRAFTSMAN',
      ]);
      expect(brands.map((b: { trainingTarget: { personTimes: number } }) => b.trainingTarget.personTimes)).toEqual([
        50_000, 150_000, 25_000, 50_000, 25_000,
      ]);
      expect(brands.every((b: { trainingTarget: { deadline: string } }) => b.trainingTarget.deadline === '2025-12-31')).toBe(true);
      for (const brand of brands) {
        expect(brand.subBrands).toHaveLength(3);
        expect(
          brand.subBrands.every(
            (s: { level: string; parent: { code: string } }) => s.level === 'SUB_BRAND' && s.parent.code === brand.code,
          ),
        ).toBe(true);
      }
    });

    it('filters by level, sector and parent across the three industries', async () => {
      const { body } = await graph.query(
        `query ($parent: ID) {
        tertiary: brands(level: SUB_BRAND, sector: TERTIARY) { code sector level }
        children: brands(parentId: $parent) { code }
      }`,
        { parent: digital.id },
      );
      const tertiary = body.data!.tertiary;
      expect(tertiary.map((b: { code: string }) => b.code).sort()).toEqual(
        program.brands
          .filter((b) => b.level === 'SUB_BRAND' && b.sector === 'TERTIARY')
          .map((b) => b.code)
          .sort(),
      );
      expect(tertiary.every((b: { sector: string; level: string }) => b.sector === 'TERTIARY' && b.level === 'SUB_BRAND')).toBe(true);
      expect(body.data!.children.map((b: { code: string }) => b.code)).toEqual([
        'DIGITAL_CRAFTSMAN.INDUSTRIAL_INTERNET',
        'DIGITAL_CRAFTSMAN.INTEGRATED_CIRCUIT',
        'DIGITAL_CRAFTSMAN.AI_TRAINER',
      ]);
    });

    it('shows each brand’s current elements and keeps every version', async () => {
      const { body } = await graph.query(`{ brand(code: "DIGITAL_CRAFTSMAN") {
        elements { kind version content adoptedOn }
        elementHistory(kind: SLOGAN) { version content }
      } }`);
      const { elements, elementHistory } = body.data!.brand;
      expect(elements.map((e: { kind: string }) => e.kind)).toEqual(['NAME', 'LOGO', 'SYMBOL', 'SLOGAN']);
      expect(elements.find((e: { kind: string }) => e.kind === 'NAME').content).toBe('天府数智工匠');
      expect(elements.find((e: { kind: string }) => e.kind === 'LOGO')).toMatchObject({
        version: 2,
        content: 'brand-assets/DIGITAL_CRAFTSMAN/logo-v2.svg',
      });
      expect(elementHistory.map((e: { version: number }) => e.version)).toEqual([2, 1]);
    });

    it('adds a sub-brand and revises an element for PROVINCIAL_ADMIN', async () => {
      const created = await admin(
        `mutation ($parent: ID!) { createSubBrand(input: { parentId: $parent, suffix: "DATA_ANNOTATION", name: "天府数据标注师", sector: TERTIARY }) { code level parent { code } trainingTarget { personTimes } } }`,
        { parent: digital.id },
      );
      expect(created.body.errors).toBeUndefined();
      expect(created.body.data!.createSubBrand).toEqual({
        code: 'DIGITAL_CRAFTSMAN.DATA_ANNOTATION',
        level: 'SUB_BRAND',
        parent: { code: 'DIGITAL_CRAFTSMAN' },
        trainingTarget: null,
      });

      const revised = await admin(
        `mutation ($brand: ID!) { reviseBrandElement(input: { brandId: $brand, kind: SLOGAN, content: "数智工匠，智造天府", adoptedOn: "2026-01-01" }) { version content } }`,
        { brand: digital.id },
      );
      expect(revised.body.data!.reviseBrandElement).toEqual({ version: 3, content: '数智工匠，智造天府' });
      const { body } = await graph.query(`{ brand(code: "DIGITAL_CRAFTSMAN") { elementHistory(kind: SLOGAN) { version } } }`);
      expect(body.data!.brand.elementHistory.map((e: { version: number }) => e.version)).toEqual([3, 2, 1]);
    });
  });

  describe('the standard system', () => {
    it('reads standards with their brands, their drafters (from the bases subgraph) and their history', async () => {
      const { body } = await graph.query(`{ standards(category: CULTIVATION, brandId: "${digital.id}") {
        code version status publishedOn brands { code } draftedBy { name kind }
        supersedes { version status } history { version status }
      } }`);
      expect(body.errors).toBeUndefined();
      const [current, retired] = body.data!.standards;
      expect(current).toMatchObject({
        code: 'T/SCJN 501',
        version: '2.0',
        status: 'PUBLISHED',
        supersedes: { version: '1.0', status: 'RETIRED' },
      });
      expect(retired).toMatchObject({ code: 'T/SCJN 501', version: '1.0', status: 'RETIRED' });
      expect(current.history).toEqual([
        { version: '2.0', status: 'PUBLISHED' },
        { version: '1.0', status: 'RETIRED' },
      ]);
      expect(current.brands.map((b: { code: string }) => b.code)).toContain('DIGITAL_CRAFTSMAN.AI_TRAINER');
      expect(current.draftedBy[0]).toEqual({ name: '四川省软件和信息服务业协会', kind: 'INDUSTRY_ASSOCIATION' });
    });

    it('hides drafts from everyone but PROVINCIAL_ADMIN', async () => {
      const publicView = await graph.query(`{ brand(code: "DIGITAL_CRAFTSMAN") { standards(category: EVALUATION) { version status } } }`);
      expect(publicView.body.data!.brand.standards).toEqual([{ version: '1.0', status: 'PUBLISHED' }]);
      const adminView = await admin(`{ brand(code: "DIGITAL_CRAFTSMAN") { standards(category: EVALUATION) { version status } } }`);
      expect(adminView.body.data!.brand.standards).toEqual([
        { version: '1.1', status: 'DRAFT' },
        { version: '1.0', status: 'PUBLISHED' },
      ]);
      const asked = await graph.query(`{ standards(status: DRAFT) { code } }`, {}, { role: 'CITY_ADMIN', city: '510100' } as never);
      expect(asked.body.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    });

    it('drafts, publishes and revises a standard; publishing the new version retires the old one and the history stays', async () => {
      const drafted = await admin(
        `mutation ($brands: [ID!]!, $by: [ID!]!) { draftStandard(input: { code: "T/SCJN 900", title: "人工智能训练师培育规范", category: CULTIVATION, brandIds: $brands, draftedByIds: $by }) { id status version draftedBy { name } } }`,
        {
          brands: [subBrand.id],
          by: [organization.id],
        },
      );
      expect(drafted.body.errors).toBeUndefined();
      const first = drafted.body.data!.draftStandard;
      expect(first).toMatchObject({ status: 'DRAFT', version: '1.0', draftedBy: [{ name: organization.name }] });

      const publish = (id: string, on: string) =>
        admin(
          `mutation ($id: ID!, $on: Date!) { changeStandardStatus(input: { id: $id, status: PUBLISHED, effectiveOn: $on }) { status publishedOn } }`,
          { id, on },
        );
      expect((await publish(first.id, '2026-01-10')).body.data!.changeStandardStatus).toEqual({
        status: 'PUBLISHED',
        publishedOn: '2026-01-10',
      });

      const revised = await admin(
        `mutation ($id: ID!) { reviseStandard(input: { standardId: $id, version: "2.0", title: "人工智能训练师培育规范（修订）" }) { id status supersedes { id } brands { code } } }`,
        { id: first.id },
      );
      const second = revised.body.data!.reviseStandard;
      expect(second).toMatchObject({ status: 'DRAFT', supersedes: { id: first.id }, brands: [{ code: subBrand.code }] });
      await publish(second.id, '2026-06-01');

      const { body } = await graph.query(
        `query ($id: ID!) { standard(id: $id) { status retiredOn supersededBy { version status } history { version status } } }`,
        { id: first.id },
      );
      expect(body.data!.standard).toEqual({
        status: 'RETIRED',
        retiredOn: '2026-06-01',
        supersededBy: { version: '2.0', status: 'PUBLISHED' },
        history: [
          { version: '2.0', status: 'PUBLISHED' },
          { version: '1.0', status: 'RETIRED' },
        ],
      });
    });
  });

  describe('IP registrations and brand usage', () => {
    it('pages through licences in a fixed order, with every licence exactly once', async () => {
      const seen: string[] = [];
      let after: string | null = null;
      let total: number;
      do {
        const response: GraphResponse = await graph.query(
          `query ($after: String) { usageLicences(first: 7, after: $after) { nodes { licenceNumber status validFrom } pageInfo { endCursor hasNextPage } totalCount } }`,
          { after },
        );
        const page = response.body.data!.usageLicences;
        total = page.totalCount;
        seen.push(...page.nodes.map((n: { licenceNumber: string }) => n.licenceNumber));
        after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
      } while (after);
      expect(total).toBe(program.bases.length);
      expect(new Set(seen).size).toBe(total);
      expect(seen).toHaveLength(total);
    });

    it('shows the statuses as of today: revoked with their bases (and with the exits the roster made), suspended with them, pilots expired', async () => {
      const { body } = await graph.query(`{
        revoked: usageLicences(status: REVOKED, first: 500) { totalCount nodes { revocationReason revokedOn } }
        expired: usageLicences(status: EXPIRED, first: 500) { totalCount nodes { validTo } }
        suspended: usageLicences(status: SUSPENDED, first: 500) { totalCount nodes { suspendedOn suspendedByDecisionId } }
        active: usageLicences(status: ACTIVE, first: 1) { totalCount }
      }`);
      const { revoked, expired, suspended, active } = body.data!;
      // every REVOKED base's licence, and those of exited bases still running when they left
      expect(revoked.totalCount).toBeGreaterThanOrEqual(program.bases.filter((b) => b.status === 'REVOKED').length);
      expect(revoked.totalCount).toBeLessThanOrEqual(program.bases.filter((b) => b.status === 'REVOKED' || b.status === 'EXITED').length);
      expect(revoked.nodes.every((n: { revocationReason: string }) => n.revocationReason.length > 0)).toBe(true);
      expect(suspended.nodes.every((n: { suspendedByDecisionId: string | null }) => n.suspendedByDecisionId !== null)).toBe(true);
      expect(expired.totalCount).toBeGreaterThan(0);
      expect(revoked.totalCount + expired.totalCount + suspended.totalCount + active.totalCount).toBe(program.bases.length);
    });

    it('lists an organisation’s licences on the organisation the bases subgraph owns', async () => {
      const base = program.bases.find((b) => b.status === 'ACTIVE')!;
      const { body } = await graph.query(
        `query ($id: ID!) { organization(id: $id) { name usageLicences { licenceNumber brand { code } licensee { id } } } }`,
        { id: base.operatorId },
      );
      expect(body.errors).toBeUndefined();
      expect(body.data!.organization.usageLicences.length).toBeGreaterThanOrEqual(1);
      expect(body.data!.organization.usageLicences[0].licensee.id).toBe(base.operatorId);
    });

    it('reads a brand’s licences ahead with the brand, in one statement: every alias with its own arguments, as asked one by one', async () => {
      const licences = `
        fragment licences on Brand {
          all: usageLicences { id status brand { code } }
          ... on Brand { own: usageLicences(includeSubBrands: false) { id brand { code } } }
          active: usageLicences(status: $status) { id status }
        }`;
      const byId = `query ($id: ID!, $status: LicenceStatus) { brand(id: $id) { code ...licences } } ${licences}`;
      const byCode = `query ($code: String!, $status: LicenceStatus) { brand(code: $code) { code ...licences } } ${licences}`;
      // the seeded program licenses no sub-brand: one of its licences, for this test alone
      const extra = graph.subgraphs.brands.db.getRepository('UsageLicence');
      const subBrandLicence = { id: 'sub-brand-licence', licenceNumber: 'DIGITAL_CRAFTSMAN.AI_TRAINER-2026-9001', brandId: subBrand.id };
      await extra.insert({
        ...subBrandLicence,
        licenseeId: organization.id,
        scope: '在培训课程中使用子品牌标识',
        validFrom: '2026-01-01',
        validTo: '2099-12-31',
        storedStatus: 'ACTIVE',
      });
      let ahead: GraphResponse | undefined;
      let asked: GraphResponse | undefined;
      const read = await sqlDuring(graph, async () => (ahead = await graph.query(byId, { id: digital.id, status: 'ACTIVE' })));
      const unread = await sqlDuring(graph, async () => (asked = await graph.query(byCode, { code: digital.code, status: 'ACTIVE' })));
      expect(ahead!.body.errors).toBeUndefined();
      // by code the brand's id is not known before its read, so its licences are read after it
      expect(ahead!.body.data).toEqual(asked!.body.data);
      expect({ ahead: read.brands, after: unread.brands }).toEqual({ ahead: 1, after: 2 });
      type Licence = { id: string; status?: string; brand: { code: string } };
      const { all, own, active } = ahead!.body.data!.brand as Record<string, Licence[]>;
      // with its sub-brands' unless asked without them
      expect(all.every((l) => l.brand.code === digital.code || l.brand.code.startsWith(`${digital.code}.`))).toBe(true);
      expect(all.filter((l) => l.brand.code !== digital.code).map((l) => l.id)).toEqual([subBrandLicence.id]);
      expect(own.length).toBeGreaterThan(0);
      expect(own.every((l) => l.brand.code === digital.code)).toBe(true);
      expect(own.length).toBeLessThan(all.length);
      expect(active.map((l) => l.id)).toEqual(all.filter((l) => l.status === 'ACTIVE').map((l) => l.id));
      expect(active.map((l) => l.id)).toContain(subBrandLicence.id);
      await extra.delete({ id: subBrandLicence.id });
    });

    it('grants and revokes a licence, and moves a trademark from application to grant', async () => {
      // the conditions the department checks by hand are attested with the grant (the others the graph checks)
      const conditions = (
        await graph.query(`query ($id: ID!) { brand(id: $id) { usageQualifications { id kind effectiveFrom withdrawnOn } } }`, {
          id: digital.id,
        })
      ).body.data!.brand.usageQualifications as { id: string; kind: string; effectiveFrom: string; withdrawnOn: string | null }[];
      const attested = conditions
        .filter((q) => q.kind === 'ATTESTED' && q.effectiveFrom <= '2026-01-01' && !q.withdrawnOn)
        .map((q) => q.id);
      const granted = await admin(
        `mutation ($brand: ID!, $org: ID!, $attested: [ID!]) { grantUsageLicence(input: { brandId: $brand, licenseeId: $org, scope: "在培训课程和证书中使用品牌标识", validFrom: "2026-01-01", validTo: "2099-12-31", attestedQualificationIds: $attested }) { id licenceNumber status licensee { name } } }`,
        {
          brand: digital.id,
          org: organization.id,
          attested,
        },
      );
      expect(granted.body.errors).toBeUndefined();
      const licence = granted.body.data!.grantUsageLicence;
      expect(licence).toMatchObject({
        licenceNumber: 'DIGITAL_CRAFTSMAN-2026-0001',
        status: 'ACTIVE',
        licensee: { name: organization.name },
      });
      const revoked = await admin(
        `mutation ($id: ID!) { revokeUsageLicence(input: { id: $id, reason: "许可单位发生重大违规行为", revokedOn: "2026-03-01" }) { status revokedOn } }`,
        { id: licence.id },
      );
      expect(revoked.body.data!.revokeUsageLicence).toEqual({ status: 'REVOKED', revokedOn: '2026-03-01' });

      const filed = await admin(
        `mutation ($brand: ID!, $org: ID!) { fileIpRegistration(input: { kind: TRADEMARK, registrationNumber: "TM80000001", title: "“数智工匠”商标", brandId: $brand, holderId: $org, appliedOn: "2026-01-05" }) { id status holder { name } } }`,
        {
          brand: digital.id,
          org: organization.id,
        },
      );
      expect(filed.body.data!.fileIpRegistration).toMatchObject({ status: 'APPLIED', holder: { name: organization.name } });
      const grant = await admin(
        `mutation ($id: ID!) { changeIpRegistrationStatus(input: { id: $id, status: GRANTED, effectiveOn: "2026-09-01", expiresOn: "2036-08-31" }) { status grantedOn expiresOn } }`,
        { id: filed.body.data!.fileIpRegistration.id },
      );
      expect(grant.body.data!.changeIpRegistrationStatus).toEqual({ status: 'GRANTED', grantedOn: '2026-09-01', expiresOn: '2036-08-31' });
    });

    it('keeps usage rules: adds and withdraws a qualification condition, adds a cluster standard, sets a target', async () => {
      const added = await admin(
        `mutation ($b: ID!) { addUsageQualification(input: { brandId: $b, requirement: "已建立数据安全管理制度", effectiveFrom: "2026-01-01" }) { id requirement } }`,
        { b: subBrand.id },
      );
      const id = added.body.data!.addUsageQualification.id;
      const cluster = await admin(
        `mutation ($b: ID!) { addClusterUsageStandard(input: { brandId: $b, cluster: "成都人工智能产业集群", cityCode: "510100", requirements: "集群内企业须与品牌基地共建人工智能训练师实训岗位", effectiveFrom: "2026-01-01" }) { cluster city { code name } } }`,
        { b: subBrand.id },
      );
      expect(cluster.body.data!.addClusterUsageStandard).toEqual({
        cluster: '成都人工智能产业集群',
        city: { code: '510100', name: '成都市' },
      });
      const target = await admin(
        `mutation ($b: ID!) { setTrainingTarget(input: { brandId: $b, personTimes: 3000, deadline: "2026-12-31", countsFrom: "2026-01-01" }) { trainingTarget { personTimes deadline countsFrom } } }`,
        { b: subBrand.id },
      );
      expect(target.body.data!.setTrainingTarget.trainingTarget).toEqual({
        personTimes: 3000,
        deadline: '2026-12-31',
        countsFrom: '2026-01-01',
      });

      const read = async () =>
        (
          await graph.query(`query ($b: ID!) { brand(id: $b) { usageQualifications { id } clusterUsageStandards { cluster } } }`, {
            b: subBrand.id,
          })
        ).body.data!.brand;
      expect((await read()).usageQualifications.map((q: { id: string }) => q.id)).toContain(id);
      const withdrawn = await admin(
        `mutation ($id: ID!) { withdrawUsageQualification(input: { id: $id, withdrawnOn: "2026-06-30" }) { withdrawnOn } }`,
        { id },
      );
      expect(withdrawn.body.data!.withdrawUsageQualification.withdrawnOn).toBe('2026-06-30');
      expect((await read()).usageQualifications.map((q: { id: string }) => q.id)).not.toContain(id);
      const again = await admin(
        `mutation ($id: ID!) { withdrawUsageQualification(input: { id: $id, withdrawnOn: "2026-07-01" }) { withdrawnOn } }`,
        { id },
      );
      expect(again.body.errors?.[0].extensions?.code).toBe('INVALID_TRANSITION');
    });

    it('tracks an infringement report to its conclusion, readable by a CITY_ADMIN for its own city only', async () => {
      const filed = await admin(
        `mutation ($brand: ID!) { fileInfringementReport(input: { brandId: $brand, reporter: "群众举报（匿名）", suspect: "绵阳某培训机构", description: "宣传中冒用天府数智工匠品牌标识招揽学员", cityCode: "510700", filedOn: "2026-02-01" }) { id status } }`,
        { brand: digital.id },
      );
      const id = filed.body.data!.fileInfringementReport.id;
      await admin(`mutation ($id: ID!) { startInfringementInvestigation(input: { id: $id, startedOn: "2026-02-05" }) { status } }`, { id });
      const concluded = await admin(
        `mutation ($id: ID!) { concludeInfringementReport(input: { id: $id, finding: CONFIRMED, conclusion: "经查属实，已责令停止使用", concludedOn: "2026-03-01" }) { status finding investigationStartedOn concludedOn city { code } } }`,
        { id },
      );
      expect(concluded.body.data!.concludeInfringementReport).toEqual({
        status: 'CONCLUDED',
        finding: 'CONFIRMED',
        investigationStartedOn: '2026-02-05',
        concludedOn: '2026-03-01',
        city: { code: '510700' },
      });

      const mianyang = await graph.query(`{ infringementReports(first: 500) { totalCount nodes { city { code } } } }`, {}, {
        role: 'CITY_ADMIN',
        city: '510700',
      } as never);
      expect(mianyang.body.data!.infringementReports.nodes.every((n: { city: { code: string } }) => n.city.code === '510700')).toBe(true);
      const all = await admin(`{ infringementReports(first: 500) { totalCount } }`);
      expect(all.body.data!.infringementReports.totalCount).toBeGreaterThan(mianyang.body.data!.infringementReports.totalCount);
      const anonymous = await graph.query(`{ infringementReports(first: 5) { totalCount } }`);
      expect(anonymous.body.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    });
  });

  describe('bad input: a clear error with a stable code, and nothing written', () => {
    const UNKNOWN = '00000000-0000-4000-8000-000000000000';
    const cases: [string, string, () => Record<string, unknown>, string, RegExp][] = [
      [
        'an unknown parent',
        `mutation ($p: ID!) { createSubBrand(input: { parentId: $p, suffix: "X_RAY", name: "测试品牌", sector: PRIMARY }) { code } }`,
        () => ({ p: UNKNOWN }),
        'NOT_FOUND',
        /no brand has the id/,
      ],
      [
        'a sub-brand of a sub-brand',
        `mutation ($p: ID!) { createSubBrand(input: { parentId: $p, suffix: "DEEPER", name: "三级品牌", sector: TERTIARY }) { code } }`,
        () => ({ p: subBrand.id }),
        'BAD_USER_INPUT',
        /two levels deep/,
      ],
      [
        'a duplicate sub-brand code',
        `mutation ($p: ID!) { createSubBrand(input: { parentId: $p, suffix: "AI_TRAINER", name: "另一个训练师", sector: TERTIARY }) { code } }`,
        () => ({ p: digital.id }),
        'CONFLICT',
        /exists already/,
      ],
      [
        'an element of an unknown brand',
        `mutation ($b: ID!) { reviseBrandElement(input: { brandId: $b, kind: SLOGAN, content: "口号", adoptedOn: "2026-01-01" }) { version } }`,
        () => ({ b: UNKNOWN }),
        'NOT_FOUND',
        /no brand/,
      ],
      [
        'a duplicate standard code',
        `mutation ($b: [ID!]!) { draftStandard(input: { code: "T/SCJN 501", title: "重复的标准", category: CULTIVATION, brandIds: $b, draftedByIds: [] }) { id } }`,
        () => ({ b: [digital.id] }),
        'CONFLICT',
        /exists already/,
      ],
      [
        'a standard for an unknown brand',
        `mutation ($b: [ID!]!) { draftStandard(input: { code: "T/SCJN 999", title: "无主的标准", category: CULTIVATION, brandIds: $b, draftedByIds: [] }) { id } }`,
        () => ({ b: [UNKNOWN] }),
        'NOT_FOUND',
        /no brand/,
      ],
      [
        'a standard drafted by an unknown organisation',
        `mutation ($b: [ID!]!, $o: [ID!]!) { draftStandard(input: { code: "T/SCJN 998", title: "来历不明的标准", category: CULTIVATION, brandIds: $b, draftedByIds: $o }) { id } }`,
        () => ({ b: [digital.id], o: [UNKNOWN] }),
        'NOT_FOUND',
        /no organisation/,
      ],
      [
        'a licence ending before it starts',
        `mutation ($b: ID!, $o: ID!) { grantUsageLicence(input: { brandId: $b, licenseeId: $o, scope: "培训使用", validFrom: "2026-06-01", validTo: "2026-05-31" }) { id } }`,
        () => ({ b: digital.id, o: organization.id }),
        'BAD_USER_INPUT',
        /precedes validFrom/,
      ],
      [
        'a licence for an unknown organisation',
        `mutation ($b: ID!, $o: ID!) { grantUsageLicence(input: { brandId: $b, licenseeId: $o, scope: "培训使用", validFrom: "2026-06-01", validTo: "2027-05-31" }) { id } }`,
        () => ({ b: digital.id, o: UNKNOWN }),
        'NOT_FOUND',
        /no organisation/,
      ],
      [
        'a duplicate registration number',
        `mutation ($b: ID!, $o: ID!) { fileIpRegistration(input: { kind: TRADEMARK, registrationNumber: "TM80000001", title: "重复商标", brandId: $b, holderId: $o, appliedOn: "2026-01-05" }) { id } }`,
        () => ({ b: digital.id, o: organization.id }),
        'CONFLICT',
        /registered already/,
      ],
    ];

    it.each(cases)('refuses %s', async (_case, mutation, variables, code, message) => {
      const before = await rowCounts();
      const { body } = await admin(mutation, variables());
      expect(body.errors?.[0].extensions?.code).toBe(code);
      expect(body.errors?.[0].message).toMatch(message);
      expect(await rowCounts()).toEqual(before);
    });

    it('refuses an illegal status move (PUBLISHED → DRAFT, RETIRED → PUBLISHED) and changes nothing', async () => {
      const { body } = await admin(`{ standards(category: CULTIVATION, brandId: "${digital.id}") { id status } }`);
      const published = body.data!.standards.find((s: { status: string }) => s.status === 'PUBLISHED');
      const retired = body.data!.standards.find((s: { status: string }) => s.status === 'RETIRED');
      const before = await graph.subgraphs.brands.db.query(`SELECT id, status, published_on, retired_on FROM standard ORDER BY id`);
      for (const [id, to] of [
        [published.id, 'DRAFT'],
        [retired.id, 'PUBLISHED'],
      ]) {
        const move = await admin(
          `mutation ($id: ID!, $to: StandardStatus!) { changeStandardStatus(input: { id: $id, status: $to, effectiveOn: "2026-01-01" }) { status } }`,
          { id, to },
        );
        expect(move.body.errors?.[0].extensions?.code).toBe('INVALID_TRANSITION');
        expect(move.body.errors?.[0].message).toMatch(/cannot become/);
      }
      expect(await graph.subgraphs.brands.db.query(`SELECT id, status, published_on, retired_on FROM standard ORDER BY id`)).toEqual(
        before,
      );
    });

    it('refuses to revoke a licence twice or without a reason', async () => {
      const { body } = await graph.query(`{ usageLicences(status: REVOKED, first: 1) { nodes { id } } }`);
      const revoked = body.data!.usageLicences.nodes[0].id;
      const active = (await graph.query(`{ usageLicences(status: ACTIVE, first: 1) { nodes { id } } }`)).body.data!.usageLicences.nodes[0]
        .id;
      const before = await rowCounts();
      const beforeRows = await graph.subgraphs.brands.db.query(`SELECT id, status, revoked_on FROM usage_licence ORDER BY id`);
      const twice = await admin(
        `mutation ($id: ID!) { revokeUsageLicence(input: { id: $id, reason: "再次收回", revokedOn: "2026-01-01" }) { id } }`,
        { id: revoked },
      );
      expect(twice.body.errors?.[0].extensions?.code).toBe('INVALID_TRANSITION');
      const noReason = await admin(
        `mutation ($id: ID!) { revokeUsageLicence(input: { id: $id, reason: "  ", revokedOn: "2026-01-01" }) { id } }`,
        { id: active },
      );
      expect(noReason.body.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      expect(noReason.body.errors?.[0].message).toMatch(/needs its reason/);
      expect(await rowCounts()).toEqual(before);
      expect(await graph.subgraphs.brands.db.query(`SELECT id, status, revoked_on FROM usage_licence ORDER BY id`)).toEqual(beforeRows);
    });

    it.each([
      ['PUBLIC', undefined, 'UNAUTHENTICATED'],
      ['a CITY_ADMIN', { role: 'CITY_ADMIN', city: '510100' }, 'FORBIDDEN'],
      ['a BASE_OPERATOR', { role: 'BASE_OPERATOR', org: '00000000-0000-4000-8000-000000000001' }, 'FORBIDDEN'],
    ])('refuses the mutations to %s', async (_who, as, code) => {
      const before = await rowCounts();
      const { body } = await graph.query(
        `mutation ($p: ID!) { createSubBrand(input: { parentId: $p, suffix: "NOT_ALLOWED", name: "越权品牌", sector: PRIMARY }) { code } }`,
        { p: digital.id },
        as as never,
      );
      expect(body.errors?.[0].extensions?.code).toBe(code);
      expect(await rowCounts()).toEqual(before);
    });
  });

  it('answers every brand’s elements, standards, IP and usage rules in a constant number of statements', async () => {
    const query = (level: string) =>
      `{ brands${level} { code elements { kind } standards { code brands { code } draftedBy { id } } ipRegistrations { title } usageQualifications { requirement } clusterUsageStandards { cluster } } }`;
    const few = await sqlDuring(graph, () => graph.query(query('(level: PUBLIC_BRAND)')));
    const all = await sqlDuring(graph, async () => {
      const { body } = await graph.query(query(''));
      expect(body.data!.brands.length).toBeGreaterThan(20);
    });
    expect(all).toEqual(few);
    expect(all.brands).toBeLessThanOrEqual(8);
  });
});
