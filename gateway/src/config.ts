import path from 'node:path';
import { envInt, envOptional, envPort, envString } from '@skills-sichuan/kit';

/** The repository's schema folder, the same from src/ (tests) and dist/ (built). */
export const SCHEMA_DIR = path.resolve(__dirname, '../../schema');

export interface GatewayConfig {
  host: string;
  port: number;
  supergraphFile: string;
  /** subgraph name → URL, overriding the routing URL composed into the supergraph */
  subgraphUrls: Record<string, string>;
  maxBodyBytes: number;
}

/** SUBGRAPH_<NAME>_URL (e.g. SUBGRAPH_BRANDS_URL) points the gateway at a subgraph elsewhere than its routing URL. */
export function gatewayConfigFromEnv(env: NodeJS.ProcessEnv = process.env): GatewayConfig {
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
    maxBodyBytes: envInt('MAX_BODY_BYTES', 256 * 1024, { min: 1024, max: 16 * 1024 * 1024 }, env),
  };
}
