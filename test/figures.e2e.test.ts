import { randomUUID } from 'node:crypto';
import { Role } from '@skills-sichuan/runtime';
import { todayInChina } from '@skills-sichuan/subgraph-kit';
import { sqlDuring, startGraph, type Graph, type GraphResponse, type Json, type SubgraphName } from './graph';

/**
 * The figures the program office's dashboard asks (issue 16), counted where the rows live and
 * joined through the gateway: each figure equals a count made here from the subgraph's own rows,
 * and costs the same SQL statements at 10 groups and at 1,000.
 */
describe('figures in the graph', () => {
  let graph: Graph;

  type Row = Record<string, Json>;
  const rows = (subgraph: SubgraphName, sql: string): Promise<Row[]> => graph.subgraphs[subgraph].db.query(sql);
  const data = <T = Json>(response: GraphResponse): T => {
    expect(response.body.errors).toBeUndefined();
    return response.body.data as T;
  };
  /** how many rows fall in each group, keyed by the group's values joined with | */
  const tally = <T>(items: T[], keyOf: (item: T) => unknown[], weight: (item: T) => number = () => 1) => {
    const counts = new Map<string, number>();
    for (const item of items) {
      const key = keyOf(item).join('|');
      counts.set(key, (counts.get(key) ?? 0) + weight(item));
    }
    return counts;
  };
  const asTally = (groups: Row[], keyOf: (group: Row) => unknown[], value: (group: Row) => number) =>
    new Map(groups.map((g) => [keyOf(g).join('|'), value(g)]));

  let brands: { id: string; code: string; parentId: string | null }[];
  /** a public brand and its sub-brands, by code */
  const family = (code: string) => {
    const brand = brands.find((b) => b.code === code)!;
    return new Set(brands.filter((b) => b.id === brand.id || b.parentId === brand.id).map((b) => b.id));
  };
  const PUBLIC_BRANDS = ['NEW_FARMER', 'CONSTRUCTION_WORKER', 'SICHUAN_CHEF', 'TECHNICIAN', 'DIGITAL_CRAFTSMAN'];

  beforeAll(async () => {
    // statements are what these tests count, not time: a suite's parallel workers must not turn a slow fetch into a missing figure
    graph = await startGraph({ env: { SUBGRAPH_TIMEOUT_MS: '30000' } });
    brands = (await rows('brands', 'SELECT id, code, parent_id FROM brand')).map((b) => ({
      id: b.id,
      code: b.code,
      parentId: b.parent_id,
    }));
  });
  afterAll(() => graph?.stop());

  describe('bases: Brand.baseCounts and Brand.citiesWithoutMainBase', () => {
    let bases: { id: string; brandId: string; cityCode: string; tier: string; status: string; year: number }[];
    let nationallyHonoured: Set<string>;
    let cityNames: Map<string, string>;

    beforeAll(async () => {
      bases = (
        await rows('bases', 'SELECT id, brand_id, city_code, tier, status, CAST(designated_on AS VARCHAR(10)) AS designated FROM base')
      ).map((b) => ({
        id: b.id,
        brandId: b.brand_id,
        cityCode: b.city_code,
        tier: b.tier,
        status: b.status,
        year: Number(b.designated.slice(0, 4)),
      }));
      nationallyHonoured = new Set((await rows('bases', `SELECT base_id FROM honour WHERE level = 'NATIONAL'`)).map((h) => h.base_id));
      cityNames = new Map((await rows('bases', 'SELECT code, name FROM city')).map((c) => [c.code, c.name]));
    });

    const QUERY = `{
      brands(level: PUBLIC_BRAND) {
        id code
        byCity: baseCounts(groupBy: [CITY, TIER, STATUS]) { brand { id } city { code name } tier status designatedIn count }
        total: baseCounts { count }
        own: baseCounts(groupBy: [BRAND], includeSubBrands: false) { brand { id code } count }
        bySubBrand: baseCounts(groupBy: [BRAND, TIER]) { brand { id code } tier count }
        honoured: baseCounts(groupBy: [CITY], filter: { tier: MAIN, honourLevel: NATIONAL }) { city { code } count }
        designated: baseCounts(groupBy: [DESIGNATION_YEAR], filter: { status: ACTIVE }) { designatedIn count }
      }
    }`;
    // apart: with the counts above, the list of bases would exceed the gateway's cost limit for thirty brands
    const LISTS = `{
      brands(level: PUBLIC_BRAND) {
        code
        honouredBases: bases(tier: MAIN, honourLevel: NATIONAL) { id honours { level } }
        gaps: citiesWithoutMainBase { code name }
      }
    }`;

    it('counts bases by city × tier × status for every public brand, its sub-brands rolled up, in one query', async () => {
      const answer = data<{ brands: Row[] }>(await graph.query(QUERY));
      const lists = data<{ brands: Row[] }>(await graph.query(LISTS));
      expect(answer.brands.map((b) => b.code)).toEqual(PUBLIC_BRANDS);
      expect(lists.brands.map((b) => b.code)).toEqual(PUBLIC_BRANDS);
      answer.brands.forEach((brand, i) => Object.assign(brand, lists.brands[i]));
      const TIERS = ['MAIN', 'AUXILIARY'];
      const STATUSES = ['ACTIVE', 'SUSPENDED', 'REVOKED', 'EXITED'];
      for (const brand of answer.brands) {
        const mine = bases.filter((b) => family(brand.code).has(b.brandId));
        expect(mine.length).toBeGreaterThan(0);
        const expected = [...tally(mine, (b) => [b.cityCode, b.tier, b.status])]
          .map(([key, count]) => {
            const [code, tier, status] = key.split('|');
            return { brand: null, city: { code, name: cityNames.get(code) }, tier, status, designatedIn: null, count };
          })
          .sort(
            (a, b) =>
              a.city.code.localeCompare(b.city.code) ||
              TIERS.indexOf(a.tier) - TIERS.indexOf(b.tier) ||
              STATUSES.indexOf(a.status) - STATUSES.indexOf(b.status),
          );
        expect(brand.byCity).toEqual(expected);
        expect(brand.total).toEqual([{ count: mine.length }]);
        expect(brand.own).toEqual([
          { brand: { id: brand.id, code: brand.code }, count: bases.filter((b) => b.brandId === brand.id).length },
        ]);
        expect(
          asTally(
            brand.bySubBrand,
            (g) => [g.brand.id, g.tier],
            (g) => g.count,
          ),
        ).toEqual(tally(mine, (b) => [b.brandId, b.tier]));
        expect(brand.bySubBrand.every((g: Row) => g.brand.code.startsWith(brand.code))).toBe(true);

        const honoured = mine.filter((b) => b.tier === 'MAIN' && nationallyHonoured.has(b.id));
        expect(
          asTally(
            brand.honoured,
            (g) => [g.city.code],
            (g) => g.count,
          ),
        ).toEqual(tally(honoured, (b) => [b.cityCode]));
        expect(brand.honouredBases.map((b: Row) => b.id).sort()).toEqual(honoured.map((b) => b.id).sort());
        expect(brand.honouredBases.every((b: Row) => b.honours.some((h: Row) => h.level === 'NATIONAL'))).toBe(true);

        const designated = [
          ...tally(
            mine.filter((b) => b.status === 'ACTIVE'),
            (b) => [b.year],
          ),
        ]
          .map(([year, count]) => ({ designatedIn: Number(year), count }))
          .sort((a, b) => a.designatedIn - b.designatedIn);
        expect(brand.designated).toEqual(designated);

        // 在册主基地覆盖缺口: the cities with no ACTIVE main base of the brand or its sub-brands
        const covered = new Set(mine.filter((b) => b.tier === 'MAIN' && b.status === 'ACTIVE').map((b) => b.cityCode));
        const gaps = [...cityNames].filter(([code]) => !covered.has(code)).sort(([a], [b]) => a.localeCompare(b));
        expect(brand.gaps).toEqual(gaps.map(([code, name]) => ({ code, name })));
      }
      // at the test's scale every brand misses some city, and covers some
      expect(answer.brands.every((b) => b.gaps.length > 0 && b.gaps.length < 21)).toBe(true);
    });

    it('gives a total of 0, never an empty list, and narrows by city, tier, status and year', async () => {
      const answer = data<{ brand: Row }>(
        await graph.query(`{ brand(code: "SICHUAN_CHEF") {
          none: baseCounts(filter: { designatedIn: 2001 }) { count }
          noneGrouped: baseCounts(groupBy: [CITY], filter: { designatedIn: 2001 }) { count }
          chengdu: baseCounts(groupBy: [TIER], filter: { cityCode: "510100", status: ACTIVE }) { tier count }
        } }`),
      );
      expect(answer.brand.none).toEqual([{ count: 0 }]);
      expect(answer.brand.noneGrouped).toEqual([]);
      const chef = family('SICHUAN_CHEF');
      const chengdu = bases.filter((b) => chef.has(b.brandId) && b.cityCode === '510100' && b.status === 'ACTIVE');
      expect(
        asTally(
          answer.brand.chengdu,
          (g) => [g.tier],
          (g) => g.count,
        ),
      ).toEqual(tally(chengdu, (b) => [b.tier]));
    });
  });

  describe('training: Brand.trainingOutcomes and Brand.competitionCounts', () => {
    let records: {
      brandId: string;
      cityCode: string;
      year: number;
      completed: boolean;
      certified: boolean;
      reported: boolean;
      employment: string | null;
    }[];
    let competitions: { brandId: string; cityCode: string; year: number; level: string; participants: number }[];

    beforeAll(async () => {
      records = (
        await rows(
          'training',
          `SELECT p.brand_id, p.city_code, p.year, CASE WHEN r.completed THEN 1 ELSE 0 END AS completed, r.certificate, r.employment
           FROM training_record r JOIN training_program p ON p.id = r.program_id`,
        )
      ).map((r) => ({
        brandId: r.brand_id,
        cityCode: r.city_code,
        year: Number(r.year),
        completed: Number(r.completed) === 1,
        certified: Number(r.completed) === 1 && r.certificate !== null,
        reported: Number(r.completed) === 1 && r.employment !== null,
        employment: Number(r.completed) === 1 ? r.employment : null,
      }));
      competitions = (
        await rows('training', 'SELECT brand_id, city_code, level, participants, CAST(start_on AS VARCHAR(10)) AS start FROM competition')
      ).map((c) => ({
        brandId: c.brand_id,
        cityCode: c.city_code,
        level: c.level,
        participants: Number(c.participants),
        year: Number(c.start.slice(0, 4)),
      }));
    });

    const EMPLOYED = ['EMPLOYED', 'SELF_EMPLOYED', 'RETAINED'];
    const outcomeOf = (group: typeof records) => {
      const completed = group.filter((r) => r.completed).length;
      const certified = group.filter((r) => r.certified).length;
      const employed = group.filter((r) => EMPLOYED.includes(r.employment ?? '')).length;
      return {
        personTimes: group.length,
        completed,
        certified,
        outcomesReported: group.filter((r) => r.reported).length,
        employed,
        certificationRate: completed ? Math.round((certified / completed) * 10_000) / 10_000 : null,
        employmentRate: completed ? Math.round((employed / completed) * 10_000) / 10_000 : null,
      };
    };

    it('gives completion, certification and employment rates by year × city for every public brand, against the records', async () => {
      const answer = data<{ brands: Row[] }>(
        await graph.query(`{ brands(level: PUBLIC_BRAND) {
          code
          outcomes: trainingOutcomes(groupBy: [YEAR, CITY]) { brand { id } year city { code name } personTimes completed certified outcomesReported employed certificationRate employmentRate }
          total: trainingOutcomes { personTimes completed certified outcomesReported employed certificationRate employmentRate }
          chengdu2025: trainingOutcomes(filter: { year: 2025, cityCode: "510100" }) { personTimes employed employmentRate }
          bySubBrand: trainingOutcomes(groupBy: [BRAND]) { brand { code } personTimes }
          trainingProgress { personTimes }
        } }`),
      );
      for (const brand of answer.brands) {
        const mine = records.filter((r) => family(brand.code).has(r.brandId));
        expect(mine.length).toBeGreaterThan(0);
        expect(brand.total).toEqual([outcomeOf(mine)]);
        // every year's records, the plan's window or not: at least the window trainingProgress counts
        expect(brand.total[0].personTimes).toBeGreaterThanOrEqual(brand.trainingProgress.personTimes);
        const groups = new Map<string, typeof records>();
        for (const r of mine) groups.set(`${r.year}|${r.cityCode}`, [...(groups.get(`${r.year}|${r.cityCode}`) ?? []), r]);
        const expected = [...groups]
          .sort(([a], [b]) => a.localeCompare(b))
          .map(([key, group]) => {
            const [year, code] = key.split('|');
            return { brand: null, year: Number(year), city: { code, name: expect.stringMatching(/市|州$/) }, ...outcomeOf(group) };
          });
        expect(brand.outcomes).toEqual(expected);
        expect(brand.chengdu2025).toEqual([
          (({ personTimes, employed, employmentRate }) => ({ personTimes, employed, employmentRate }))(
            outcomeOf(mine.filter((r) => r.year === 2025 && r.cityCode === '510100')),
          ),
        ]);
        expect(brand.bySubBrand.reduce((n: number, g: Row) => n + g.personTimes, 0)).toBe(mine.length);
      }
      const rates = answer.brands.map((b) => b.total[0].employmentRate);
      expect(rates.every((r) => r > 0 && r < 1)).toBe(true);
    });

    it('counts competitions and contestants by year × level, and 2025’s provincial ones (省级竞赛场次与人数)', async () => {
      const answer = data<{ brands: Row[] }>(
        await graph.query(`{ brands(level: PUBLIC_BRAND) {
          code
          byYear: competitionCounts(groupBy: [YEAR, LEVEL]) { year level competitions participants }
          provincial2025: competitionCounts(filter: { year: 2025, level: PROVINCIAL }) { competitions participants }
          byCity: competitionCounts(groupBy: [CITY]) { city { code name } competitions }
        } }`),
      );
      const LEVELS = ['NATIONAL', 'PROVINCIAL', 'CITY', 'INDUSTRY'];
      let held = 0;
      for (const brand of answer.brands) {
        const mine = competitions.filter((c) => family(brand.code).has(c.brandId));
        held += mine.length;
        const expected = [...tally(mine, (c) => [c.year, c.level])]
          .map(([key, n]) => {
            const [year, level] = key.split('|');
            const group = mine.filter((c) => c.year === Number(year) && c.level === level);
            return { year: Number(year), level, competitions: n, participants: group.reduce((s, c) => s + c.participants, 0) };
          })
          .sort((a, b) => a.year - b.year || LEVELS.indexOf(a.level) - LEVELS.indexOf(b.level));
        expect(brand.byYear).toEqual(expected);
        const provincial = mine.filter((c) => c.year === 2025 && c.level === 'PROVINCIAL');
        expect(brand.provincial2025).toEqual([
          { competitions: provincial.length, participants: provincial.reduce((s, c) => s + c.participants, 0) },
        ]);
        expect(
          asTally(
            brand.byCity,
            (g) => [g.city.code],
            (g) => g.competitions,
          ),
        ).toEqual(tally(mine, (c) => [c.cityCode]));
      }
      expect(held).toBe(competitions.length);
    });
  });

  describe('brands: Brand.infringementCounts and Brand.usageLicences', () => {
    let reports: { brandId: string; cityCode: string; year: number; status: string; finding: string | null }[];

    beforeAll(async () => {
      reports = (
        await rows('brands', 'SELECT brand_id, city_code, status, finding, CAST(filed_on AS VARCHAR(10)) AS filed FROM infringement_report')
      ).map((r) => ({
        brandId: r.brand_id,
        cityCode: r.city_code,
        status: r.status,
        finding: r.finding,
        year: Number(r.filed.slice(0, 4)),
      }));
    });

    const INFRINGEMENTS = `{ brands(level: PUBLIC_BRAND) {
      code
      confirmedByYear: infringementCounts(groupBy: [YEAR], filter: { finding: CONFIRMED }) { year count }
      byCity: infringementCounts(groupBy: [CITY, STATUS, FINDING]) { city { code name } status finding count }
      bySubBrand: infringementCounts(groupBy: [BRAND]) { brand { code } count }
    } }`;

    it('counts confirmed reports by year (冒用举报查实数) for the province', async () => {
      const answer = data<{ brands: Row[] }>(await graph.query(INFRINGEMENTS, {}, { role: Role.PROVINCIAL_ADMIN }));
      expect(reports.some((r) => r.finding === 'CONFIRMED')).toBe(true);
      for (const brand of answer.brands) {
        const mine = reports.filter((r) => family(brand.code).has(r.brandId));
        expect(
          asTally(
            brand.confirmedByYear,
            (g) => [g.year],
            (g) => g.count,
          ),
        ).toEqual(
          tally(
            mine.filter((r) => r.finding === 'CONFIRMED'),
            (r) => [r.year],
          ),
        );
        expect(
          asTally(
            brand.byCity,
            (g) => [g.city.code, g.status, g.finding],
            (g) => g.count,
          ),
        ).toEqual(tally(mine, (r) => [r.cityCode, r.status, r.finding]));
        expect(brand.bySubBrand.reduce((n: number, g: Row) => n + g.count, 0)).toBe(mine.length);
      }
    });

    it('gives a CITY_ADMIN its own city’s counts only, and refuses another city’s and other roles', async () => {
      const city = reports[0].cityCode;
      const own = data<{ brands: Row[] }>(await graph.query(INFRINGEMENTS, {}, { role: Role.CITY_ADMIN, city }));
      for (const brand of own.brands) {
        const mine = reports.filter((r) => family(brand.code).has(r.brandId) && r.cityCode === city);
        expect(brand.byCity.every((g: Row) => g.city.code === city)).toBe(true);
        expect(brand.byCity.reduce((n: number, g: Row) => n + g.count, 0)).toBe(mine.length);
      }
      const other = city === '510100' ? '510300' : '510100';
      const query = `{ brand(code: "NEW_FARMER") { code infringementCounts(filter: { cityCode: "${other}" }) { count } } }`;
      const refused = await graph.query(query, {}, { role: Role.CITY_ADMIN, city });
      expect(refused.body.errors?.map((e) => [e.extensions?.code, e.extensions?.reason, e.path])).toEqual([
        ['FORBIDDEN', 'OUTSIDE_JURISDICTION', ['brand', 'infringementCounts']],
      ]);
      expect(refused.body.data).toEqual({ brand: { code: 'NEW_FARMER', infringementCounts: null } });
      for (const [as, code] of [
        [undefined, 'UNAUTHENTICATED'],
        [{ role: Role.BASE_OPERATOR, org: randomUUID() }, 'FORBIDDEN'],
        [{ role: Role.ASSESSOR }, 'FORBIDDEN'],
      ] as const) {
        const { body } = await graph.query(query, {}, as);
        expect(body.errors?.map((e) => e.extensions?.code)).toEqual([code]);
        expect(body.data).toEqual({ brand: { code: 'NEW_FARMER', infringementCounts: null } });
      }
    });

    it('lists a brand’s licences by status as of today, its sub-brands’ included (川菜大师傅有效许可单位), to anyone', async () => {
      // a sub-brand's licence, so the roll-up has something to roll up
      const hotpot = brands.find((b) => b.code === 'SICHUAN_CHEF.HOTPOT')!;
      const licensee = (await rows('brands', 'SELECT licensee_id FROM usage_licence'))[0].licensee_id;
      const subLicence = randomUUID();
      await rows(
        'brands',
        `INSERT INTO usage_licence (id, licence_number, brand_id, licensee_id, scope, valid_from, valid_to, status)
         VALUES ('${subLicence}', 'SICHUAN_CHEF.HOTPOT-2025-9001', '${hotpot.id}', '${licensee}', '火锅技能培训与评价', '2025-01-01', '2099-12-31', 'ACTIVE')`,
      );
      const today = todayInChina();
      const licences = (
        await rows(
          'brands',
          `SELECT id, brand_id, status, CAST(valid_from AS VARCHAR(10)) AS valid_from, CAST(valid_to AS VARCHAR(10)) AS valid_to, suspended_on FROM usage_licence`,
        )
      ).map((l) => ({
        id: l.id,
        brandId: l.brand_id,
        validFrom: l.valid_from,
        status: l.status === 'REVOKED' ? 'REVOKED' : l.valid_to < today ? 'EXPIRED' : l.suspended_on ? 'SUSPENDED' : 'ACTIVE',
      }));
      const chef = family('SICHUAN_CHEF');
      const chefId = brands.find((b) => b.code === 'SICHUAN_CHEF')!.id;
      const newestFirst = (list: typeof licences) =>
        [...list].sort((a, b) => b.validFrom.localeCompare(a.validFrom) || (a.id < b.id ? -1 : 1)).map((l) => l.id);
      const answer = data<{ brand: Row }>(
        await graph.query(`{ brand(code: "SICHUAN_CHEF") {
          active: usageLicences(status: ACTIVE) { id status brand { code } licensee { id name } }
          all: usageLicences { id }
          own: usageLicences(includeSubBrands: false) { id }
        } }`),
      );
      const active = licences.filter((l) => chef.has(l.brandId) && l.status === 'ACTIVE');
      expect(active.length).toBeGreaterThan(1);
      expect(answer.brand.active.map((l: Row) => l.id)).toEqual(newestFirst(active));
      expect(
        answer.brand.active.every((l: Row) => l.status === 'ACTIVE' && l.brand.code.startsWith('SICHUAN_CHEF') && l.licensee.name),
      ).toBe(true);
      expect(answer.brand.all.map((l: Row) => l.id)).toEqual(newestFirst(licences.filter((l) => chef.has(l.brandId))));
      expect(answer.brand.own.map((l: Row) => l.id)).toEqual(newestFirst(licences.filter((l) => l.brandId === chefId)));
      expect(answer.brand.all.map((l: Row) => l.id)).toContain(subLicence);
      expect(answer.brand.own.map((l: Row) => l.id)).not.toContain(subLicence);
    });
  });

  describe('evaluation: Query.assessments', () => {
    let assessments: {
      id: string;
      year: number;
      subjectType: string;
      subjectId: string;
      quality: number;
      trust: number;
      result: string;
      assessedOn: string;
      published: boolean;
    }[];
    let subjectBrands: Map<string, Set<string>>;
    let subjectCity: Map<string, string>;

    beforeAll(async () => {
      assessments = (
        await rows(
          'evaluation',
          `SELECT id, year, subject_type, subject_id, quality_score, trust_score, result, CAST(assessed_on AS VARCHAR(10)) AS assessed_on,
                  CASE WHEN published_on IS NULL THEN 0 ELSE 1 END AS published FROM assessment`,
        )
      ).map((a) => ({
        id: a.id,
        year: Number(a.year),
        subjectType: a.subject_type,
        subjectId: a.subject_id,
        quality: Number(a.quality_score),
        trust: Number(a.trust_score),
        result: a.result,
        assessedOn: a.assessed_on,
        published: Number(a.published) === 1,
      }));
      subjectBrands = new Map();
      subjectCity = new Map();
      for (const b of await rows('bases', 'SELECT id, brand_id, city_code FROM base')) {
        subjectBrands.set(b.id, new Set([b.brand_id]));
        subjectCity.set(b.id, b.city_code);
      }
      for (const i of await rows('bases', 'SELECT id, city_code FROM institution')) {
        subjectBrands.set(i.id, new Set());
        subjectCity.set(i.id, i.city_code);
      }
      for (const ib of await rows('bases', 'SELECT institution_id, brand_id FROM institution_brand'))
        subjectBrands.get(ib.institution_id)!.add(ib.brand_id);
    });

    const inOrder = (list: typeof assessments) =>
      [...list].sort((a, b) => b.year - a.year || b.assessedOn.localeCompare(a.assessedOn) || (a.id < b.id ? -1 : 1)).map((a) => a.id);
    const LIST = `query Assessments($filter: AssessmentFilter, $first: Int!, $after: String) {
      assessments(filter: $filter, first: $first, after: $after) {
        totalCount pageInfo { endCursor hasNextPage }
        nodes { id year qualityScore result subject { __typename ... on Base { id } ... on Institution { id } } }
      }
    }`;
    /** every page of a filter, `first` at a time */
    const walk = async (filter: Row, first: number, as?: Parameters<Graph['query']>[2]) => {
      const ids: string[] = [];
      let after: string | null = null;
      const totals: number[] = [];
      do {
        const page: Row = data<{ assessments: Row }>(await graph.query(LIST, { filter, first, after }, as)).assessments;
        ids.push(...page.nodes.map((n: Row) => n.id));
        totals.push(page.totalCount);
        after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
      } while (after);
      // every page counts the whole list
      expect(new Set(totals)).toEqual(new Set([ids.length]));
      return ids;
    };

    it('lists 2025’s subjects with quality below 60 (2025年质量度低于60的主体), page by page', async () => {
      const expected = assessments.filter((a) => a.published && a.year === 2025 && a.quality < 60);
      expect(expected.length).toBeGreaterThan(1);
      expect(await walk({ year: 2025, maxScore: 60 }, 2)).toEqual(inOrder(expected));
      const { nodes } = data<{ assessments: Row }>(
        await graph.query(LIST, { filter: { year: 2025, maxScore: 60 }, first: 500 }),
      ).assessments;
      expect(nodes.every((n: Row) => n.year === 2025 && n.qualityScore < 60 && n.subject.id)).toBe(true);
    });

    it.each([
      [
        'a result and a score range',
        { result: 'PASS', minScore: 70, maxScore: 90 },
        (a: (typeof assessments)[0]) => a.result === 'PASS' && a.quality >= 70 && a.quality < 90,
      ],
      ['a trust score', { score: 'TRUST', minScore: 80 }, (a: (typeof assessments)[0]) => a.trust >= 80],
      ['institutions', { subjectType: 'INSTITUTION' }, (a: (typeof assessments)[0]) => a.subjectType === 'Institution'],
    ])('narrows by %s', async (_case, filter, keep) => {
      const expected = assessments.filter((a) => a.published && keep(a));
      expect(expected.length).toBeGreaterThan(0);
      expect(await walk(filter, 500)).toEqual(inOrder(expected));
    });

    it('narrows by brand (its sub-brands’ subjects too) and city, read of the bases subgraph through the graph', async () => {
      const newFarmer = family('NEW_FARMER');
      const newFarmerId = brands.find((b) => b.code === 'NEW_FARMER')!.id;
      const ofFamily = (a: (typeof assessments)[0]) => [...subjectBrands.get(a.subjectId)!].some((id) => newFarmer.has(id));
      const published = assessments.filter((a) => a.published);
      expect(await walk({ brandId: newFarmerId }, 500)).toEqual(inOrder(published.filter(ofFamily)));
      expect(await walk({ brandId: newFarmerId, includeSubBrands: false }, 500)).toEqual(
        inOrder(published.filter((a) => subjectBrands.get(a.subjectId)!.has(newFarmerId))),
      );
      const city = subjectCity.get(published.find(ofFamily)!.subjectId)!;
      expect(await walk({ brandId: newFarmerId, cityCode: city }, 500)).toEqual(
        inOrder(published.filter((a) => ofFamily(a) && subjectCity.get(a.subjectId) === city)),
      );
      const chengdu = published.filter((a) => subjectCity.get(a.subjectId) === '510100');
      expect(chengdu.some((a) => a.subjectType === 'Institution') || chengdu.length > 0).toBe(true);
      expect(await walk({ cityCode: '510100' }, 500)).toEqual(inOrder(chengdu));
      expect(await walk({ brandId: randomUUID() }, 50)).toEqual([]);
    });

    it('shows an unpublished assessment to assessors only, and its findings to assessors only', async () => {
      const hidden = assessments.find((a) => a.year === 2025)!;
      const [{ published_on: publishedOn }] = await rows(
        'evaluation',
        `SELECT CAST(published_on AS VARCHAR(10)) AS published_on FROM assessment WHERE id = '${hidden.id}'`,
      );
      await rows('evaluation', `UPDATE assessment SET published_on = NULL WHERE id = '${hidden.id}'`);
      try {
        const visible = inOrder(assessments.filter((a) => a.year === 2025 && a.id !== hidden.id));
        expect(await walk({ year: 2025 }, 500)).toEqual(visible);
        expect(await walk({ year: 2025 }, 500, { role: Role.CITY_ADMIN, city: '510100' })).toEqual(visible);
        expect(await walk({ year: 2025 }, 500, { role: Role.ASSESSOR })).toEqual(inOrder(assessments.filter((a) => a.year === 2025)));
        const findings = `{ assessments(filter: { year: 2025 }, first: 1) { nodes { id findings } } }`;
        const refused = await graph.query(findings);
        expect(refused.body.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
        expect(refused.body.data?.assessments).toEqual({ nodes: [{ id: expect.any(String), findings: null }] });
        expect((await graph.query(findings, {}, { role: Role.ASSESSOR })).body.errors).toBeUndefined();
      } finally {
        await rows('evaluation', `UPDATE assessment SET published_on = '${publishedOn}' WHERE id = '${hidden.id}'`);
      }
    });
  });

  describe('bad filters', () => {
    it.each([
      ['a dimension named twice', `{ brand(code: "NEW_FARMER") { baseCounts(groupBy: [CITY, CITY]) { count } } }`, 'groupBy'],
      ['an unknown city', `{ brand(code: "NEW_FARMER") { baseCounts(filter: { cityCode: "999999" }) { count } } }`, 'cityCode'],
      ['a year no plan means', `{ brand(code: "NEW_FARMER") { baseCounts(filter: { designatedIn: 99999 }) { count } } }`, undefined],
      [
        'training outcomes of an unknown city',
        `{ brand(code: "NEW_FARMER") { trainingOutcomes(filter: { cityCode: "51" }) { personTimes } } }`,
        'cityCode',
      ],
      ['competitions of year 1', `{ brand(code: "NEW_FARMER") { competitionCounts(filter: { year: 1 }) { competitions } } }`, undefined],
      [
        'a dimension twice in competitions',
        `{ brand(code: "NEW_FARMER") { competitionCounts(groupBy: [YEAR, LEVEL, YEAR]) { competitions } } }`,
        'groupBy',
      ],
    ])('refuses %s on the brand’s field with BAD_USER_INPUT', async (_case, query, field) => {
      const { body } = await graph.query(query, {}, { role: Role.PROVINCIAL_ADMIN });
      expect(body.errors?.map((e) => e.extensions?.code)).toEqual(['BAD_USER_INPUT']);
      expect(body.errors?.[0].extensions?.field).toBe(field);
    });

    it('refuses infringement counts of an unknown city with BAD_USER_INPUT', async () => {
      const { body } = await graph.query(
        `{ brand(code: "NEW_FARMER") { infringementCounts(filter: { cityCode: "510199" }) { count } } }`,
        {},
        { role: Role.PROVINCIAL_ADMIN },
      );
      expect(body.errors?.map((e) => e.extensions?.code)).toEqual(['BAD_USER_INPUT']);
    });

    it.each([
      ['a score over 100', { maxScore: 101 }, 'filter.maxScore'],
      ['a negative score', { minScore: -1 }, 'filter.minScore'],
      ['an empty score range', { minScore: 60, maxScore: 60 }, 'filter.minScore'],
      ['a malformed brand id', { brandId: 'NEW_FARMER' }, 'filter.brandId'],
      ['an unknown city', { cityCode: '000000' }, 'cityCode'],
      ['a year no plan means', { year: 3000 }, undefined],
    ])('refuses assessments filtered by %s with BAD_USER_INPUT, before any SQL', async (_case, filter, field) => {
      let body: GraphResponse['body'] = {};
      const sql = await sqlDuring(graph, async () => {
        body = (await graph.query(`query($filter: AssessmentFilter) { assessments(filter: $filter) { totalCount } }`, { filter })).body;
      });
      expect(body.errors?.map((e) => e.extensions?.code)).toEqual(['BAD_USER_INPUT']);
      expect(body.errors?.[0].extensions?.field).toBe(field);
      expect(sql.evaluation).toBe(0);
    });

    it('refuses a page size out of range and a cursor it never gave out', async () => {
      for (const variables of [{ first: 0 }, { first: 501 }, { first: 5, after: 'not-a-cursor' }]) {
        const { body } = await graph.query(
          `query($first: Int!, $after: String) { assessments(first: $first, after: $after) { totalCount } }`,
          variables,
        );
        expect(body.errors?.map((e) => e.extensions?.code)).toEqual(['BAD_USER_INPUT']);
      }
    });
  });

  /**
   * Statements per fetch, whatever the number of groups: each figure is asked once at the seed's
   * size (about ten groups), then again after a thousand rows, each its own group, are written
   * straight into the owner's tables.
   */
  describe('SQL statements at 10 and 1,000 groups', () => {
    const BY_CITY_AND_YEAR = `{ brand(code: "NEW_FARMER") {
      baseCounts(groupBy: [CITY, DESIGNATION_YEAR]) { city { name } designatedIn count }
      trainingOutcomes(groupBy: [CITY, YEAR]) { city { name } year personTimes employmentRate }
      competitionCounts(groupBy: [CITY, YEAR]) { city { name } year competitions participants }
      infringementCounts(groupBy: [CITY, YEAR]) { city { name } year count }
    } }`;
    const cities = () => rows('bases', 'SELECT code FROM city ORDER BY code').then((r) => r.map((c) => c.code as string));
    /** 1,008 (city, year) pairs: 21 cities × 2040–2087, years no seeded row has */
    const pairs = async () => (await cities()).flatMap((code) => Array.from({ length: 48 }, (_, i) => ({ code, year: 2040 + i })));
    const insertAll = async (subgraph: SubgraphName, head: string, values: string[]) => {
      for (let i = 0; i < values.length; i += 250) await rows(subgraph, `${head} VALUES ${values.slice(i, i + 250).join(', ')}`);
    };
    const groupsOf = (answer: Row) => ({
      bases: answer.brand.baseCounts.length,
      training: answer.brand.trainingOutcomes.length,
      competitions: answer.brand.competitionCounts.length,
      infringements: answer.brand.infringementCounts.length,
    });

    it('asks each owner one statement per figure, and none for the groups’ cities', async () => {
      const ask = async () => {
        let answer: Row = {};
        const sql = await sqlDuring(graph, async () => {
          answer = data<Row>(await graph.query(BY_CITY_AND_YEAR, {}, { role: Role.PROVINCIAL_ADMIN }));
        });
        return { sql, groups: groupsOf(answer) };
      };
      await ask(); // bases reads the 21 cities once, on its first request that names one
      const few = await ask();
      expect(Math.max(...Object.values(few.groups))).toBeLessThan(100);
      expect(few.groups.bases).toBeGreaterThanOrEqual(5);
      // brands: the brand (with its sub-brands) and its infringement counts; bases: its counts (their cities joined), and
      // nothing for the City entities of the other subgraphs' figures; training: its two figures in one statement
      expect(few.sql).toEqual({ brands: 2, bases: 1, training: 1, evaluation: 0 });

      const newFarmer = brands.find((b) => b.code === 'NEW_FARMER')!.id;
      const operator = (await rows('bases', 'SELECT id FROM organization'))[0].id;
      const all = await pairs();
      await insertAll(
        'bases',
        'INSERT INTO base (id, name, tier, brand_id, operator_id, city_code, status, designated_on)',
        all.map(
          ({ code, year }) =>
            `('${randomUUID()}', '测试辅基地${code}${year}', 'AUXILIARY', '${newFarmer}', '${operator}', '${code}', 'EXITED', '${year}-06-01')`,
        ),
      );
      const programs = all.map((pair) => ({ ...pair, id: randomUUID() }));
      await insertAll(
        'training',
        // with its rollup, as the training subgraph keeps it: one person-time, completed, certified and employed
        'INSERT INTO training_program (id, brand_id, provider_type, provider_id, city_code, occupation, level, year, start_on, end_on, capacity, status, person_times, completed_count, certified_count, outcomes_reported_count, employed_count)',
        programs.map(
          ({ id, code, year }) =>
            `('${id}', '${newFarmer}', 'Base', '${randomUUID()}', '${code}', '农业经理人', 4, ${year}, '${year}-03-01', '${year}-03-20', 10, 'COMPLETED', 1, 1, 1, 1, 1)`,
        ),
      );
      await insertAll(
        'training',
        'INSERT INTO training_record (id, program_id, completed, completed_on, certificate, employment)',
        programs.map(({ id, year }) => `('${randomUUID()}', '${id}', TRUE, '${year}-03-20', 'TRAINING', 'EMPLOYED')`),
      );
      await insertAll(
        'training',
        'INSERT INTO competition (id, name, level, brand_id, occupation, city_code, start_on, end_on, participants)',
        all.map(
          ({ code, year }) =>
            `('${randomUUID()}', '测试竞赛${code}${year}', 'CITY', '${newFarmer}', '农业经理人', '${code}', '${year}-05-01', '${year}-05-02', 30)`,
        ),
      );
      await insertAll(
        'brands',
        'INSERT INTO infringement_report (id, brand_id, status, reporter, suspect, description, city_code, filed_on)',
        all.map(
          ({ code, year }) =>
            `('${randomUUID()}', '${newFarmer}', 'FILED', '测试举报人', '测试对象', '测试：冒用品牌标识的举报', '${code}', '${year}-07-01')`,
        ),
      );

      const many = await ask();
      for (const [figure, n] of Object.entries(many.groups))
        expect([figure, n]).toEqual([figure, few.groups[figure as keyof typeof few.groups] + all.length]);
      expect(many.sql).toEqual(few.sql);
    });

    it('answers every brand’s licences and coverage gaps with one statement, at 20 brands as at one', async () => {
      const ask = async (query: string) => {
        let answer: Row = {};
        const sql = await sqlDuring(graph, async () => {
          answer = data<Row>(await graph.query(query));
        });
        return { sql, answer };
      };
      const one = await ask(`{ brand(code: "TECHNICIAN") { usageLicences { id } citiesWithoutMainBase { code } } }`);
      const all = await ask(`{ brands { usageLicences { id } citiesWithoutMainBase { code } } }`);
      expect(all.answer.brands).toHaveLength(brands.length);
      expect(all.sql).toEqual(one.sql);
      expect(one.sql.bases).toBe(1);
    });

    it('pages assessments with one statement (the page carries its count) at 5 rows as at 500', async () => {
      const [{ n: published }] = await rows('evaluation', 'SELECT COUNT(*) AS n FROM assessment WHERE published_on IS NOT NULL');
      const page = async (first: number) => {
        let answer: Row = {};
        const sql = await sqlDuring(graph, async () => {
          answer = data<Row>(await graph.query(`{ assessments(first: ${first}) { totalCount nodes { id year } } }`));
        });
        expect(answer.assessments.totalCount).toBe(Number(published));
        expect(answer.assessments.nodes).toHaveLength(Math.min(first, Number(published)));
        return sql;
      };
      expect(Number(published)).toBeGreaterThan(5);
      const small = await page(5);
      const large = await page(500);
      expect(small).toEqual({ brands: 0, bases: 0, training: 0, evaluation: 1 });
      expect(large).toEqual(small);
    });
  });
  // last: it stops a subgraph of the graph the other tests share
  it('says a figure is missing, never zero, when its subgraph is down, and answers the others', async () => {
    await graph.subgraphs.training.stop();
    const { body } = await graph.query(`{ brand(code: "NEW_FARMER") {
      baseCounts { count }
      trainingOutcomes { personTimes employmentRate }
      competitionCounts { competitions }
    } }`);
    expect(body.data?.brand.baseCounts[0].count).toBeGreaterThan(0);
    expect(body.data?.brand).toMatchObject({ trainingOutcomes: null, competitionCounts: null });
    expect(body.errors?.map((e) => [e.extensions?.code, e.extensions?.service])).toContainEqual(['SUBGRAPH_UNAVAILABLE', 'training']);
  });
});
