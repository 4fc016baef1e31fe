import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  EVENT_CONSUMERS,
  eventsAudience,
  GATEWAY_EVENTS_AUDIENCE,
  SERVICE_HEADER,
  sendJson,
  signViewerHeaders,
  verifyViewerHeaders,
  Viewer,
  type Logger,
  type ReplayCache,
} from '@skills-sichuan/runtime';

/** how long one subgraph may take to apply an event before the delivery counts as failed (the producer tries again) */
const APPLY_TIMEOUT_MS = 10_000;

/**
 * The embedded default's event router (POST /events): a subgraph's relay hands it an event,
 * signed with that subgraph's secret; it hands the event on to the subgraphs that act on its
 * type (EVENT_CONSUMERS), each signed with that one's secret, and answers 200 only when every
 * one has applied it. Otherwise 503, and the producer delivers it again later: at least once,
 * and the consumers' inboxes make that once in effect.
 */
export function eventRouter(options: {
  /** our subgraphs that take events, with where they are */
  subgraphs: () => { name: string; url: string }[];
  subgraphSecret: (name: string) => string;
  replays: ReplayCache;
  log: Logger;
  /** told, once every consumer has applied an event, which services wrote (the producer and its consumers) */
  applied?: (services: string[]) => Promise<void> | undefined;
}) {
  return async (req: IncomingMessage, res: ServerResponse, rawBody: string, requestId: string): Promise<void> => {
    const producer = req.headers[SERVICE_HEADER];
    const consumers = options.subgraphs();
    if (typeof producer !== 'string' || !consumers.some((s) => s.name === producer))
      return sendJson(res, 401, {
        errors: [{ message: 'events come from the graph’s own subgraphs only', extensions: { code: 'UNAUTHENTICATED' } }],
      });
    try {
      verifyViewerHeaders(req.headers, {
        secret: options.subgraphSecret(producer),
        requestId,
        direction: 'subgraph-to-gateway',
        audience: GATEWAY_EVENTS_AUDIENCE,
        body: rawBody,
        replays: options.replays,
      });
    } catch (err) {
      options.log.warn({ requestId, producer, reason: (err as Error).message }, 'refused an event');
      return sendJson(res, 401, { errors: [{ message: (err as Error).message, extensions: { code: 'UNAUTHENTICATED' } }] });
    }
    const type = eventType(rawBody);
    if (!type) {
      options.log.warn({ requestId, producer }, 'refused an event of no known type');
      return sendJson(res, 400, { errors: [{ message: 'not an event of the catalogue', extensions: { code: 'BAD_USER_INPUT' } }] });
    }
    const routed: readonly string[] = EVENT_CONSUMERS[type];
    const results = await Promise.all(
      consumers
        .filter((s) => s.name !== producer && routed.includes(s.name))
        .map(async ({ name, url }) => {
          try {
            const response = await fetch(new URL('/events', url), {
              method: 'POST',
              headers: {
                'content-type': 'application/json',
                'x-request-id': requestId,
                ...signViewerHeaders({
                  viewer: Viewer.public(),
                  secret: options.subgraphSecret(name),
                  requestId,
                  direction: 'gateway-to-subgraph',
                  audience: eventsAudience(name),
                  body: rawBody,
                }),
              },
              body: rawBody,
              signal: AbortSignal.timeout(APPLY_TIMEOUT_MS),
            });
            return {
              name,
              ok: response.ok,
              receipt: response.ok ? ((await response.json()) as { receipt?: string }).receipt : `HTTP ${response.status}`,
            };
          } catch (err) {
            return { name, ok: false, receipt: (err as Error).name === 'TimeoutError' ? 'timeout' : 'unreachable' };
          }
        }),
    );
    const failed = results.filter((r) => !r.ok);
    const receipts = Object.fromEntries(results.map((r) => [r.name, r.receipt]));
    if (failed.length > 0) {
      options.log.warn({ requestId, producer, receipts }, 'an event could not be handed to every subgraph; its producer delivers it again');
      return sendJson(res, 503, { delivered: false, receipts });
    }
    await options.applied?.([producer, ...results.map((r) => r.name)]);
    sendJson(res, 200, { delivered: true, receipts });
  };
}

/** the type of a delivered event, if it is one the routing table knows */
function eventType(rawBody: string): keyof typeof EVENT_CONSUMERS | null {
  try {
    const { type } = JSON.parse(rawBody) as { type?: unknown };
    return typeof type === 'string' && Object.hasOwn(EVENT_CONSUMERS, type) ? (type as keyof typeof EVENT_CONSUMERS) : null;
  } catch {
    return null;
  }
}
