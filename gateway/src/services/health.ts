import CircuitBreaker from 'opossum';
import type { Logger, ServiceMetrics } from '@skills-sichuan/runtime';
import type { Counter, Histogram } from 'prom-client';

/** How the gateway treats a service that keeps failing (opossum's circuit breaker). */
export const BREAKER = {
  /** failures in the rolling window, as a share of calls, that open the circuit */
  errorThresholdPercentage: 50,
  /** calls the window must hold before it may open: one slow request is not an outage */
  volumeThreshold: 5,
  rollingCountTimeout: 10_000,
  /** open this long, then one call goes through (half-open): a success closes it */
  resetTimeout: 2_000,
};
/** how often our subgraphs' /health is asked, and how long an answer may take */
export const PROBE = { intervalMs: 1_000, timeoutMs: 1_000 };

export type ServiceState = 'up' | 'down';
export interface ServiceReport {
  state: ServiceState;
  circuit: 'closed' | 'open' | 'half-open';
  /** ISO instant of the last change of state */
  since: string;
}

/** The gateway's view of one service: its breaker, and whether it answers. */
export class ServiceHealth {
  readonly breaker: CircuitBreaker<[() => Promise<unknown>], unknown>;
  private state: ServiceState = 'up';
  private failedProbes = 0;
  private since = new Date().toISOString();

  constructor(
    readonly service: string,
    /** a client's refusal (a 400 of the client's own errors) is not the service failing */
    isClientRefusal: (error: unknown) => boolean,
    private readonly log: Logger,
  ) {
    this.breaker = new CircuitBreaker((call: () => Promise<unknown>) => call(), {
      ...BREAKER,
      // the fetch's own signal bounds each call (the service's timeout); the breaker only counts
      timeout: false,
      errorFilter: isClientRefusal,
      name: service,
    });
    this.breaker.on('open', () => this.mark('down', 'its calls keep failing: not called for a moment'));
    this.breaker.on('halfOpen', () => log.info({ service }, 'probing a service whose circuit was open'));
    this.breaker.on('close', () => this.mark('up', 'answering again'));
  }

  /** Runs one call through the breaker: rejected at once (EOPENBREAKER) while the circuit is open. */
  fire<T>(call: () => Promise<T>): Promise<T> {
    return this.breaker.fire(call) as Promise<T>;
  }

  /** What a probe of the service found: the breaker follows, so fetches fail fast as soon as it is known down and resume as soon as it is back. */
  probed(answered: boolean): void {
    this.failedProbes = answered ? 0 : this.failedProbes + 1;
    if (answered && !this.breaker.closed) this.breaker.close();
    // two probes in a row, so one slow moment on a loaded machine is not an outage
    else if (this.failedProbes === 2 && this.breaker.closed) this.breaker.open();
  }

  report(): ServiceReport {
    const circuit = this.breaker.opened ? 'open' : this.breaker.halfOpen ? 'half-open' : 'closed';
    return { state: this.breaker.opened ? 'down' : this.state, circuit, since: this.since };
  }

  shutdown(): void {
    this.breaker.shutdown();
  }

  private mark(state: ServiceState, why: string): void {
    if (state === this.state) return;
    this.state = state;
    this.since = new Date().toISOString();
    (state === 'down' ? this.log.warn : this.log.info).call(this.log, { service: this.service }, `${this.service} is ${state}: ${why}`);
  }
}

/** What the gateway counts of its fetches, shared by every service client. */
export interface FetchMetrics {
  duration: Histogram<'subgraph' | 'outcome'>;
  failures: Counter<'subgraph' | 'reason'>;
  /** reads that joined an identical one in flight instead of fetching */
  joined: Counter<'subgraph'>;
}

export function fetchMetrics(metrics: ServiceMetrics): FetchMetrics {
  return {
    duration: metrics.histogram('subgraph_fetch_duration_seconds', 'Fetches to each subgraph (partners included) and their latency', [
      'subgraph',
      'outcome',
    ]),
    failures: metrics.counter('subgraph_fetch_failures_total', 'Fetches that got no usable answer, by subgraph and reason', [
      'subgraph',
      'reason',
    ]),
    joined: metrics.counter(
      'subgraph_fetches_joined_total',
      'Reads that joined an identical read in flight for the same viewer instead of fetching',
      ['subgraph'],
    ),
  };
}

/**
 * Every service's health, for the clients, /ready and /metrics; our own subgraphs also probed
 * at their /health, so one that stops answering is known down before a client's request finds it.
 */
export class GraphHealth {
  private readonly services = new Map<string, ServiceHealth>();
  private readonly probes = new Map<string, string>();
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly log: Logger,
    private readonly isClientRefusal: (error: unknown) => boolean,
    metrics: ServiceMetrics,
  ) {
    metrics.gauge('subgraph_circuit_open', 'Whether the circuit to a subgraph is open (1) or half-open (0.5)', ['subgraph'], (gauge) => {
      for (const [name, health] of this.services)
        gauge.set({ subgraph: name }, health.breaker.opened ? 1 : health.breaker.halfOpen ? 0.5 : 0);
    });
  }

  of(service: string): ServiceHealth {
    let health = this.services.get(service);
    if (!health) {
      health = new ServiceHealth(service, this.isClientRefusal, this.log);
      this.services.set(service, health);
    }
    return health;
  }

  /** Probes the service's /health, beside its GraphQL endpoint, every PROBE.intervalMs. */
  probe(service: string, graphqlUrl: string): void {
    this.of(service);
    this.probes.set(service, new URL('/health', graphqlUrl).href);
    if (this.timer) return;
    this.timer = setInterval(() => void this.probeAll(), PROBE.intervalMs);
    this.timer.unref();
  }

  report(): Record<string, ServiceReport> {
    return Object.fromEntries([...this.services].map(([name, health]) => [name, health.report()]));
  }

  stop(): void {
    clearInterval(this.timer);
    for (const health of this.services.values()) health.shutdown();
  }

  private async probeAll(): Promise<void> {
    await Promise.all(
      [...this.probes].map(async ([service, url]) => {
        const answered = await fetch(url, { signal: AbortSignal.timeout(PROBE.timeoutMs) }).then(
          (response) => response.ok,
          () => false,
        );
        this.of(service).probed(answered);
      }),
    );
  }
}
