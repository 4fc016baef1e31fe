import path from 'node:path';
import { envBoolean, envInt, envOptional, envPort, envString, gatewaySideSecret, operationLimitsFromEnv, secretFromEnv } from '@skills-sichuan/runtime';
import type { TokenConfig } from './auth/authenticate';
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
  /** how bearer tokens are verified: JWT_SECRET (HS256) and JWT_ISSUER */
  token: TokenConfig;
  /** the secret shared with a subgraph to sign identities: SUBGRAPH_<NAME>_SECRET */
  subgraphSecret: (subgraph: string) => string;
  /** NODE_ENV=production: no introspection, no field suggestions, no IDE unless IDE=true */
  production: boolean;
  ide: boolean;
  /** the in-house subgraphs whose own reads of the graph (GraphClient) are trusted as their viewer; never a partner's */
  serviceSubgraphs: string[];
  /** MAX_DEPTH, MAX_ALIASES …, read by the kit's operationLimitsFromEnv: the subgraphs size their reads from the same variables */
  limits: OperationLimits;
}

export const DEFAULT_ISSUER = 'skills-sichuan';
/** the subgraphs built in this repository: only they may read the graph on a viewer's behalf */
export const DEFAULT_SERVICE_SUBGRAPHS = ['brands', 'bases', 'training', 'evaluation'];
/** the largest request body the gateway reads: far above any real operation, far below a memory problem */
export const DEFAULT_MAX_BODY_BYTES = 256 * 1024;

export function tokenConfigFromEnv(env: NodeJS.ProcessEnv = process.env): TokenConfig {
  return { secret: secretFromEnv('JWT_SECRET', env), issuer: envString('JWT_ISSUER', DEFAULT_ISSUER, env) };
}

/** SUBGRAPH_<NAME>_URL (e.g. SUBGRAPH_BRANDS_URL) points the gateway at a subgraph elsewhere than its routing URL. */
export function gatewayConfigFromEnv(env: NodeJS.ProcessEnv = process.env): GatewayConfig {
  const production = env.NODE_ENV === 'production';
  const subgraphUrls: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) {
    const match = /^SUBGRAPH_([A-Z0-9_]+)_URL$/.exec(key);
    if (match && value) subgraphUrls[match[1].toLowerCase()] = value;
  }
  return {
    host: envString('HOST', '127.0.0.1', env),
    port: envPort('PORT', 4000, env),
    supergraphFile: path.resolve(envOptional('SUPERGRAPH_FILE', env) ?? path.join(SCHEMA_DIR, 'supergraph.graphql')),
    subgraphUrls,
    maxBodyBytes: envInt('MAX_BODY_BYTES', DEFAULT_MAX_BODY_BYTES, { min: 1024, max: 16 * 1024 * 1024 }, env),
    token: tokenConfigFromEnv(env),
    subgraphSecret: (subgraph) => gatewaySideSecret(subgraph, env),
    production,
    ide: envBoolean('IDE', !production, env),
    serviceSubgraphs: envString('SERVICE_SUBGRAPHS', DEFAULT_SERVICE_SUBGRAPHS.join(','), env).split(',').map((s) => s.trim()).filter(Boolean),
    limits: operationLimitsFromEnv(env),
  };
}
