import type { IncomingHttpHeaders } from 'node:http';
import { GraphQLError } from 'graphql';
import { ErrorCode, SERVICE_HEADER, Viewer, verifyViewerHeaders } from '@skills-sichuan/runtime';
import { TokenError, verifyToken } from './jwt';

export interface TokenConfig {
  secret: string;
  issuer: string;
}

const refusal = (requestId: string) => (message: string) =>
  new GraphQLError(message, { extensions: { code: ErrorCode.UNAUTHENTICATED, requestId, http: { status: 401 } } });

export interface Authentication {
  token: TokenConfig;
  /** the subgraphs whose own reads of the graph are accepted, with the secret each shares with the gateway */
  subgraphSecret: (subgraph: string) => string;
  subgraphs: ReadonlySet<string>;
}

/**
 * The viewer a request speaks for: PUBLIC without a token; the token's viewer; or, for a
 * subgraph reading the graph (GraphClient), the viewer it was already handed, signed
 * with that subgraph's secret. Anything bad or expired is refused with 401.
 */
export function authenticate(headers: IncomingHttpHeaders, requestId: string, config: Authentication): Viewer {
  const unauthenticated = refusal(requestId);
  const service = headers[SERVICE_HEADER];
  if (service !== undefined) {
    if (typeof service !== 'string' || !config.subgraphs.has(service)) throw unauthenticated(`unknown service ${JSON.stringify(service)}`);
    try {
      return verifyViewerHeaders(headers, config.subgraphSecret(service), requestId);
    } catch (err) {
      throw unauthenticated(`service ${service}: ${(err as Error).message}`);
    }
  }
  const authorization = headers.authorization;
  if (authorization === undefined || authorization === '') return Viewer.public();
  const match = /^Bearer ([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)$/.exec(authorization);
  if (!match) throw unauthenticated('the Authorization header must be "Bearer <token>"');
  try {
    return Viewer.fromClaims(verifyToken(match[1], config.token.secret, config.token.issuer));
  } catch (err) {
    if (err instanceof TokenError) throw unauthenticated(err.message);
    throw unauthenticated(`the bearer token’s claims are unusable: ${(err as Error).message}`);
  }
}
