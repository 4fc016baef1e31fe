/**
 * OpenTelemetry traces, off unless OTEL_EXPORTER_OTLP_ENDPOINT (or
 * OTEL_EXPORTER_OTLP_TRACES_ENDPOINT) is set: then every service exports its spans over OTLP/HTTP,
 * one trace per client request — the gateway's own spans (request, plan, each subgraph fetch),
 * each service's HTTP server span, and a span per SQL statement (its text, never its
 * parameters: packages/database/src/observe.ts). Load it before anything else so that node:http
 * is instrumented: `node --require @skills-sichuan/runtime/dist/tracing.js <entry>` (npm start
 * does), with OTEL_SERVICE_NAME naming the service. Off, it loads nothing of the SDK.
 */
import type { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';

let provider: NodeTracerProvider | undefined;

/** the paths no trace is made for: probes and scrapes every second would drown the requests */
const UNTRACED = new Set(['/health', '/ready', '/metrics']);

export function tracingEnabled(env: NodeJS.ProcessEnv = process.env): boolean {
  return Boolean(env.OTEL_EXPORTER_OTLP_ENDPOINT || env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT);
}

/** Starts exporting spans, once per process, when tracing is configured. */
export function startTracing(env: NodeJS.ProcessEnv = process.env): void {
  if (provider || !tracingEnabled(env)) return;
  // required here, not imported at the top: a service without tracing loads none of the SDK
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { NodeTracerProvider: Provider } = require('@opentelemetry/sdk-trace-node') as typeof import('@opentelemetry/sdk-trace-node');
  const { BatchSpanProcessor } = require('@opentelemetry/sdk-trace-base') as typeof import('@opentelemetry/sdk-trace-base');
  const { OTLPTraceExporter } =
    require('@opentelemetry/exporter-trace-otlp-http') as typeof import('@opentelemetry/exporter-trace-otlp-http');
  const { resourceFromAttributes } = require('@opentelemetry/resources') as typeof import('@opentelemetry/resources');
  const { registerInstrumentations } = require('@opentelemetry/instrumentation') as typeof import('@opentelemetry/instrumentation');
  const { HttpInstrumentation } = require('@opentelemetry/instrumentation-http') as typeof import('@opentelemetry/instrumentation-http');
  /* eslint-enable @typescript-eslint/no-require-imports */
  provider = new Provider({
    resource: resourceFromAttributes({ 'service.name': env.OTEL_SERVICE_NAME ?? 'skills-sichuan' }),
    spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter(), { scheduledDelayMillis: 1_000 })],
  });
  // the W3C traceparent header carries the trace from the gateway into each subgraph
  provider.register();
  registerInstrumentations({
    tracerProvider: provider,
    instrumentations: [
      new HttpInstrumentation({
        ignoreIncomingRequestHook: (req) => UNTRACED.has(new URL(req.url ?? '/', 'http://service').pathname),
        ignoreOutgoingRequestHook: (req) => UNTRACED.has(String(req.path ?? '').split('?')[0]),
      }),
    ],
  });
}

/** Sends the spans still buffered: called as a service stops, so its last requests are not lost. */
export async function flushTracing(): Promise<void> {
  await provider?.forceFlush();
}

// loaded with --require: start at once
startTracing();
