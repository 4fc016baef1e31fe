import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { HttpRoute } from '@skills-sichuan/runtime';
import { operationNameOf, type RegisteredOperation } from '../operations/registered';

/** The client name the dashboard sends (apollographql-client-name) and registers its operations under. */
export const DASHBOARD_CLIENT = 'dashboard';

/**
 * The dashboard's bundle, built from dashboard/ by `npm ci`, `npm start` and `npm test` (its build.mjs);
 * the gateway serves it at /dashboard and registers its operations as trusted documents.
 */
export function dashboardDist(): string {
  const dist = path.join(path.dirname(require.resolve('@skills-sichuan/dashboard/package.json')), 'dist');
  if (!fs.existsSync(path.join(dist, 'operations.json')))
    throw new Error(`the dashboard is not built (${dist} is missing): run \`npm run build\``);
  return dist;
}

/** The dashboard's operations: dist/operations.json, GraphQL Code Generator's persisted documents ("sha256:<hex>" → text). */
export function dashboardOperations(dist = dashboardDist()): RegisteredOperation[] {
  const manifest = JSON.parse(fs.readFileSync(path.join(dist, 'operations.json'), 'utf8')) as Record<string, string>;
  return Object.values(manifest).map((document) => ({ client: DASHBOARD_CLIENT, name: operationNameOf(document), document }));
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
};

// as the page's meta tag: only this gateway's own files run, and the page talks to this gateway alone
const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self'; connect-src 'self'; frame-ancestors 'none'";

/** Read on first request and kept: the same files for every gateway in the process. */
const files = new Map<string, { body: Buffer; etag: string }>();

function file(absolute: string) {
  let entry = files.get(absolute);
  if (!entry) {
    const body = fs.readFileSync(absolute);
    entry = { body, etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"` };
    files.set(absolute, entry);
  }
  return entry;
}

function serveFile(absolute: string): HttpRoute {
  const type = TYPES[path.extname(absolute)] ?? 'application/octet-stream';
  // the fonts' names carry their hash; the page, script and style keep their names and are revalidated
  const cache = absolute.includes(`${path.sep}fonts${path.sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache';
  return (req, res) => {
    const { body, etag } = file(absolute);
    res.setHeader('etag', etag);
    res.setHeader('cache-control', cache);
    res.setHeader('x-content-type-options', 'nosniff');
    if (type.startsWith('text/html')) res.setHeader('content-security-policy', CSP);
    if (req.headers['if-none-match'] === etag) {
      res.statusCode = 304;
      res.end();
      return;
    }
    res.setHeader('content-type', type);
    res.end(body);
  };
}

/** Every file of the bundle at /dashboard/<file>, and the page at /dashboard and /dashboard/. */
export function dashboardRoutes(dist = dashboardDist()): Record<string, HttpRoute> {
  const routes: Record<string, HttpRoute> = {};
  for (const entry of fs.readdirSync(dist, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || entry.name === 'operations.json') continue;
    const absolute = path.join(entry.parentPath, entry.name);
    routes[`/dashboard/${path.relative(dist, absolute).split(path.sep).join('/')}`] = serveFile(absolute);
  }
  const page = serveFile(path.join(dist, 'index.html'));
  routes['/dashboard'] = page;
  routes['/dashboard/'] = page;
  delete routes['/dashboard/index.html'];
  return routes;
}
