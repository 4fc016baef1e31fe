/**
 * Reading configuration from the environment: every service has one config module that
 * calls these, with defaults for the embedded setup, and fails at start-up on a bad value.
 */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

type Env = Record<string, string | undefined>;

export function envString(name: string, fallback: string, env: Env = process.env): string {
  const value = env[name];
  return value === undefined || value === '' ? fallback : value;
}

export function envOptional(name: string, env: Env = process.env): string | undefined {
  const value = env[name];
  return value === undefined || value === '' ? undefined : value;
}

// plain decimal notation only: Number() would read ' ' as 0, '0x1F' as 31 and '1e3' as 1000
const DECIMAL_INT = /^-?\d+$/;
const DECIMAL = /^-?\d+(\.\d+)?$/;

export function envInt(name: string, fallback: number, range: { min: number; max: number }, env: Env = process.env): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = DECIMAL_INT.test(raw) ? Number(raw) : NaN;
  if (!Number.isInteger(value) || value < range.min || value > range.max) {
    throw new ConfigError(`${name}=${raw} is not a whole number from ${range.min} to ${range.max}`);
  }
  return value;
}

export function envNumber(name: string, fallback: number, range: { min: number; max: number }, env: Env = process.env): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = DECIMAL.test(raw) ? Number(raw) : NaN;
  if (!Number.isFinite(value) || value < range.min || value > range.max) {
    throw new ConfigError(`${name}=${raw} is not a number from ${range.min} to ${range.max}`);
  }
  return value;
}

export function envBoolean(name: string, fallback: boolean, env: Env = process.env): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (['1', 'true', 'yes'].includes(raw.toLowerCase())) return true;
  if (['0', 'false', 'no'].includes(raw.toLowerCase())) return false;
  throw new ConfigError(`${name}=${raw} is not a boolean (true/false)`);
}

export function envPort(name: string, fallback: number, env: Env = process.env): number {
  return envInt(name, fallback, { min: 0, max: 65535 }, env);
}

export function envUrl(name: string, env: Env = process.env): URL | undefined {
  const raw = envOptional(name, env);
  if (raw === undefined) return undefined;
  try {
    return new URL(raw);
  } catch {
    throw new ConfigError(`${name} is not a URL`);
  }
}
