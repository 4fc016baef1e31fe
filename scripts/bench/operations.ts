/** What the benchmarks ask the graph: the dashboard's operations and two of their shape, and how each is sent. */
import http from 'node:http';
import { dashboardOperations as registeredDashboardOperations, documentHash } from '@skills-sichuan/gateway';

export interface Operation {
  name: string;
  query: string;
  variables?: Record<string, unknown>;
  /** sent to this gateway as the dashboard sends it: by hash, as client `dashboard` */
  dashboard?: boolean;
}

export interface BenchRequest {
  body: unknown;
  headers: Record<string, string>;
}

/** the five public brands with target, progress by year, main bases with city, operator credit and latest assessment */
export const DASHBOARD_SHAPED = `query DashboardShaped {
  brands(level: PUBLIC_BRAND) {
    name
    trainingTarget { personTimes }
    trainingProgress { personTimes ratio byYear { year personTimes } }
    bases(tier: MAIN) {
      name
      city { name }
      operator { name credit { level score } }
      latestAssessment { year result qualityScore }
    }
  }
}`;

export const ONE_SUBGRAPH = `query PublicBrands {
  brands(level: PUBLIC_BRAND) { code name level sector provenance trainingTarget { personTimes deadline countsFrom } }
}`;

/** the dashboard's registered operations, with the variables its pages send */
export function dashboardOperations(ids: { brandId: string; baseId: string }): Operation[] {
  const byName = new Map(registeredDashboardOperations().map((o) => [o.name, o.document]));
  const variables: Record<string, Record<string, unknown>> = {
    DashboardOverview: { cityCode: null },
    BrandFigures: { brandId: ids.brandId, cityCode: null },
    Roster: { filter: { brandId: ids.brandId, status: 'ACTIVE' }, first: 50 },
    BasePage: { id: ids.baseId },
  };
  return Object.entries(variables).map(([name, v]) => ({ name, query: byName.get(name)!, variables: v, dashboard: true }));
}

/** the ids the dashboard's operations ask about: 天府新农人 and its first main base */
export async function dashboardIds(gatewayUrl: string): Promise<{ brandId: string; baseId: string }> {
  const { text } = await post(gatewayUrl, { query: '{ brand(code: "NEW_FARMER") { id bases(tier: MAIN) { id } } }' });
  const { data } = JSON.parse(text) as { data: { brand: { id: string; bases: { id: string }[] } } };
  return { brandId: data.brand.id, baseId: data.brand.bases[0].id };
}

/** a dashboard operation as the dashboard sends it to this gateway: its hash alone, as client `dashboard` */
export function asTheDashboardSends(operation: Operation): BenchRequest {
  return {
    body: {
      variables: operation.variables ?? {},
      extensions: { persistedQuery: { version: 1, sha256Hash: documentHash(operation.query) } },
    },
    headers: { 'apollographql-client-name': 'dashboard' },
  };
}

/** the closed loops' connections: the agent keeps as many sockets */
export const CONNECTIONS = 20;
const agent = new http.Agent({ keepAlive: true, maxSockets: CONNECTIONS });

/** a POST on a keep-alive connection: status and body text */
export function post(url: string, body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; text: string }> {
  const payload = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const request = http.request(
      url,
      { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload), ...headers } },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
        response.on('error', reject);
      },
    );
    request.on('error', reject);
    request.end(payload);
  });
}
