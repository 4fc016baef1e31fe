import type { Browser, BrowserContext, Page } from 'playwright-core';

/** The dashboard open in a browser tab, with every host but the gateway unreachable, and what the page tried beyond it. */
export interface DashboardTab {
  page: Page;
  /** requests the page made to any other origin (each refused as if offline) */
  offHost: string[];
  pageErrors: string[];
}

/**
 * Opens /dashboard<hash> in a new tab (of `context`, or a new one of `browser`), signs in with
 * `token` when given, and waits until every panel has answered.
 */
export async function openDashboard(
  at: Browser | BrowserContext,
  origin: string,
  options: { token?: string; hash?: string } = {},
): Promise<DashboardTab> {
  const page = await at.newPage({ viewport: { width: 1360, height: 900 } });
  const tab: DashboardTab = { page, offHost: [], pageErrors: [] };
  // the network beyond the gateway does not exist for this page
  await page.route('**/*', (route) => {
    const url = new URL(route.request().url());
    if (url.origin === origin) return route.continue();
    tab.offHost.push(url.href);
    return route.abort('internetdisconnected');
  });
  page.on('pageerror', (err) => tab.pageErrors.push(err.message));
  await page.goto(`${origin}/dashboard${options.hash ?? ''}`);
  if (options.token) {
    await page.getByLabel('访问令牌').fill(options.token);
    await page.getByRole('button', { name: '登录' }).click();
  }
  await settled(page);
  return tab;
}

/** Runs in the page (a function, not a string: the page's CSP allows no eval). */
function panelsAnswered(): number | false {
  const page = globalThis as unknown as {
    document: { querySelector(selector: string): unknown; querySelectorAll(selector: string): { length: number } };
    performance: { now(): number };
  };
  const shown = page.document.querySelector('[data-panel]') !== null;
  return shown && page.document.querySelectorAll('[aria-busy="true"]').length === 0 && page.performance.now();
}

/** Resolves, with the page's clock then (ms since navigation), once a panel is shown and none is loading. */
export async function settled(page: Page, timeoutMs = 30_000): Promise<number> {
  const at = await page.waitForFunction(panelsAnswered, undefined, { timeout: timeoutMs, polling: 'raf' });
  return (await at.jsonValue()) as number;
}
