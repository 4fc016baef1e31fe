import path from 'node:path';
import {
  ConfigError,
  envBoolean,
  envInt,
  envOptional,
  envPort,
  envString,
  envUrl,
  gatewaySideSecret,
  listenHostFromEnv,
  operationLimitsFromEnv,
  secretFromEnv,
} from '@skills-sichuan/runtime';
import { databaseFromEnv, type DatabaseTarget } from '@skills-sichuan/database';
import { DEFAULT_MAX_LIFETIME_SECONDS, type TokenConfig } from './auth/jwt';
import { DASHBOARD_CLIENT } from './dashboard/dashboard';
import type { OperationLimits } from './limits/operation-limits';

/** The repository's schema folder, the same from src/ (tests) and dist/ (built). */
export const SCHEMA_DIR = path.resolve(__dirname, '../../schema');

export interface GatewayConfig {
  host: string;
  port: number;
  supergraphFile: string;
  /** subgraph name → URL, overriding the routing URL composed into the supergraph */
  subgraphUrls: Record<string, string>;
  maxBodyBytes: number;
  /** MAX_BULK_BODY_BYTES: the larger body a file import (and nothing else) may send; see input-hygiene's isBulkRequest */
  maxBulkBodyBytes: number;
  /** MAX_RESPONSE_BYTES: the largest answer the gateway sends; a larger one is refused as OPERATION_LIMIT_EXCEEDED */
  maxResponseBytes: number;
  /** how bearer tokens are verified: an identity provider's key set (JWT_JWKS_URL …) or, without one, JWT_SECRET (HS256) */
  token: TokenConfig;
  /** the secret shared with a subgraph to sign identities: SUBGRAPH_<NAME>_SECRET (required unless DEVELOPMENT=true) */
  subgraphSecret: (subgraph: string) => string;
  /** NODE_ENV=production: no introspection, no field suggestions, no IDE unless IDE=true */
  production: boolean;
  ide: boolean;
  /** DASHBOARD: the program office's dashboard at /dashboard (on unless false: it shows a viewer what the graph lets it read, no more) */
  dashboard: boolean;
  /** REGISTERED_ONLY_CLIENTS: the client names (apollographql-client-name) that may send only their registered operations */
  registeredOnlyClients: string[];
  /** the in-house subgraphs whose own reads of the graph (GraphClient) are trusted as their viewer; never a partner's */
  serviceSubgraphs: string[];
  /** MAX_DEPTH, MAX_ALIASES …, read by the kit's operationLimitsFromEnv: the subgraphs size their reads from the same variables */
  limits: OperationLimits;
  /** a fetch to one of our subgraphs slower than this ends its fields as SUBGRAPH_UNAVAILABLE: SUBGRAPH_<NAME>_TIMEOUT_MS, else SUBGRAPH_TIMEOUT_MS */
  subgraphTimeoutMs: (subgraph: string) => number;
  /** the gateway's own database (partner registry, served revisions, registered operations): DATA_DIR/gateway.sqlite, or schema `gateway` of DATABASE_URL */
  store: DatabaseTarget;
  /** METRICS_TOKEN: when set, /metrics answers only that bearer */
  metricsToken?: string;
  /** public reads answered from the last good answer while a part is down (STALE_ANSWERS), and its bounds; null: off */
  staleAnswers: { maxAgeMs: number; maxBytes: number } | null;
  /** answers kept for what the subgraphs' cache hints allow (RESPONSE_CACHE, on unless false); null: off */
  responseCache: { maxBytes: number; redisUrl?: string; redisPrefix: string } | null;
  /** the partners' settings */
  partners: {
    /** how often a replica looks for a newer revision of the graph (PARTNER_POLL_MS) */
    pollMs: number;
    /** a partner's timeout unless the registry sets its own (PARTNER_TIMEOUT_MS) */
    defaultTimeoutMs: number;
    /** PARTNER_ALLOW_HTTP: partners over plain http beyond loopback (a private network) */
    allowHttp: boolean;
    /** PARTNER_SECRET_ROOT: every partner's secret is derived from it (required unless DEVELOPMENT=true) */
    secretRoot: string;
  };
}

/** a few seconds: ten times the slowest answer a dashboard asks of one subgraph, far below a client's patience */
export const DEFAULT_SUBGRAPH_TIMEOUT_MS = 5_000;
export const DEFAULT_PARTNER_TIMEOUT_MS = 3_000;
export const DEFAULT_PARTNER_POLL_MS = 1_000;
const TIMEOUT_RANGE = { min: 100, max: 60_000 };

export const DEFAULT_ISSUER = 'skills-sichuan';
/** the subgraphs built in this repository: only they may read the graph on a viewer's behalf */
export const DEFAULT_SERVICE_SUBGRAPHS = ['brands', 'bases', 'training', 'evaluation'];
/** the largest request body the gateway reads: far above any real operation, far below a memory problem */
export const DEFAULT_MAX_BODY_BYTES = 256 * 1024;
/**
 * A 5,000-row import with every column is about 680 KB of body (136-byte rows); 960 KiB leaves
 * room for longer names and certificate numbers, and stays under the training subgraph's own
 * 1 MiB body limit (the runtime's default) with room for the gateway's re-encoding — hence the maximum too.
 */
export const DEFAULT_MAX_BULK_BODY_BYTES = 960 * 1024;
const MAX_BULK_BODY_BYTES_CEILING = 992 * 1024;
/** the largest answer: the whole introspection is about a tenth of it, a 500-row page far less */
export const DEFAULT_MAX_RESPONSE_BYTES = 4 * 1024 * 1024;

/** leeway on a token's times (exp, nbf) for clocks that disagree a little */
export const DEFAULT_CLOCK_TOLERANCE_SECONDS = 30;
/** jose's own defaults for a remote key set */
export const DEFAULT_JWKS_TIMING = { cooldownMs: 30_000, cacheMaxAgeMs: 600_000, timeoutMs: 5_000 };
const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * JWT_JWKS_URL set: tokens from that identity provider (RS256/ES256), JWT_ISSUER and
 * JWT_AUDIENCE required. Unset: HS256 with JWT_SECRET (required unless DEVELOPMENT=true).
 */
export function tokenConfigFromEnv(env: NodeJS.ProcessEnv = process.env): TokenConfig {
  const clockToleranceSeconds = envInt('JWT_CLOCK_TOLERANCE', DEFAULT_CLOCK_TOLERANCE_SECONDS, { min: 0, max: 300 }, env);
  // a leaked token is useful for at most this long
  const maxLifetimeSeconds = envInt('JWT_MAX_LIFETIME', DEFAULT_MAX_LIFETIME_SECONDS, { min: 60, max: 7 * 86_400 }, env);
  const jwksUrl = envUrl('JWT_JWKS_URL', env);
  if (jwksUrl === undefined) {
    return {
      kind: 'secret',
      secret: secretFromEnv('JWT_SECRET', env),
      issuer: envString('JWT_ISSUER', DEFAULT_ISSUER, env),
      audience: envOptional('JWT_AUDIENCE', env),
      clockToleranceSeconds,
      maxLifetimeSeconds,
    };
  }
  // keys fetched in the clear could be swapped on the way; a provider on this machine is the one exception
  if (jwksUrl.protocol !== 'https:' && !(jwksUrl.protocol === 'http:' && LOOPBACK.has(jwksUrl.hostname))) {
    throw new ConfigError('JWT_JWKS_URL must be an https URL (http only to a loopback address)');
  }
  const issuer = envOptional('JWT_ISSUER', env);
  const audience = envOptional('JWT_AUDIENCE', env);
  if (issuer === undefined || audience === undefined) {
    const missing = [issuer === undefined && 'JWT_ISSUER', audience === undefined && 'JWT_AUDIENCE'].filter(Boolean);
    throw new ConfigError(
      `JWT_JWKS_URL needs ${missing.join(' and ')}: the provider's "iss" exactly, and this graph's client id at the provider, so tokens it issues for other applications are refused`,
    );
  }
  if (envOptional('JWT_SECRET', env) !== undefined) {
    throw new ConfigError('JWT_SECRET and JWT_JWKS_URL are both set: with a key set, HS256 tokens are refused, so unset JWT_SECRET');
  }
  return {
    kind: 'jwks',
    jwksUrl: jwksUrl.href,
    issuer,
    audience,
    clockToleranceSeconds,
    maxLifetimeSeconds,
    cooldownMs: envInt('JWT_JWKS_COOLDOWN_MS', DEFAULT_JWKS_TIMING.cooldownMs, { min: 0, max: 3_600_000 }, env),
    cacheMaxAgeMs: envInt('JWT_JWKS_CACHE_MAX_AGE_MS', DEFAULT_JWKS_TIMING.cacheMaxAgeMs, { min: 1_000, max: 86_400_000 }, env),
    timeoutMs: envInt('JWT_JWKS_TIMEOUT_MS', DEFAULT_JWKS_TIMING.timeoutMs, { min: 100, max: 60_000 }, env),
  };
}

/** SUBGRAPH_<NAME>_URL (e.g. SUBGRAPH_BRANDS_URL) points the gateway at a subgraph elsewhere than its routing URL. */
export function gatewayConfigFromEnv(
  env: NodeJS.ProcessEnv = process.env,
  /** what a caller passes is not read from the environment (the in-process test graph passes its own secrets) */
  given: Partial<Pick<GatewayConfig, 'token' | 'subgraphSecret' | 'partners'>> = {},
): GatewayConfig {
  const production = env.NODE_ENV === 'production';
  const subgraphUrls: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) {
    const match = /^SUBGRAPH_([A-Z0-9_]+)_URL$/.exec(key);
    if (match && value) subgraphUrls[match[1].toLowerCase()] = value;
  }
  return {
    host: listenHostFromEnv(env),
    port: envPort('PORT', 4000, env),
    supergraphFile: path.resolve(envOptional('SUPERGRAPH_FILE', env) ?? path.join(SCHEMA_DIR, 'supergraph.graphql')),
    subgraphUrls,
    maxBodyBytes: envInt('MAX_BODY_BYTES', DEFAULT_MAX_BODY_BYTES, { min: 1024, max: 16 * 1024 * 1024 }, env),
    maxBulkBodyBytes: envInt('MAX_BULK_BODY_BYTES', DEFAULT_MAX_BULK_BODY_BYTES, { min: 1024, max: MAX_BULK_BODY_BYTES_CEILING }, env),
    maxResponseBytes: envInt('MAX_RESPONSE_BYTES', DEFAULT_MAX_RESPONSE_BYTES, { min: 64 * 1024, max: 256 * 1024 * 1024 }, env),
    token: given.token ?? tokenConfigFromEnv(env),
    subgraphSecret: given.subgraphSecret ?? ((subgraph) => gatewaySideSecret(subgraph, env)),
    production,
    ide: envBoolean('IDE', !production, env),
    dashboard: envBoolean('DASHBOARD', true, env),
    registeredOnlyClients: envString('REGISTERED_ONLY_CLIENTS', DASHBOARD_CLIENT, env)
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    serviceSubgraphs: envString('SERVICE_SUBGRAPHS', DEFAULT_SERVICE_SUBGRAPHS.join(','), env)
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    limits: operationLimitsFromEnv(env),
    subgraphTimeoutMs: subgraphTimeoutsFromEnv(env),
    store: databaseFromEnv('gateway', env),
    metricsToken: envOptional('METRICS_TOKEN', env),
    staleAnswers: envBoolean('STALE_ANSWERS', true, env)
      ? {
          maxAgeMs: envInt('STALE_MAX_AGE_S', 3_600, { min: 1, max: 7 * 86_400 }, env) * 1000,
          maxBytes: envInt('STALE_MAX_BYTES', 32 * 1024 * 1024, { min: 64 * 1024, max: 1024 * 1024 * 1024 }, env),
        }
      : null,
    responseCache: envBoolean('RESPONSE_CACHE', true, env)
      ? {
          maxBytes: envInt('RESPONSE_CACHE_MAX_BYTES', 32 * 1024 * 1024, { min: 64 * 1024, max: 1024 * 1024 * 1024 }, env),
          // REDIS_URL: shared by every replica (and their invalidations); in this process's memory without it
          redisUrl: redisUrlFromEnv(env),
          // REDIS_KEY_PREFIX: what this graph's keys and channel start with, when one Redis serves several graphs
          redisPrefix: envString('REDIS_KEY_PREFIX', 'skills-sichuan:', env),
        }
      : null,
    partners: given.partners ?? {
      pollMs: envInt('PARTNER_POLL_MS', DEFAULT_PARTNER_POLL_MS, { min: 100, max: 60_000 }, env),
      defaultTimeoutMs: envInt('PARTNER_TIMEOUT_MS', DEFAULT_PARTNER_TIMEOUT_MS, TIMEOUT_RANGE, env),
      allowHttp: envBoolean('PARTNER_ALLOW_HTTP', false, env),
      secretRoot: secretFromEnv('PARTNER_SECRET_ROOT', env),
    },
  };
}

/** REDIS_URL, when set: a redis: or rediss: URL */
function redisUrlFromEnv(env: NodeJS.ProcessEnv): string | undefined {
  const url = envUrl('REDIS_URL', env);
  if (url && url.protocol !== 'redis:' && url.protocol !== 'rediss:') throw new ConfigError('REDIS_URL must be a redis: or rediss: URL');
  return url?.href;
}

/** SUBGRAPH_TIMEOUT_MS for every subgraph, SUBGRAPH_<NAME>_TIMEOUT_MS for one; each read once, at start. */
function subgraphTimeoutsFromEnv(env: NodeJS.ProcessEnv): (subgraph: string) => number {
  const fallback = envInt('SUBGRAPH_TIMEOUT_MS', DEFAULT_SUBGRAPH_TIMEOUT_MS, TIMEOUT_RANGE, env);
  const each = new Map<string, number>();
  for (const key of Object.keys(env)) {
    const match = /^SUBGRAPH_([A-Z0-9_]+)_TIMEOUT_MS$/.exec(key);
    if (match) each.set(match[1].toLowerCase(), envInt(key, fallback, TIMEOUT_RANGE, env));
  }
  return (subgraph) => each.get(subgraph.replace(/-/g, '_')) ?? fallback;
}
