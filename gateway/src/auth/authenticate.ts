import type { IncomingHttpHeaders } from 'node:http';
import { GraphQLError } from 'graphql';
import { ErrorCode, Viewer } from '@skills-sichuan/kit';
import { TokenError, verifyToken } from './jwt';

export interface TokenConfig {
  secret: string;
  issuer: string;
}

const unauthenticated = (message: string) =>
  new GraphQLError(message, { extensions: { code: ErrorCode.UNAUTHENTICATED, http: { status: 401 } } });

/** The viewer a request speaks for: PUBLIC without a token; refused with 401 for a bad or expired one. */
export function authenticate(headers: IncomingHttpHeaders, config: TokenConfig): Viewer {
  const authorization = headers.authorization;
  if (authorization === undefined || authorization === '') return Viewer.public();
  const match = /^Bearer ([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)$/.exec(authorization);
  if (!match) throw unauthenticated('the Authorization header must be "Bearer <token>"');
  try {
    return Viewer.fromClaims(verifyToken(match[1], config.secret, config.issuer));
  } catch (err) {
    if (err instanceof TokenError) throw unauthenticated(err.message);
    throw unauthenticated(`the bearer token’s claims are unusable: ${(err as Error).message}`);
  }
}
