import type { Browser } from 'playwright-core';
import { launchBrowser } from '../scripts/browser';
import { startGraph, type Graph } from './graph';

/** The IDE at the gateway: GraphiQL from the gateway's own files, usable with no internet. */
describe('the IDE at the gateway', () => {
  let graph: Graph;
  let origin: string;

  beforeAll(async () => {
    graph = await startGraph();
    origin = new URL(graph.url).origin;
  });
  afterAll(() => graph?.stop());

  it('is what a browser gets at /graphql, and every file it loads is served by the gateway', async () => {
    const page = await fetch(graph.url, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('GraphiQL');
    expect(html).toContain("script-src 'self'");
    const assets = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]);
    expect(assets).toHaveLength(5);
    for (const asset of assets) {
      expect(asset).toMatch(/^\/ide\//);
      const response = await fetch(new URL(asset, origin));
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(asset.endsWith('.css') ? /text\/css/ : /text\/javascript/);
      expect((await response.arrayBuffer()).byteLength).toBeGreaterThan(100);
    }
    // the root sends a browser to the IDE
    const root = await fetch(new URL('/', origin), { redirect: 'manual' });
    expect(root.status).toBe(302);
    expect(root.headers.get('location')).toBe('/graphql');
  });

  describe('in a real browser with every other host unreachable', () => {
    let browser: Browser;
    beforeAll(async () => {
      browser = await launchBrowser();
    });
    afterAll(() => browser?.close());

    it('opens with the first query and two more examples, and runs the first query', async () => {
      const page = await browser.newPage();
      const offHost: string[] = [];
      // the network beyond the gateway does not exist for this page
      await page.route('**/*', (route) => {
        const url = new URL(route.request().url());
        if (url.origin === origin) return route.continue();
        offHost.push(url.href);
        return route.abort('internetdisconnected');
      });
      const pageErrors: string[] = [];
      page.on('pageerror', (err) => pageErrors.push(err.message));

      await page.goto(graph.url, { waitUntil: 'load' });
      await page.locator('.graphiql-container').waitFor({ timeout: 30_000 });
      const tabs = await page.locator('.graphiql-tab').allInnerTexts();
      expect(tabs.map((t) => t.trim())).toEqual([
        'AuxiliaryBasesWithLatestAssessment',
        'TrainingProgressOfThePublicBrands',
        'MainBasesAndInstitutionsOfABrand',
      ]);

      await page.locator('.graphiql-tab').first().click();
      await page.locator('.graphiql-execute-button').click();
      const result = page.locator('.result-window');
      await expect(result.getByText('"latestAssessment"').first().waitFor({ timeout: 30_000 })).resolves.toBeUndefined();
      const text = await result.innerText();
      expect(text).toContain('天府数智工匠');
      expect(text).toContain('"result"');
      expect(text).not.toContain('"errors"');

      expect(pageErrors).toEqual([]);
      expect(offHost).toEqual([]);
      if (process.env.IDE_SCREENSHOT) await page.screenshot({ path: process.env.IDE_SCREENSHOT });
      await page.close();
    });
  });
});
