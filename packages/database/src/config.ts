import path from 'node:path';
import { ConfigError, envOptional, envString } from '@skills-sichuan/runtime';
import type { DatabaseTarget } from './data-source';

/**
 * DATABASE_URL=postgres://… selects PostgreSQL (DATABASE_SCHEMA, default the service's
 * name, keeps each service apart even in a shared database); otherwise SQLite at
 * DATA_DIR/<service>.sqlite.
 */
export function databaseFromEnv(service: string, env: NodeJS.ProcessEnv = process.env): DatabaseTarget {
  const url = envOptional('DATABASE_URL', env);
  if (url === undefined) {
    return { kind: 'sqlite', file: path.resolve(envString('DATA_DIR', 'data', env), `${service}.sqlite`) };
  }
  if (!/^postgres(ql)?:\/\//.test(url)) throw new ConfigError('DATABASE_URL must be a postgres:// URL (leave it unset for SQLite)');
  const schema = envString('DATABASE_SCHEMA', service, env);
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) throw new ConfigError(`DATABASE_SCHEMA=${schema} is not a plain lower-case identifier`);
  return { kind: 'postgres', url, schema };
}
