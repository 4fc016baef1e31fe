import type { IncomingHttpHeaders } from 'node:http';
import { GraphQLError } from 'graphql';
import {
  ErrorCode,
  GATEWAY_AUDIENCE,
  SERVICE_HEADER,
  Viewer,
  verifyViewerHeaders,
  type Logger,
  type ReplayCache,
} from '@skills-sichuan/runtime';
import { KeySetUnavailable, TokenError, verifyToken, type TokenConfig } from './jwt';

export type { TokenConfig } from './jwt';

const refusal = (requestId: string) => (message: string) =>
  new GraphQLError(message, { extensions: { code: ErrorCode.UNAUTHENTICATED, requestId, http: { status: 401 } } });

export interface Authentication {
  token: TokenConfig;
  /** the subgraphs whose own reads of the graph are accepted, with the secret each shares with the gateway */
  subgraphSecret: (subgraph: string) => string;
  subgraphs: ReadonlySet<string>;
  /** the subgraphs' signatures already accepted: each is accepted once */
  replays?: ReplayCache;
  /** where an unreachable key set is reported with its cause (the client sees only that it may retry) */
  log?: Logger;
}

/**
 * The viewer a request speaks for: PUBLIC without a token; the token's viewer; or, for a
 * subgraph reading the graph (GraphClient), the viewer it was already handed, signed
 * with that subgraph's secret. Anything bad or expired is refused with 401; a token that
 * cannot be checked because the identity provider's keys cannot be fetched, with 503.
 */
export interface IncomingRequest {
  headers: IncomingHttpHeaders;
  method?: string;
  url?: string;
  /** the body exactly as received: a subgraph's signature covers it */
  rawBody: string;
}

export async function authenticate(request: IncomingRequest, requestId: string, config: Authentication): Promise<Viewer> {
  const { headers } = request;
  const unauthenticated = refusal(requestId);
  const service = headers[SERVICE_HEADER];
  if (service !== undefined) {
    if (typeof service !== 'string' || !config.subgraphs.has(service)) throw unauthenticated(`unknown service ${JSON.stringify(service)}`);
    try {
      return verifyViewerHeaders(headers, {
        secret: config.subgraphSecret(service),
        requestId,
        direction: 'subgraph-to-gateway',
        audience: GATEWAY_AUDIENCE,
        // GraphClient signs only POST bodies; a GET is bound to its URL, which nobody signs
        body: request.method === 'POST' ? request.rawBody : `${request.method} ${request.url}`,
        replays: config.replays,
      });
    } catch (err) {
      throw unauthenticated(`service ${service}: ${(err as Error).message}`);
    }
  }
  const authorization = headers.authorization;
  if (authorization === undefined || authorization === '') return Viewer.public();
  // the scheme is case-insensitive (RFC 9110 §11.1)
  const match = /^Bearer ([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)$/i.exec(authorization);
  if (!match) throw unauthenticated('the Authorization header must be "Bearer <token>"');
  let claims: unknown;
  try {
    claims = await verifyToken(match[1], config.token);
  } catch (err) {
    if (err instanceof TokenError) throw unauthenticated(err.message);
    if (err instanceof KeySetUnavailable) {
      config.log?.warn({ err: err.cause, requestId }, 'the identity provider’s key set could not be fetched');
      throw new GraphQLError(`${err.message}; try again`, {
        extensions: { code: ErrorCode.SERVICE_UNAVAILABLE, requestId, http: { status: 503 } },
      });
    }
    throw err;
  }
  try {
    return Viewer.fromClaims(claims);
  } catch (err) {
    throw unauthenticated(`the bearer token’s claims are unusable: ${(err as Error).message}`);
  }
}
