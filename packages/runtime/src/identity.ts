import { createHash, createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { ConfigError, envOptional, envString } from './env';
import { Viewer } from './viewer';

/**
 * How the gateway hands a verified identity to a subgraph, and a subgraph the same
 * identity back to the gateway (GraphClient): the viewer's claims, a timestamp, the
 * request id, a nonce, the audience, the direction and a SHA-256 digest of the body as
 * sent, signed with HMAC-SHA256 under a key derived per direction from the secret that
 * gateway and that one subgraph share. A subgraph serves nothing without a valid signature.
 */
export const VIEWER_HEADER = 'x-viewer';
export const VIEWER_TIMESTAMP_HEADER = 'x-viewer-timestamp';
export const VIEWER_SIGNATURE_HEADER = 'x-viewer-signature';
/** one per signed fetch: a gateway request fans out into several fetches under one request id */
export const VIEWER_NONCE_HEADER = 'x-viewer-nonce';
/** names the subgraph that signed a request to the gateway (GraphClient) */
export const SERVICE_HEADER = 'x-service';
/** a signature older (or newer) than this is refused: it bounds replay */
export const MAX_SIGNATURE_AGE_MS = 60_000;
/** the audience of a subgraph's signed read of the graph */
export const GATEWAY_AUDIENCE = 'gateway';
/** the audience of an event a subgraph hands the gateway's router: never valid as a read, nor the other way */
export const GATEWAY_EVENTS_AUDIENCE = 'gateway-events';
/** the audience of an event the router hands a subgraph */
export const eventsAudience = (subgraph: string) => `${subgraph}:events`;

/**
 * Which of our subgraphs act on each event type: the router hands an event to these only, so a
 * subgraph with no use for it (down, or still seeding) never holds it up. A subgraph's handlers
 * must be exactly its entries here; the kit refuses to start one that differs.
 */
export const EVENT_CONSUMERS = {
  'roster.subject-disqualified': ['brands', 'evaluation'],
  'roster.subject-restored': ['brands', 'evaluation'],
  'credit.dishonesty-changed': ['bases', 'brands'],
} as const satisfies Record<string, readonly string[]>;

/** who signs for whom; each direction has its own key, so a signature is never valid the other way */
export type SignatureDirection = 'gateway-to-subgraph' | 'subgraph-to-gateway';

export interface SignedRequest {
  viewer: Viewer;
  secret: string;
  requestId: string;
  direction: SignatureDirection;
  /** the service that receives the request: the subgraph's name, or GATEWAY_AUDIENCE */
  audience: string;
  /** the request body exactly as sent (the operation and its variables) */
  body: string;
  now?: number;
}

const base64url = (data: string | Buffer) => Buffer.from(data).toString('base64url');
const directionKeys = new Map<string, Buffer>();
/** HKDF-SHA256 of the shared secret, one key per direction (cached: the secrets are few and fixed) */
function directionKey(secret: string, direction: SignatureDirection): Buffer {
  const id = `${direction}\0${secret}`;
  let key = directionKeys.get(id);
  if (!key) {
    key = Buffer.from(hkdfSync('sha256', secret, 'skills-sichuan viewer signature', `viewer ${direction} v2`, 32));
    directionKeys.set(id, key);
  }
  return key;
}
const digest = (body: string) => createHash('sha256').update(body, 'utf8').digest('base64url');
const payloadOf = (r: {
  direction: string;
  audience: string;
  timestamp: string;
  requestId: string;
  nonce: string;
  encoded: string;
  body: string;
}) => ['v2', r.direction, r.audience, r.timestamp, r.requestId, r.nonce, r.encoded, digest(r.body)].join('.');
const sign = (key: Buffer, payload: string) => createHmac('sha256', key).update(payload).digest('base64url');

export function signViewerHeaders(request: SignedRequest): Record<string, string> {
  const encoded = base64url(JSON.stringify(request.viewer.toClaims()));
  const timestamp = String(request.now ?? Date.now());
  const nonce = randomBytes(16).toString('base64url');
  const payload = payloadOf({ ...request, timestamp, nonce, encoded });
  return {
    [VIEWER_HEADER]: encoded,
    [VIEWER_TIMESTAMP_HEADER]: timestamp,
    [VIEWER_NONCE_HEADER]: nonce,
    [VIEWER_SIGNATURE_HEADER]: sign(directionKey(request.secret, request.direction), payload),
  };
}

export class UnsignedRequestError extends Error {
  override name = 'UnsignedRequestError';
}

/**
 * The signatures already accepted, so that each is accepted once. In memory is enough: a
 * signature is valid for MAX_SIGNATURE_AGE_MS only, so an entry older than that can go;
 * each process (replica) keeps its own, so a signed request replayed to another replica of
 * the same service within the window is not caught — the nonce still ties it to the one
 * body, viewer and audience it was signed for.
 */
export class ReplayCache {
  private readonly seen = new Map<string, number>();
  constructor(
    private readonly windowMs = 2 * MAX_SIGNATURE_AGE_MS,
    /** bounds memory under a flood; past it the oldest entries go first, and those are the nearest to expiry */
    private readonly maxEntries = 200_000,
  ) {}

  /** true the first time a key is offered within the window, false after */
  firstUse(key: string, now = Date.now()): boolean {
    for (const [old, at] of this.seen) {
      if (now - at <= this.windowMs && this.seen.size < this.maxEntries) break;
      this.seen.delete(old);
    }
    if (this.seen.has(key)) return false;
    this.seen.set(key, now);
    return true;
  }
}

export interface VerifyOptions {
  secret: string;
  requestId: string;
  direction: SignatureDirection;
  /** the service verifying: its own name, or GATEWAY_AUDIENCE */
  audience: string;
  /** the request body exactly as received */
  body: string;
  /** where accepted signatures are remembered; without one, replay is not checked (unit tests only) */
  replays?: ReplayCache;
  now?: number;
}

/** The viewer a request was signed for, or an UnsignedRequestError saying why there is none. */
export function verifyViewerHeaders(headers: Record<string, string | string[] | undefined>, options: VerifyOptions): Viewer {
  const now = options.now ?? Date.now();
  const one = (name: string) => {
    const value = headers[name];
    return typeof value === 'string' ? value : undefined;
  };
  const encoded = one(VIEWER_HEADER);
  const timestamp = one(VIEWER_TIMESTAMP_HEADER);
  const nonce = one(VIEWER_NONCE_HEADER);
  const signature = one(VIEWER_SIGNATURE_HEADER);
  if (!encoded || !timestamp || !signature || !nonce)
    throw new UnsignedRequestError('this service answers only requests signed by the gateway');
  const payload = payloadOf({ ...options, timestamp, nonce, encoded });
  const expected = Buffer.from(sign(directionKey(options.secret, options.direction), payload));
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected))
    throw new UnsignedRequestError('the signature does not match this request');
  if (!/^\d{13}$/.test(timestamp) || Math.abs(now - Number(timestamp)) > MAX_SIGNATURE_AGE_MS)
    throw new UnsignedRequestError('the signature has expired');
  if (options.replays && !options.replays.firstUse(`${options.requestId}.${nonce}`, now))
    throw new UnsignedRequestError('the signature was already used');
  try {
    return Viewer.fromClaims(JSON.parse(Buffer.from(encoded, 'base64url').toString('utf8')));
  } catch (err) {
    throw new UnsignedRequestError(`the signed identity is unusable: ${err instanceof Error ? err.message : String(err)}`);
  }
}

/**
 * DEVELOPMENT=true is the one switch for a stack on this machine (`npm start` sets it):
 * secrets nobody configured are generated at random on first start and kept with the data
 * (DATA_DIR/secrets.json, mode 0600), and services listen on loopback only. Without it a
 * service refuses to start until its secrets are set.
 */
export const DEVELOPMENT_VARIABLE = 'DEVELOPMENT';
export const SECRETS_FILE = 'secrets.json';

export function developmentMode(env: NodeJS.ProcessEnv = process.env): boolean {
  const raw = envOptional(DEVELOPMENT_VARIABLE, env);
  if (raw === undefined || raw === 'false') return false;
  if (raw !== 'true') throw new ConfigError(`${DEVELOPMENT_VARIABLE}=${raw} must be true or false`);
  if (env.NODE_ENV === 'production') throw new ConfigError(`${DEVELOPMENT_VARIABLE}=true and NODE_ENV=production contradict each other`);
  return true;
}

export const developmentSecretsFile = (env: NodeJS.ProcessEnv = process.env) =>
  path.resolve(envString('DATA_DIR', 'data', env), SECRETS_FILE);

const roots = new Map<string, Buffer>();
/**
 * The random root of the development secrets, created on first use. Created atomically:
 * written whole to a private temporary file, then linked into place, which fails if
 * another process got there first — then everyone reads the winner's.
 */
function developmentRoot(file: string): Buffer {
  let root = roots.get(file);
  if (root) return root;
  if (!fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const temporary = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    fs.writeFileSync(temporary, `${JSON.stringify({ root: randomBytes(32).toString('hex') })}\n`, { mode: 0o600, flag: 'wx' });
    try {
      fs.linkSync(temporary, file);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    } finally {
      fs.unlinkSync(temporary);
    }
  }
  if ((fs.statSync(file).mode & 0o077) !== 0)
    throw new ConfigError(`${file} is readable by others: chmod 600 it (or delete it to start afresh)`);
  const hex = (JSON.parse(fs.readFileSync(file, 'utf8')) as { root?: unknown }).root;
  if (typeof hex !== 'string' || !/^[0-9a-f]{64}$/.test(hex))
    throw new ConfigError(`${file} is not a development secrets file: delete it to start afresh`);
  root = Buffer.from(hex, 'hex');
  roots.set(file, root);
  return root;
}

/** One development secret: HKDF of the file's random root, labelled with the variable it stands for. */
export function developmentSecret(variable: string, env: NodeJS.ProcessEnv = process.env): string {
  return Buffer.from(hkdfSync('sha256', developmentRoot(developmentSecretsFile(env)), 'skills-sichuan development', variable, 32)).toString(
    'hex',
  );
}

/**
 * A secret from the environment, at least 32 characters. Unset, it is refused — unless
 * DEVELOPMENT=true, when it comes from the development secrets file (developmentName is
 * the variable the other side reads for the same secret, so both derive the same value).
 */
export function secretFromEnv(variable: string, env: NodeJS.ProcessEnv = process.env, developmentName = variable): string {
  const value = envOptional(variable, env);
  if (value !== undefined) {
    if (value.length < 32) throw new ConfigError(`${variable} must be at least 32 characters`);
    return value;
  }
  if (!developmentMode(env))
    throw new ConfigError(
      `${variable} must be set, to 32+ random characters (openssl rand -hex 32); or set ${DEVELOPMENT_VARIABLE}=true for a development stack on this machine`,
    );
  return developmentSecret(developmentName, env);
}

export const subgraphSecretVariable = (subgraph: string) => `SUBGRAPH_${subgraph.toUpperCase().replace(/[^A-Z0-9]/g, '_')}_SECRET`;

/** The secret the gateway shares with one subgraph, as the gateway reads it: SUBGRAPH_<NAME>_SECRET. */
export const gatewaySideSecret = (subgraph: string, env: NodeJS.ProcessEnv = process.env) =>
  secretFromEnv(subgraphSecretVariable(subgraph), env);

/** The same secret as the subgraph reads it: GATEWAY_SECRET. */
export const subgraphSideSecret = (subgraph: string, env: NodeJS.ProcessEnv = process.env) =>
  secretFromEnv('GATEWAY_SECRET', env, subgraphSecretVariable(subgraph));

const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|::1|\[::1\])$/;
export const isLoopbackHost = (host: string) => LOOPBACK.test(host);

/** HOST (default 127.0.0.1); with DEVELOPMENT=true only a loopback address, since its secrets sit beside the data on this machine. */
export function listenHostFromEnv(env: NodeJS.ProcessEnv = process.env): string {
  const host = envString('HOST', '127.0.0.1', env);
  if (developmentMode(env) && !isLoopbackHost(host))
    throw new ConfigError(
      `HOST=${host}: with ${DEVELOPMENT_VARIABLE}=true a service listens on loopback only; set its secrets and unset ${DEVELOPMENT_VARIABLE} to listen elsewhere`,
    );
  return host;
}
