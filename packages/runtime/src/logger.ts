import pino, { type DestinationStream, type Logger } from 'pino';
import { envString } from './env';

export type { Logger };

/**
 * What an error keeps in a log line: its kind, message, stack, code and SQL text. A failed
 * statement's bound parameters and the driver's detail ("Key (phone)=(138…) exists") are
 * dropped: they can hold personal data.
 */
export function serializeError(err: unknown): Record<string, unknown> {
  if (!(err instanceof Error)) return { message: String(err) };
  const e = err as Error & { code?: unknown; query?: unknown; driverError?: { code?: unknown } };
  const kept: Record<string, unknown> = { type: e.name, message: e.message, stack: e.stack };
  const code = e.code ?? e.driverError?.code;
  if (code !== undefined) kept.code = code;
  if (typeof e.query === 'string') kept.sql = e.query;
  if (e.cause !== undefined) kept.cause = serializeError(e.cause);
  return kept;
}

/** Structured JSON logs, one logger per service; request loggers are its children. */
export function createLogger(service: string, destination?: DestinationStream): Logger {
  return pino(
    {
      name: service,
      level: envString('LOG_LEVEL', process.env.NODE_ENV === 'test' ? 'silent' : 'info'),
      base: { service },
      serializers: { err: serializeError },
      // personal data never reaches a log line, whatever a careless call passes in
      redact: { paths: ['*.identityNumber', '*.phone', 'identityNumber', 'phone', 'req.headers.authorization'], censor: '[redacted]' },
    },
    destination,
  );
}
