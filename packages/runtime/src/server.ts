import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID, timingSafeEqual } from 'node:crypto';
import { ApolloServer, HeaderMap, type BaseContext } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import type { Logger } from './logger';
import type { ServiceMetrics } from './metrics';
import { flushTracing } from './tracing';

export type HttpRoute = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

/** A GraphQL request as read off the wire, before Apollo Server runs it. */
export interface GraphQLHttpRequest<C> {
  readonly req: IncomingMessage;
  /** the body as parsed (undefined when it is not JSON) and exactly as received */
  readonly body: unknown;
  readonly raw: string;
  readonly requestId: string;
  /** the request's context, made once: the same value Apollo Server is given */
  context(): Promise<C>;
}

/** An answer as sent: what Apollo Server wrote, or what was kept of it. */
export interface HttpAnswer {
  status: number;
  headers: [string, string][];
  body: string;
}

/**
 * Answers kept in front of Apollo Server (the gateway's response cache): a request answered here
 * skips the whole GraphQL pipeline; every other is offered the answer Apollo Server gave.
 */
export interface KeptAnswers<C> {
  find(request: GraphQLHttpRequest<C>): Promise<HttpAnswer | undefined>;
  offer(request: GraphQLHttpRequest<C>, answer: HttpAnswer): void;
}

export interface ServeOptions<C extends BaseContext> {
  name: string;
  host: string;
  port: number;
  apollo: ApolloServer<C>;
  /** rawBody: the body exactly as received ('' for none), for checking a signature over it */
  context: (req: IncomingMessage, requestId: string, rawBody: string) => Promise<C>;
  log: Logger;
  /** extra GET routes by exact path (the gateway's IDE assets) */
  routes?: Record<string, HttpRoute>;
  /** POST routes by exact path, given the body as received (at most maxBodyBytes): the event routes */
  postRoutes?: Record<string, (req: IncomingMessage, res: ServerResponse, rawBody: string, requestId: string) => Promise<void>>;
  /** largest request body accepted, in bytes */
  maxBodyBytes?: number;
  /**
   * A larger ceiling for one kind of request only (the gateway's file import): a body over
   * maxBodyBytes, up to maxBytes, is read and parsed, then refused with the same 413 unless
   * admits(body, bytes) says it is such a request.
   */
  bulkBody?: { maxBytes: number; admits: (body: unknown, bytes: number) => boolean };
  /** consulted before, and offered each answer after, Apollo Server */
  answers?: KeptAnswers<C>;
  /** wraps each GraphQL request's execution, e.g. to give it an account of its own (a subgraph's database time) */
  perRequest?: <T>(run: () => Promise<T>) => Promise<T>;
  /** runs after the HTTP server has drained: close databases, timers */
  onStop?: () => Promise<void>;
  /** served at /metrics (Prometheus text), and every GraphQL request counted and timed */
  metrics?: ServiceMetrics;
  /** METRICS_TOKEN: when set, /metrics answers only `Authorization: Bearer <token>` */
  metricsToken?: string;
}

export interface RunningService {
  readonly name: string;
  /** the GraphQL endpoint, e.g. http://127.0.0.1:4001/graphql */
  readonly url: string;
  readonly port: number;
  stop(): Promise<void>;
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{8,128}$/;

/** The caller's request id when it is well-formed (the gateway passes its own down), else a new one. */
export function requestIdOf(req: IncomingMessage): string {
  const given = req.headers['x-request-id'];
  return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
}

/** compared in constant time: how long a refusal takes says nothing of the token */
function sameSecret(given: string | undefined, expected: string): boolean {
  const a = Buffer.from(given ?? '');
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export function sendJson(res: ServerResponse, status: number, body: unknown) {
  res.statusCode = status;
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.end(JSON.stringify(body));
}

/** what is read and thrown away of a refused body before the connection is closed: bounds the cost of a polite 413 */
const DISCARD_BYTES = 32 * 1024 * 1024;
const DISCARD_MS = 10_000;

const tooLarge = (message: string) => new HttpError(413, 'PAYLOAD_TOO_LARGE', message);

/**
 * Reads the body up to the limit. Listeners, not `for await`: leaving an async iterator
 * early destroys the socket, and a client still writing its body then reads a reset
 * instead of the 413.
 */
function readBody(req: IncomingMessage, limit: number, refusal: string): Promise<{ body: unknown; raw: string; bytes: number }> {
  const type = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > limit) return Promise.reject(tooLarge(refusal));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) {
        chunks.push(chunk);
        return;
      }
      req.off('data', onData).off('end', onEnd);
      reject(tooLarge(refusal));
    };
    const onEnd = () => {
      if (size === 0) return resolve({ body: undefined, raw: '', bytes: 0 });
      const raw = Buffer.concat(chunks).toString('utf8');
      // Anything but JSON reaches Apollo Server without a body, which then refuses it (and CSRF-shaped requests) itself.
      if (type !== 'application/json') return resolve({ body: undefined, raw, bytes: size });
      try {
        resolve({ body: JSON.parse(raw), raw, bytes: size });
      } catch {
        reject(new HttpError(400, 'BAD_REQUEST', 'request body is not valid JSON'));
      }
    };
    req.on('data', onData).once('end', onEnd).once('error', reject);
  });
}

/**
 * A refusal sent before the body was read: the answer is written at once, then what the
 * client is still sending is read and dropped (up to a bound) before the connection
 * closes, so the client reads the answer instead of a reset.
 */
function refuseUnreadBody(req: IncomingMessage, res: ServerResponse, status: number, body: unknown) {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    connection: 'close',
  });
  res.write(text);
  if (req.complete) {
    res.end();
    return;
  }
  let discarded = 0;
  const timer = setTimeout(() => req.destroy(), DISCARD_MS);
  timer.unref();
  req.on('data', (chunk: Buffer) => {
    discarded += chunk.length;
    if (discarded > DISCARD_BYTES) req.destroy();
  });
  req.once('close', () => clearTimeout(timer));
  req.once('end', () => res.end());
  req.resume();
}

/**
 * The HTTP bootstrap every service shares: GraphQL at /graphql, liveness at /health, a
 * request id on every response, and a stop() that drains requests before closing.
 */
export async function serve<C extends BaseContext>(options: ServeOptions<C>): Promise<RunningService> {
  const { apollo, log, routes = {}, maxBodyBytes = 1024 * 1024, bulkBody } = options;
  const readLimit = Math.max(maxBodyBytes, bulkBody?.maxBytes ?? 0);
  const refusal =
    readLimit > maxBodyBytes
      ? `request body is larger than ${maxBodyBytes} bytes (${readLimit} for a bulk operation)`
      : `request body is larger than ${maxBodyBytes} bytes`;
  let stopping = false;

  const httpServer = http.createServer((req, res) => {
    const requestId = requestIdOf(req);
    res.setHeader('x-request-id', requestId);
    const { pathname, search } = new URL(req.url ?? '/', 'http://service');

    if (pathname === '/health') {
      sendJson(res, stopping ? 503 : 200, { status: stopping ? 'stopping' : 'ok', service: options.name });
      return;
    }
    if (pathname === '/metrics' && req.method === 'GET' && options.metrics) {
      if (options.metricsToken && !sameSecret(req.headers.authorization, `Bearer ${options.metricsToken}`)) {
        sendJson(res, 401, {
          errors: [{ message: 'metrics need the METRICS_TOKEN bearer', extensions: { code: 'UNAUTHENTICATED', requestId } }],
        });
        return;
      }
      const metrics = options.metrics;
      metrics.text().then(
        (text) => {
          res.writeHead(200, { 'content-type': metrics.contentType });
          res.end(text);
        },
        (err) => {
          log.error({ err, requestId }, 'metrics failed');
          sendJson(res, 500, { errors: [{ message: 'internal error', extensions: { code: 'INTERNAL_SERVER_ERROR', requestId } }] });
        },
      );
      return;
    }
    const route = req.method === 'GET' ? routes[pathname] : undefined;
    if (route) {
      Promise.resolve(route(req, res)).catch((err) => {
        log.error({ err, requestId }, 'route failed');
        if (!res.headersSent)
          sendJson(res, 500, { errors: [{ message: 'internal error', extensions: { code: 'INTERNAL_SERVER_ERROR', requestId } }] });
      });
      return;
    }
    const postRoute = req.method === 'POST' ? options.postRoutes?.[pathname] : undefined;
    if (postRoute) {
      readBody(req, maxBodyBytes, `request body is larger than ${maxBodyBytes} bytes`)
        .then(({ raw }) => postRoute(req, res, raw, requestId))
        .catch((err: unknown) => {
          if (err instanceof HttpError)
            return sendJson(res, err.status, { errors: [{ message: err.message, extensions: { code: err.code, requestId } }] });
          log.error({ err, requestId }, 'route failed');
          if (!res.headersSent)
            sendJson(res, 500, { errors: [{ message: 'internal error', extensions: { code: 'INTERNAL_SERVER_ERROR', requestId } }] });
        });
      return;
    }
    if (pathname !== '/graphql') {
      sendJson(res, 404, {
        errors: [{ message: `no such path; GraphQL is served at /graphql`, extensions: { code: 'NOT_FOUND', requestId } }],
      });
      return;
    }

    readBody(req, readLimit, refusal)
      .then(async ({ body, raw, bytes }) => {
        // a body past the ordinary limit is refused as if it had not been read, unless it is the bulk kind
        if (bytes > maxBodyBytes && !bulkBody?.admits(body, bytes)) throw tooLarge(refusal);
        let context: Promise<C> | undefined;
        const request: GraphQLHttpRequest<C> = {
          req,
          body,
          raw,
          requestId,
          context: () => (context ??= options.context(req, requestId, raw)),
        };
        const kept = await options.answers?.find(request);
        if (kept) {
          for (const [key, value] of kept.headers) res.setHeader(key, value);
          res.statusCode = kept.status;
          res.end(kept.body);
          return;
        }
        const headers = new HeaderMap();
        for (const [key, value] of Object.entries(req.headers)) {
          if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
        }
        const execute = () =>
          apollo.executeHTTPGraphQLRequest({
            httpGraphQLRequest: { method: (req.method ?? 'GET').toUpperCase(), headers, search, body },
            context: request.context,
          });
        const response = await (options.perRequest ? options.perRequest(execute) : execute());
        for (const [key, value] of response.headers) res.setHeader(key, value);
        res.statusCode = response.status ?? 200;
        if (response.body.kind === 'complete') {
          res.end(response.body.string);
          options.answers?.offer(request, { status: res.statusCode, headers: [...response.headers], body: response.body.string });
          return;
        }
        for await (const chunk of response.body.asyncIterator) res.write(chunk);
        res.end();
      })
      .catch((err: unknown) => {
        if (err instanceof HttpError) {
          const body = { errors: [{ message: err.message, extensions: { code: err.code, requestId } }] };
          if (err.status === 413) refuseUnreadBody(req, res, err.status, body);
          else sendJson(res, err.status, body);
          return;
        }
        log.error({ err, requestId }, 'request failed');
        if (!res.headersSent)
          sendJson(res, 500, { errors: [{ message: 'internal error', extensions: { code: 'INTERNAL_SERVER_ERROR', requestId } }] });
        else res.destroy();
      });
  });
  // longer than a gateway's or load balancer's idle timeout, so they close first and never reuse a dying socket
  httpServer.keepAliveTimeout = 65_000;
  httpServer.headersTimeout = 66_000;

  apollo.addPlugin(ApolloServerPluginDrainHttpServer({ httpServer, stopGracePeriodMillis: 5_000 }));
  if (options.metrics) apollo.addPlugin(options.metrics.plugin());
  await apollo.start();
  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(options.port, options.host, () => resolve());
  });
  const { port } = httpServer.address() as AddressInfo;
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;
  const url = `http://${host}:${port}/graphql`;
  log.info({ url }, `${options.name} listening`);

  let stopped: Promise<void> | undefined;
  return {
    name: options.name,
    url,
    port,
    stop() {
      stopped ??= (async () => {
        stopping = true;
        await apollo.stop();
        await options.onStop?.();
        log.info(`${options.name} stopped`);
      })();
      return stopped;
    },
  };
}

/** Stops the services cleanly on Ctrl-C or SIGTERM, then exits. */
export function stopOnSignals(services: RunningService[], log: Logger): void {
  let signalled = false;
  const stop = (signal: NodeJS.Signals) => {
    if (signalled) return;
    signalled = true;
    log.info({ signal }, 'stopping');
    Promise.all(services.map((s) => s.stop()))
      .then(() => flushTracing())
      .then(
        () => process.exit(0),
        (err) => {
          log.error({ err }, 'stop failed');
          process.exit(1);
        },
      );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
