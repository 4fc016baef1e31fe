import { mkdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { Role } from '@skills-sichuan/runtime';
import { todayInChina } from '@skills-sichuan/subgraph-kit';
import { dashboardOperations } from '../gateway/src/dashboard/dashboard';
import { documentHash } from '../gateway/src/operations/registered';
import { launchBrowser } from '../scripts/browser';
import { openDashboard, settled, type DashboardTab } from '../scripts/dashboard-page';
import {
  fetchesDuring,
  fewestSqlDuring,
  sqlDuring,
  startGraph,
  type Graph,
  type GraphResponse,
  type Json,
  type SubgraphName,
} from './graph';

/** The program office's dashboard at /dashboard: served by the gateway alone, asking only its registered operations. */
describe('the dashboard at the gateway', () => {
  let graph: Graph;
  let origin: string;
  /** the dashboard's operations as the build registered them, by name */
  const operations = new Map<string, string>();

  beforeAll(async () => {
    graph = await startGraph();
    origin = new URL(graph.url).origin;
    for (const { name, document } of dashboardOperations()) operations.set(name, document);
  });
  afterAll(() => graph?.stop());

  /** POST /graphql as the dashboard sends it, or as another client. */
  async function post(body: Record<string, unknown>, headers: Record<string, string> = {}) {
    const response = await fetch(graph.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as GraphResponse['body'] };
  }
  const byHash = (name: string, variables: Record<string, unknown> = {}) => ({
    variables,
    extensions: { persistedQuery: { version: 1, sha256Hash: documentHash(operations.get(name)!) } },
  });
  const DASHBOARD = { 'apollographql-client-name': 'dashboard' };

  it('is one page and its files, all from the gateway, under a policy that lets the page reach nothing else', async () => {
    const page = await fetch(`${origin}/dashboard`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    expect(page.headers.get('content-security-policy')).toContain("connect-src 'self'");
    const html = await page.text();
    expect(html).toContain('<html lang="zh-CN">');
    const assets = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]);
    expect(assets.sort()).toEqual(['/dashboard/app.css', '/dashboard/app.js']);
    const css = await (await fetch(`${origin}/dashboard/app.css`)).text();
    const fonts = [...css.matchAll(/url\("?([^")]+)"?\)/g)].map((m) => m[1]);
    expect(fonts.length).toBeGreaterThan(50);
    expect(fonts.every((url) => url.startsWith('/dashboard/fonts/'))).toBe(true);
    const font = await fetch(`${origin}${fonts[0]}`);
    expect(font.status).toBe(200);
    expect(font.headers.get('cache-control')).toContain('immutable');
    // the script is revalidated by its etag, and not sent again while it has not changed
    const script = await fetch(`${origin}/dashboard/app.js`);
    const again = await fetch(`${origin}/dashboard/app.js`, { headers: { 'if-none-match': script.headers.get('etag')! } });
    expect(again.status).toBe(304);
    // the bundle holds hashes of the operations, never their text
    const bundle = await script.text();
    expect(bundle).not.toContain('trainingProgress(cityCode');
    for (const document of operations.values()) expect(bundle).toContain(documentHash(document));
  });

  describe('trusted documents', () => {
    it('answers a registered operation by its hash alone, as its text would be answered', async () => {
      const hashed = await post(byHash('DashboardOverview', { cityCode: null }), DASHBOARD);
      expect(hashed.status).toBe(200);
      expect(hashed.body.errors).toBeUndefined();
      const asText = await post({ query: operations.get('DashboardOverview'), variables: { cityCode: null } });
      expect(hashed.body).toEqual(asText.body);
      expect((hashed.body.data as { brands: unknown[] }).brands).toHaveLength(5);
    });

    it('takes nothing else from the dashboard, while the IDE and other clients keep free-form queries', async () => {
      const query = '{ brands(level: PUBLIC_BRAND) { name } }';
      const refused = await post({ query }, DASHBOARD);
      expect(refused.status).toBe(400);
      expect(refused.body.errors?.[0].extensions).toMatchObject({ code: 'PERSISTED_QUERY_NOT_IN_LIST', client: 'dashboard' });
      expect(refused.body.data).toBeUndefined();
      // the text of a registered operation is the operation: the dashboard may send it whole
      const registeredText = await post({ query: operations.get('DashboardOverview'), variables: {} }, DASHBOARD);
      expect(registeredText.body.errors).toBeUndefined();
      for (const client of ['ide', 'partner-app']) {
        const free = await post({ query }, { 'apollographql-client-name': client });
        expect(free.body).toEqual({ data: { brands: expect.arrayContaining([{ name: '天府数智工匠' }]) } });
      }
      // an IDE example is registered for the IDE, not for the dashboard
      const ideHash = await post(
        {
          query: '{ brands(level: PUBLIC_BRAND) { code } }',
          extensions: { persistedQuery: { version: 1, sha256Hash: documentHash('{ brands(level: PUBLIC_BRAND) { code } }') } },
        },
        { 'apollographql-client-name': 'ide' },
      );
      expect(ideHash.body.errors).toBeUndefined();
      const sameAsDashboard = await post(
        { extensions: { persistedQuery: { version: 1, sha256Hash: documentHash('{ brands(level: PUBLIC_BRAND) { code } }') } } },
        DASHBOARD,
      );
      expect(sameAsDashboard.body.errors?.[0].extensions?.code).toBe('PERSISTED_QUERY_NOT_IN_LIST');
    });

    it('a hash nobody registered is PERSISTED_QUERY_NOT_FOUND, and runs nothing', async () => {
      const before = graph.sqlStatements();
      const unknown = await post({ extensions: { persistedQuery: { version: 1, sha256Hash: 'ab'.repeat(32) } } }, DASHBOARD);
      expect(unknown.body.errors?.[0].extensions?.code).toBe('PERSISTED_QUERY_NOT_FOUND');
      expect(graph.sqlStatements()).toEqual(before);
    });

    it('a document registered through the registry is answered by its hash from then on', async () => {
      const document = 'query CitiesByCode { cities { code } }';
      const admin = await graph.tokenFor({ role: Role.PROVINCIAL_ADMIN, sub: 'dashboard-test' });
      const registered = await post(
        {
          query: 'mutation ($documents: [String!]!) { registerClientOperations(client: "reports", documents: $documents) }',
          variables: { documents: [document] },
        },
        { authorization: `Bearer ${admin}` },
      );
      expect(registered.body).toEqual({ data: { registerClientOperations: 1 } });
      const answered = await post(
        { extensions: { persistedQuery: { version: 1, sha256Hash: documentHash(document) } } },
        { 'apollographql-client-name': 'reports' },
      );
      expect((answered.body.data as { cities: unknown[] }).cities).toHaveLength(21);
    });
  });

  it('reads each alert list with its count in the page’s one statement', async () => {
    const admin = await graph.tokenFor({ role: Role.PROVINCIAL_ADMIN, sub: 'dashboard-alerts' });
    const asked = { ...DASHBOARD, authorization: `Bearer ${admin}`, 'cache-control': 'no-cache' };
    const table = (subgraph: 'bases' | 'evaluation', sql: string) =>
      graph.subgraphs[subgraph].db.query(sql).then((r: { n: number | string }[]) => Number(r[0].n));
    await post(byHash('WaitingApplications'), asked); // the 21 cities are read once, on the first request that names one

    let waiting: GraphResponse['body'] | undefined;
    const applications = await sqlDuring(graph, async () => (waiting = (await post(byHash('WaitingApplications'), asked)).body));
    expect(waiting!.errors).toBeUndefined();
    const lists = waiting!.data as Record<'submitted' | 'inReview', { totalCount: number; nodes: unknown[] }>;
    expect(lists.submitted.totalCount).toBe(await table('bases', `SELECT COUNT(*) AS n FROM application WHERE status = 'SUBMITTED'`));
    expect(lists.inReview.totalCount).toBe(
      await table('bases', `SELECT COUNT(*) AS n FROM application WHERE status = 'PRELIMINARY_REVIEW'`),
    );
    expect(lists.submitted.totalCount + lists.inReview.totalCount).toBeGreaterThan(0);
    // one statement a list: its page, its count and the applicants' organisations
    expect(applications).toEqual({ brands: 0, bases: 2, training: 0, evaluation: 0 });

    let missing: GraphResponse['body'] | undefined;
    const reports = await sqlDuring(graph, async () => (missing = (await post(byHash('MissingReports'), asked)).body));
    expect(missing!.errors).toBeUndefined();
    const { totalCount, nodes } = (missing!.data as { progressReports: { totalCount: number; nodes: unknown[] } }).progressReports;
    expect(totalCount).toBe(
      await table('evaluation', `SELECT COUNT(*) AS n FROM progress_report WHERE submitted_on IS NULL AND due_on < '${todayInChina()}'`),
    );
    expect(nodes).toHaveLength(Math.min(100, totalCount));
    // the page with its count in evaluation; the organisations (their cities held) in bases
    expect(reports).toEqual({ brands: 0, bases: totalCount > 0 ? 1 : 0, training: 0, evaluation: 1 });
  });

  it('costs each subgraph one SQL statement a fetch for each page’s operation, whatever tables the fetch asks', async () => {
    const admin = await graph.tokenFor({ role: Role.PROVINCIAL_ADMIN, sub: 'dashboard-statements' });
    const asked = { ...DASHBOARD, authorization: `Bearer ${admin}`, 'cache-control': 'no-cache' };
    const { body } = await post({ query: '{ brand(code: "NEW_FARMER") { id bases(tier: MAIN) { id } } }' });
    const { id: brandId, bases } = (body.data as { brand: { id: string; bases: { id: string }[] } }).brand;
    const variables: Record<string, Record<string, unknown>> = {
      DashboardOverview: { cityCode: null },
      BrandFigures: { brandId, cityCode: null },
      Roster: { filter: { brandId, status: 'ACTIVE' }, first: 50 },
      BasePage: { id: bases[0].id },
    };
    const costs: Record<string, Record<string, string>> = {};
    for (const [name, v] of Object.entries(variables)) {
      const ask = async () => {
        const answer = await post(byHash(name, v), asked);
        expect(answer.body.errors).toBeUndefined();
      };
      await ask(); // bases reads the 21 cities once, on its first request that names one
      const fetches = await fetchesDuring(graph, ask);
      const statements = await fewestSqlDuring(graph, ask);
      costs[name] = Object.fromEntries(
        Object.entries(fetches)
          .filter(([, n]) => n > 0)
          .map(([subgraph, n]) => [subgraph, `${n} / ${statements[subgraph as SubgraphName]}`]),
      );
    }
    // fetches / statements. A base's page asks training for its person-times and programs, evaluation for its assessments and
    // credit (and its operator's credit, a fetch of its own); the brand's figures ask training for three figures over two
    // tables; bases' City entities are read from the cities it holds; brands reads a brand's licences ahead, with the brand.
    expect(costs).toEqual({
      DashboardOverview: { brands: '1 / 1', bases: '1 / 0', training: '1 / 1' },
      BrandFigures: { brands: '1 / 1', bases: '2 / 1', training: '1 / 1' },
      Roster: { brands: '2 / 2', bases: '1 / 1', evaluation: '1 / 1' },
      BasePage: { brands: '1 / 1', bases: '1 / 1', training: '1 / 1', evaluation: '2 / 2' },
    });
  });

  describe('in a real browser with every other host unreachable', () => {
    let browser: Browser;
    const tabs: DashboardTab[] = [];
    const screenshots = process.env.SCREENSHOT_DIR ?? join(tmpdir(), `skills-sichuan-dashboard-${process.pid}`);
    beforeAll(async () => {
      browser = await launchBrowser();
      mkdirSync(screenshots, { recursive: true });
    });
    afterAll(async () => {
      await browser?.close();
    });
    afterEach(() => {
      // not one request left 127.0.0.1, and the page threw nothing
      expect(tabs.flatMap((t) => t.offHost)).toEqual([]);
      expect(tabs.flatMap((t) => t.pageErrors)).toEqual([]);
    });

    async function open(token?: string): Promise<Page> {
      const tab = await openDashboard(browser, origin, { token });
      tabs.push(tab);
      return tab.page;
    }

    const number = async (page: Page, selector: string) => Number((await page.locator(selector).innerText()).replace(/,/g, ''));

    async function ask<T = Record<string, Json>>(
      query: string,
      variables?: Record<string, unknown>,
      as?: Parameters<Graph['query']>[2],
    ): Promise<T> {
      const answer = await graph.query<T>(query, variables, as);
      expect(answer.body.errors).toBeUndefined();
      return answer.body.data as T;
    }

    interface BrandRow {
      id: string;
      code: string;
      name: string;
      trainingTarget: { personTimes: number } | null;
      trainingProgress: { personTimes: number; ratio: number | null };
    }

    it('shows the five brands against their targets and a brand’s figures as the graph answers them, and switches brand', async () => {
      const page = await open();
      const { brands } = await ask<{ brands: BrandRow[] }>(
        '{ brands(level: PUBLIC_BRAND) { id code name trainingTarget { personTimes } trainingProgress { personTimes ratio } } }',
      );
      for (const brand of brands) {
        const row = `[data-panel=progress] tr[data-brand=${brand.code}]`;
        expect(await number(page, `${row} [data-figure=target]`)).toBe(brand.trainingTarget!.personTimes);
        expect(await number(page, `${row} [data-figure=personTimes]`)).toBe(brand.trainingProgress.personTimes);
        expect(await page.locator(`${row} [data-figure=ratio]`).innerText()).toBe(`${(brand.trainingProgress.ratio! * 100).toFixed(1)}%`);
      }
      await expectBrandFigures(page, brands[0]);
      await page.screenshot({ path: join(screenshots, 'overview.png'), fullPage: true });
      // alerts are for signed-in staff; the public is told so
      await expect(page.locator('[data-panel=flagged] .unavailable').innerText()).resolves.toContain('登录后可见');

      await page.locator(`nav.brands a[data-brand=${brands[3].code}]`).click();
      await page.locator('[data-panel=brand] h2', { hasText: brands[3].name }).waitFor();
      await settled(page);
      expect(new URL(page.url()).hash).toBe(`#/brand/${brands[3].code}`);
      await expect(page.locator('[data-panel=brand] h2').innerText()).resolves.toContain(brands[3].name);
      await expectBrandFigures(page, brands[3]);
      await page.close();
    });

    /** The brand's cards and roster equal the graph's lists for the same questions (counted here, not by a figure). */
    async function expectBrandFigures(page: Page, brand: BrandRow, cityCode?: string) {
      const { brand: lists } = await ask<{
        brand: {
          main: { id: string }[];
          auxiliary: { id: string }[];
          usageLicences: { id: string }[];
          citiesWithoutMainBase: { name: string }[];
        };
      }>(
        `query ($id: ID!, $city: String) { brand(id: $id) {
          main: bases(tier: MAIN, status: ACTIVE, cityCode: $city) { id }
          auxiliary: bases(tier: AUXILIARY, status: ACTIVE, cityCode: $city) { id }
          usageLicences(status: ACTIVE) { id }
          citiesWithoutMainBase { name } } }`,
        { id: brand.id, city: cityCode ?? null },
      );
      expect(await number(page, '[data-panel=brand] [data-figure=mainBases]')).toBe(lists.main.length);
      expect(await number(page, '[data-panel=brand] [data-figure=auxiliaryBases]')).toBe(lists.auxiliary.length);
      expect(await number(page, '[data-panel=brand] [data-figure=licences]')).toBe(lists.usageLicences.length);
      if (!cityCode)
        await expect(page.locator('[data-figure=withoutMainBase]').innerText()).resolves.toContain(
          `（${lists.citiesWithoutMainBase.length}）`,
        );
      const { bases } = await ask<{ bases: { totalCount: number } }>(
        'query ($filter: BaseFilter!) { bases(filter: $filter, first: 1) { totalCount } }',
        { filter: { brandId: brand.id, status: 'ACTIVE', cityCode: cityCode ?? null } },
      );
      expect(await number(page, '[data-figure=rosterTotal]')).toBe(bases.totalCount);
      expect(await page.locator('[data-panel=roster] tbody tr').count()).toBe(Math.min(50, bases.totalCount));
    }

    it('signed in as a CITY_ADMIN shows its 市州 only, and the alerts its role may read', async () => {
      const { brands } = await ask<{ brands: (BrandRow & { baseCounts: { city: { code: string; name: string }; count: number }[] })[] }>(
        '{ brands(level: PUBLIC_BRAND) { id code name trainingTarget { personTimes } trainingProgress { personTimes ratio } baseCounts(groupBy: [CITY], filter: { status: ACTIVE }) { city { code name } count } } }',
      );
      // the 市州 with most bases of the first brand
      const { city } = [...brands[0].baseCounts].sort((a, b) => b.count - a.count)[0];
      const as = { role: Role.CITY_ADMIN, city: city.code, sub: 'dashboard-city-admin' };
      const page = await open(await graph.tokenFor(as));
      await expect(page.locator('.viewer').innerText()).resolves.toBe(`市州管理员 · ${city.name}`);
      await expect(page.getByLabel('市州', { exact: true }).inputValue()).resolves.toBe(city.code);
      await expect(page.getByLabel('市州', { exact: true }).isDisabled()).resolves.toBe(true);

      const cities = await page.locator('[data-panel=roster] tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-city')));
      expect(cities.length).toBeGreaterThan(0);
      expect(new Set(cities)).toEqual(new Set([city.code]));
      await expectBrandFigures(page, brands[0], city.code);
      const inCity = await ask<{ brands: { code: string; trainingProgress: { personTimes: number } }[] }>(
        'query ($city: String) { brands(level: PUBLIC_BRAND) { code trainingProgress(cityCode: $city) { personTimes } } }',
        { city: city.code },
      );
      for (const brand of inCity.brands)
        expect(await number(page, `[data-panel=progress] tr[data-brand=${brand.code}] [data-figure=personTimes]`)).toBe(
          brand.trainingProgress.personTimes,
        );

      // alerts as the graph answers this viewer: its city's reports and applications; the flagged list is not its role's
      const { progressReports, submitted, inReview } = await ask<{
        progressReports: { totalCount: number };
        submitted: { totalCount: number };
        inReview: { totalCount: number };
      }>(
        `{ progressReports(first: 1, filter: { status: MISSING }) { totalCount }
           submitted: applications(first: 1, filter: { status: SUBMITTED }) { totalCount }
           inReview: applications(first: 1, filter: { status: PRELIMINARY_REVIEW }) { totalCount } }`,
        undefined,
        as,
      );
      expect(await number(page, '[data-figure=missingReports]')).toBe(progressReports.totalCount);
      expect(await number(page, '[data-figure=waitingApplications]')).toBe(submitted.totalCount + inReview.totalCount);
      await expect(page.locator('[data-panel=flagged] .unavailable').innerText()).resolves.toBe('当前角色无权查看此项');

      // signing out is the public view again, province-wide
      await page.getByRole('button', { name: '退出登录' }).click();
      await settled(page);
      await expect(page.getByLabel('市州', { exact: true }).isDisabled()).resolves.toBe(false);
      await expect(page.locator('.viewer').innerText()).resolves.toBe('公众视图（公开数据）');
      await page.close();
    });

    it('a PROVINCIAL_ADMIN sees the flagged subjects the graph lists, and opens a base’s page from the roster', async () => {
      const as = { role: Role.PROVINCIAL_ADMIN, sub: 'dashboard-office' };
      const page = await open(await graph.tokenFor(as));
      const { flaggedSubjects } = await ask<{ flaggedSubjects: unknown[] }>('{ flaggedSubjects { reasons } }', undefined, as);
      expect(await number(page, '[data-figure=flagged]')).toBe(flaggedSubjects.length);

      const link = page.locator('[data-panel=roster] tbody tr a').first();
      const name = await link.innerText();
      await link.click();
      await page.locator('[data-panel=base]').waitFor();
      await settled(page);
      const id = decodeURIComponent(new URL(page.url()).hash.replace('#/base/', ''));
      const { base } = await ask<{
        base: {
          name: string;
          personTimes: number;
          brand: { name: string };
          assessments: { year: number; result: string }[];
          honours: unknown[];
        };
      }>('query ($id: ID!) { base(id: $id) { name personTimes brand { name } assessments { year result } honours { id } } }', { id }, as);
      expect(base.name).toBe(name);
      await expect(page.locator('[data-panel=base] h2').innerText()).resolves.toBe(base.name);
      await expect(page.locator('[data-figure=brand]').innerText()).resolves.toBe(base.brand.name);
      expect(await number(page, '[data-figure=personTimes]')).toBe(base.personTimes);
      const years = await page
        .locator('[data-table=assessments] tbody tr')
        .evaluateAll((rows) => rows.map((r) => Number(r.getAttribute('data-year'))));
      expect(years).toEqual(base.assessments.map((a) => a.year).sort());
      const programTimes = await page.locator('[data-figure=programPersonTimes]').allInnerTexts();
      expect(programTimes.reduce((n, t) => n + Number(t.replace(/,/g, '')), 0)).toBe(base.personTimes);
      await page.screenshot({ path: join(screenshots, 'base.png'), fullPage: true });
      expect(readFileSync(join(screenshots, 'base.png')).subarray(1, 4).toString()).toBe('PNG');

      // back to the overview
      await page.getByText('← 返回概览').click();
      await page.locator('[data-panel=progress]').waitFor();
      await page.close();
    });

    it('says which figures a down subgraph holds instead of showing zero, and shows the public the last good answer, marked', async () => {
      const office = await graph.tokenFor({ role: Role.PROVINCIAL_ADMIN, sub: 'dashboard-office' });
      // the public's last whole answers are kept while everything answers
      (await open()).close();
      await graph.subgraphs.training.stop();

      const page = await open(office);
      const unavailable = page.locator('[data-panel=progress] [data-problem=SUBGRAPH_UNAVAILABLE]');
      await expect(unavailable.count()).resolves.toBe(5);
      await expect(unavailable.first().innerText()).resolves.toBe('培训与竞赛服务暂不可用，此项暂无法显示');
      await expect(page.locator('[data-panel=progress] [data-figure=personTimes]').count()).resolves.toBe(0);
      // what the other subgraphs hold is still shown
      expect(await number(page, '[data-panel=brand] [data-figure=mainBases]')).toBeGreaterThan(0);
      await expect(page.locator('[data-panel=brand] [data-figure=brandPersonTimes]').count()).resolves.toBe(0);
      await page.close();

      const publicPage = await open();
      await expect(publicPage.locator('[data-panel=progress] .stale').innerText()).resolves.toMatch(/^部分服务暂不可用，以下为 .+ 的数据$/);
      expect(await number(publicPage, '[data-panel=progress] tbody tr:first-child [data-figure=personTimes]')).toBeGreaterThan(0);
      await publicPage.close();
    });
  });
});
