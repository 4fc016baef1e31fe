import type { ApolloServerPlugin } from '@apollo/server';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** seconds; from a cached read to a slow dashboard query */
const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
/** operation names become label values: beyond this many distinct ones, the rest count as "other" (a client inventing names cannot grow the registry) */
const MAX_OPERATION_NAMES = 200;

/**
 * One service's Prometheus metrics (prom-client), served at /metrics: the process's own
 * (CPU, memory, event-loop lag, GC), GraphQL requests and their latency by operation name,
 * and whatever the service adds (the gateway its fetches, a subgraph its SQL). A registry per
 * service, not prom-client's global one, so the five services of a test run in one process apart.
 */
export class ServiceMetrics {
  readonly registry = new Registry();
  private readonly requests: Counter<'operation' | 'outcome'>;
  private readonly latency: Histogram<'operation'>;
  private readonly operations = new Set<string>();

  constructor(readonly service: string) {
    this.registry.setDefaultLabels({ service });
    collectDefaultMetrics({ register: this.registry });
    this.requests = this.counter(
      'graphql_requests_total',
      'GraphQL requests by operation and outcome (ok, partial: data with errors, error: no data)',
      ['operation', 'outcome'],
    );
    this.latency = this.histogram('graphql_request_duration_seconds', 'GraphQL request latency by operation', ['operation']);
  }

  counter<L extends string>(name: string, help: string, labelNames: readonly L[] = []): Counter<L> {
    return new Counter({ name, help, labelNames, registers: [this.registry] });
  }

  histogram<L extends string>(name: string, help: string, labelNames: readonly L[] = [], buckets = LATENCY_BUCKETS): Histogram<L> {
    return new Histogram({ name, help, labelNames, buckets, registers: [this.registry] });
  }

  /** a gauge read when scraped: `collect` sets its values from the state it reports */
  gauge<L extends string>(name: string, help: string, labelNames: readonly L[], collect: (gauge: Gauge<L>) => void): Gauge<L> {
    return new Gauge({
      name,
      help,
      labelNames,
      registers: [this.registry],
      collect() {
        collect(this);
      },
    });
  }

  /** The operation's name as a label value: known names, "anonymous", or "other" past the bound. */
  operationLabel(name: string | null | undefined): string {
    if (!name) return 'anonymous';
    if (this.operations.has(name)) return name;
    if (this.operations.size >= MAX_OPERATION_NAMES) return 'other';
    this.operations.add(name);
    return name;
  }

  /** Counts and times every GraphQL request Apollo Server answers. */
  plugin(): ApolloServerPlugin {
    return {
      requestDidStart: async () => {
        const started = performance.now();
        return {
          willSendResponse: async ({ response, operationName }) => {
            const body = response.body.kind === 'single' ? response.body.singleResult : undefined;
            this.answered(operationName, !body?.errors ? 'ok' : body.data ? 'partial' : 'error', started);
          },
        };
      },
    };
  }

  /** one GraphQL request answered (by Apollo Server, or from the gateway's kept answers), started at `started` (performance.now()) */
  answered(operationName: string | null | undefined, outcome: 'ok' | 'partial' | 'error', started: number): void {
    const operation = this.operationLabel(operationName);
    this.requests.inc({ operation, outcome });
    this.latency.observe({ operation }, (performance.now() - started) / 1000);
  }

  /** the exposition text a Prometheus scrape reads */
  text(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}
