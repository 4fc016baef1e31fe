/**
 * npm run bench:dashboard [-- --screenshots docs/images] — the dashboard at seed scale 1 (the
 * plan's ~330,000 person-times), in the Chromium the lockfile installs: first contentful paint
 * and the time until every figure is shown, for the public overview, the overview signed in as
 * the program office (the alerts too) and a base's page; each in a fresh browser context (nothing
 * cached) and again in the same context (the bundle and fonts cached), medians of BENCH_RUNS (5).
 * Reported, never asserted: the machine is shared. BENCH_DATABASE=postgres runs it on PostgreSQL.
 * Writes .bench/dashboard-<database>.json; with --screenshots, the overview and a base's page as PNG.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Role } from '@skills-sichuan/runtime';
import { DEFAULT_PROGRAM } from '@skills-sichuan/subgraph-kit';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from '../browser';
import { openDashboard, settled } from '../dashboard-page';
import { startGraph } from '../graph';
import { median } from './measure';

const ROOT = path.resolve(__dirname, '../../..');
process.env.LOG_LEVEL ??= 'warn';
const database = process.env.BENCH_DATABASE === 'postgres' ? 'postgres' : 'sqlite';
const runs = Number(process.env.BENCH_RUNS ?? 5);
const screenshotsAt = process.argv.indexOf('--screenshots');
const screenshots = screenshotsAt >= 0 ? path.resolve(process.argv[screenshotsAt + 1]) : undefined;

interface Timing {
  firstContentfulPaintMs: number;
  figuresMs: number;
}

const firstPaint = (page: Page) =>
  page.evaluate(() => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? Number.NaN) as Promise<number>;

/** where the dashboard keeps a signed-in tab's token (dashboard/src/session.ts) */
const TOKEN_KEY = 'skills-sichuan.dashboard.token';

/** one view, cold (a new context: nothing cached) then warm (reloaded in it); signed in from the first load when a token is given */
async function measure(browser: Browser, origin: string, view: { token?: string; hash?: string }): Promise<{ cold: Timing; warm: Timing }> {
  const context = await browser.newContext();
  try {
    if (view.token)
      await context.addInitScript(
        ([key, token]) =>
          (globalThis as unknown as { sessionStorage: { setItem(k: string, v: string): void } }).sessionStorage.setItem(key, token),
        [TOKEN_KEY, view.token],
      );
    const { page, offHost } = await openDashboard(context, origin, { hash: view.hash });
    const cold = { firstContentfulPaintMs: await firstPaint(page), figuresMs: await settled(page) };
    await page.reload();
    const figuresMs = await settled(page);
    const warm = { firstContentfulPaintMs: await firstPaint(page), figuresMs };
    if (offHost.length > 0) throw new Error(`the dashboard asked other hosts: ${offHost.join(', ')}`);
    return { cold, warm };
  } finally {
    await context.close();
  }
}

const round = (n: number) => Math.round(n);

async function main() {
  const started = Date.now();
  const graph = await startGraph({ program: DEFAULT_PROGRAM, database });
  const graphStartWithSeedingMs = Date.now() - started;
  const browser = await launchBrowser();
  try {
    const origin = new URL(graph.url).origin;
    const office = await graph.tokenFor({ role: Role.PROVINCIAL_ADMIN, sub: 'bench-dashboard' });
    const { data } = (
      await graph.query<{ bases: { nodes: { id: string }[] } }>('{ bases(filter: { tier: MAIN }, first: 1) { nodes { id } } }')
    ).body;
    const base = data!.bases.nodes[0].id;
    const views: Record<string, { token?: string; hash?: string }> = {
      publicOverview: {},
      officeOverview: { token: office },
      basePage: { hash: `#/base/${base}` },
    };
    const results: Record<string, { cold: Timing; warm: Timing }> = {};
    for (const [name, view] of Object.entries(views)) {
      const samples: { cold: Timing; warm: Timing }[] = [];
      for (let i = 0; i < runs; i++) samples.push(await measure(browser, origin, view));
      const med = (pick: (s: { cold: Timing; warm: Timing }) => number) => round(median(samples.map(pick)));
      results[name] = {
        cold: { firstContentfulPaintMs: med((s) => s.cold.firstContentfulPaintMs), figuresMs: med((s) => s.cold.figuresMs) },
        warm: { firstContentfulPaintMs: med((s) => s.warm.firstContentfulPaintMs), figuresMs: med((s) => s.warm.figuresMs) },
      };
    }
    if (screenshots) {
      fs.mkdirSync(screenshots, { recursive: true });
      const overview = await openDashboard(browser, origin, { token: office });
      await overview.page.screenshot({ path: path.join(screenshots, 'dashboard-overview.png'), fullPage: true });
      await overview.page.close();
      const page = await openDashboard(browser, origin, { token: office, hash: `#/base/${base}` });
      await page.page.screenshot({ path: path.join(screenshots, 'dashboard-base.png'), fullPage: true });
      await page.page.close();
    }
    const result = {
      database,
      seed: DEFAULT_PROGRAM,
      node: process.version,
      cpus: os.cpus().length,
      runs,
      graphStartWithSeedingMs,
      results,
    };
    fs.mkdirSync(path.join(ROOT, '.bench'), { recursive: true });
    fs.writeFileSync(path.join(ROOT, `.bench/dashboard-${database}.json`), `${JSON.stringify(result, null, 2)}\n`);
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  } finally {
    await browser.close();
    await graph.stop();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
