import { createHmac, timingSafeEqual } from 'node:crypto';
import { ConfigError, envOptional } from './env';
import { Viewer } from './viewer';

/**
 * How the gateway hands a verified identity to a subgraph: the viewer's claims, a
 * timestamp and the request id, signed with HMAC-SHA256 under a secret that gateway and
 * that one subgraph share. A subgraph serves nothing without a valid signature.
 */
export const VIEWER_HEADER = 'x-viewer';
export const VIEWER_TIMESTAMP_HEADER = 'x-viewer-timestamp';
export const VIEWER_SIGNATURE_HEADER = 'x-viewer-signature';
/** names the subgraph that signed a request to the gateway (GraphClient) */
export const SERVICE_HEADER = 'x-service';
/** a signature older (or newer) than this is refused: it bounds replay */
export const MAX_SIGNATURE_AGE_MS = 60_000;

const base64url = (data: string | Buffer) => Buffer.from(data).toString('base64url');
const sign = (secret: string, payload: string) => createHmac('sha256', secret).update(payload).digest('base64url');

export function signViewerHeaders(viewer: Viewer, secret: string, requestId: string, now = Date.now()): Record<string, string> {
  const encoded = base64url(JSON.stringify(viewer.toClaims()));
  const timestamp = String(now);
  return {
    [VIEWER_HEADER]: encoded,
    [VIEWER_TIMESTAMP_HEADER]: timestamp,
    [VIEWER_SIGNATURE_HEADER]: sign(secret, `${timestamp}.${requestId}.${encoded}`),
  };
}

export class UnsignedRequestError extends Error {
  override name = 'UnsignedRequestError';
}

/** The viewer a request was signed for, or an UnsignedRequestError saying why there is none. */
export function verifyViewerHeaders(
  headers: Record<string, string | string[] | undefined>,
  secret: string,
  requestId: string,
  now = Date.now(),
): Viewer {
  const one = (name: string) => {
    const value = headers[name];
    return typeof value === 'string' ? value : undefined;
  };
  const encoded = one(VIEWER_HEADER);
  const timestamp = one(VIEWER_TIMESTAMP_HEADER);
  const signature = one(VIEWER_SIGNATURE_HEADER);
  if (!encoded || !timestamp || !signature) throw new UnsignedRequestError('this service answers only requests signed by the gateway');
  const expected = Buffer.from(sign(secret, `${timestamp}.${requestId}.${encoded}`));
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected))
    throw new UnsignedRequestError('the gateway signature does not match');
  if (!/^\d{13}$/.test(timestamp) || Math.abs(now - Number(timestamp)) > MAX_SIGNATURE_AGE_MS)
    throw new UnsignedRequestError('the gateway signature has expired');
  try {
    return Viewer.fromClaims(JSON.parse(Buffer.from(encoded, 'base64url').toString('utf8')));
  } catch (err) {
    throw new UnsignedRequestError(`the signed identity is unusable: ${err instanceof Error ? err.message : String(err)}`);
  }
}

/**
 * A secret from the environment. Outside production a missing one is derived from a
 * name both sides know, so `npm start` and the tests need no configuration; in
 * production it must be set, and long.
 */
export function secretFromEnv(variable: string, env: NodeJS.ProcessEnv = process.env, developmentName = variable): string {
  const value = envOptional(variable, env);
  if (value !== undefined) {
    if (value.length < 32) throw new ConfigError(`${variable} must be at least 32 characters`);
    return value;
  }
  if (env.NODE_ENV === 'production') throw new ConfigError(`${variable} must be set in production`);
  return createHmac('sha256', 'skills-sichuan development only').update(developmentName).digest('hex');
}

const subgraphSecretVariable = (subgraph: string) => `SUBGRAPH_${subgraph.toUpperCase().replace(/[^A-Z0-9]/g, '_')}_SECRET`;

/** The secret the gateway shares with one subgraph, as the gateway reads it: SUBGRAPH_<NAME>_SECRET. */
export const gatewaySideSecret = (subgraph: string, env: NodeJS.ProcessEnv = process.env) =>
  secretFromEnv(subgraphSecretVariable(subgraph), env);

/** The same secret as the subgraph reads it: GATEWAY_SECRET. */
export const subgraphSideSecret = (subgraph: string, env: NodeJS.ProcessEnv = process.env) =>
  secretFromEnv('GATEWAY_SECRET', env, subgraphSecretVariable(subgraph));
