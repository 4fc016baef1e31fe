import { ConfigError, envBoolean, envInt, envNumber, envOptional, envPort, envString, envUrl } from './env';

/** The ConfigError a reader throws, so a test can check its class and message together. */
function configError(read: () => unknown): ConfigError {
  try {
    read();
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw new Error(`expected a ConfigError, got ${String(error)}`, { cause: error });
  }
  throw new Error('expected a ConfigError, but the value was accepted');
}

/** envString and envOptional: a missing or empty variable falls back; any other value is kept. */
describe('envString / envOptional', () => {
  it('falls back when the variable is missing or empty', () => {
    expect(envString('DATA_DIR', 'data', {})).toBe('data');
    expect(envString('DATA_DIR', 'data', { DATA_DIR: '' })).toBe('data');
    expect(envOptional('DATABASE_URL', {})).toBeUndefined();
    expect(envOptional('DATABASE_URL', { DATABASE_URL: '' })).toBeUndefined();
  });

  it('returns the value as it is', () => {
    expect(envString('DATA_DIR', 'data', { DATA_DIR: '/var/lib/skills' })).toBe('/var/lib/skills');
    expect(envOptional('DATABASE_URL', { DATABASE_URL: 'postgres://db/skills' })).toBe('postgres://db/skills');
  });

  it('reads process.env when no env object is given', () => {
    const name = 'KIT_ENV_TEST_STRING';
    process.env[name] = 'from-process';
    try {
      expect(envString(name, 'fallback')).toBe('from-process');
      expect(envOptional(name)).toBe('from-process');
    } finally {
      delete process.env[name];
    }
    expect(envString(name, 'fallback')).toBe('fallback');
  });
});

/** envInt accepts whole numbers within its inclusive range and fails loudly on anything else. */
describe('envInt', () => {
  const range = { min: 1, max: 200 };

  it('falls back when the variable is missing or empty', () => {
    expect(envInt('DATABASE_POOL_MAX', 10, range, {})).toBe(10);
    expect(envInt('DATABASE_POOL_MAX', 10, range, { DATABASE_POOL_MAX: '' })).toBe(10);
  });

  it('reads whole numbers, both bounds included', () => {
    expect(envInt('DATABASE_POOL_MAX', 10, range, { DATABASE_POOL_MAX: '25' })).toBe(25);
    expect(envInt('DATABASE_POOL_MAX', 10, range, { DATABASE_POOL_MAX: '1' })).toBe(1);
    expect(envInt('DATABASE_POOL_MAX', 10, range, { DATABASE_POOL_MAX: '200' })).toBe(200);
  });

  it.each(['0', '201', '-5', '2.5', 'ten', '12abc', 'NaN', 'Infinity'])('refuses %p, naming the variable and the range', (raw) => {
    const error = configError(() => envInt('DATABASE_POOL_MAX', 10, range, { DATABASE_POOL_MAX: raw }));
    expect(error.name).toBe('ConfigError');
    expect(error.message).toContain('DATABASE_POOL_MAX');
    expect(error.message).toContain(raw);
    expect(error.message).toContain('1 to 200');
  });

  // Number(' ') is 0: a blank value must not pass as 0
  it('refuses a value of blanks instead of reading it as 0', () => {
    expect(() => envInt('SEED', 1, { min: 0, max: 100 }, { SEED: ' ' })).toThrow(ConfigError);
  });

  it.each(['0x1F', '1e2', ' 7', '7 '])('refuses %j: only plain decimal digits are a number', (raw) => {
    expect(() => envInt('SEED', 1, { min: 0, max: 100 }, { SEED: raw })).toThrow(ConfigError);
  });
});

/** envNumber accepts finite numbers within its inclusive range and fails loudly on anything else. */
describe('envNumber', () => {
  const range = { min: 0.01, max: 100 };

  it('falls back when the variable is missing or empty', () => {
    expect(envNumber('SEED_SCALE', 1, range, {})).toBe(1);
    expect(envNumber('SEED_SCALE', 1, range, { SEED_SCALE: '' })).toBe(1);
  });

  it('reads fractions and whole numbers, both bounds included', () => {
    expect(envNumber('SEED_SCALE', 1, range, { SEED_SCALE: '0.25' })).toBe(0.25);
    expect(envNumber('SEED_SCALE', 1, range, { SEED_SCALE: '0.01' })).toBe(0.01);
    expect(envNumber('SEED_SCALE', 1, range, { SEED_SCALE: '100' })).toBe(100);
  });

  it.each(['0', '100.5', '-1', 'Infinity', 'NaN', 'half', '1,5'])('refuses %p, naming the variable', (raw) => {
    const error = configError(() => envNumber('SEED_SCALE', 1, range, { SEED_SCALE: raw }));
    expect(error.message).toContain('SEED_SCALE');
    expect(error.message).toContain(raw);
  });
});

/** envBoolean knows true/false, 1/0 and yes/no in any case, and nothing else. */
describe('envBoolean', () => {
  it('falls back when the variable is missing or empty', () => {
    expect(envBoolean('GRAPHIQL', true, {})).toBe(true);
    expect(envBoolean('GRAPHIQL', false, { GRAPHIQL: '' })).toBe(false);
  });

  it.each(['true', 'TRUE', '1', 'yes', 'Yes'])('reads %p as true', (raw) => {
    expect(envBoolean('GRAPHIQL', false, { GRAPHIQL: raw })).toBe(true);
  });

  it.each(['false', 'False', '0', 'no', 'NO'])('reads %p as false', (raw) => {
    expect(envBoolean('GRAPHIQL', true, { GRAPHIQL: raw })).toBe(false);
  });

  it.each(['on', 'off', 'y', '2', 'maybe'])('refuses %p, naming the variable', (raw) => {
    const error = configError(() => envBoolean('GRAPHIQL', true, { GRAPHIQL: raw }));
    expect(error.message).toContain('GRAPHIQL');
    expect(error.message).toContain(raw);
  });
});

/** envPort is a whole number from 0 (any free port) to 65535. */
describe('envPort', () => {
  it('falls back, and reads the ends of the port range', () => {
    expect(envPort('PORT', 4001, {})).toBe(4001);
    expect(envPort('PORT', 4001, { PORT: '0' })).toBe(0);
    expect(envPort('PORT', 4001, { PORT: '65535' })).toBe(65535);
  });

  it.each(['65536', '-1', '80.5', 'http'])('refuses %p, naming the variable', (raw) => {
    const error = configError(() => envPort('PORT', 4001, { PORT: raw }));
    expect(error.message).toContain('PORT');
    expect(error.message).toContain('0 to 65535');
  });
});

/** envUrl is optional, and a value it cannot parse as a URL fails loudly. */
describe('envUrl', () => {
  it('is undefined when the variable is missing or empty', () => {
    expect(envUrl('OTEL_URL', {})).toBeUndefined();
    expect(envUrl('OTEL_URL', { OTEL_URL: '' })).toBeUndefined();
  });

  it('parses a URL', () => {
    const url = envUrl('OTEL_URL', { OTEL_URL: 'http://collector:4318/v1/traces' });
    expect(url).toBeInstanceOf(URL);
    expect(url?.host).toBe('collector:4318');
    expect(url?.pathname).toBe('/v1/traces');
  });

  it.each(['http://col lector:4318', 'not a url', '//no-scheme', 'http://[::1'])('refuses %p, naming the variable', (raw) => {
    expect(configError(() => envUrl('OTEL_URL', { OTEL_URL: raw })).message).toContain('OTEL_URL');
  });
});
