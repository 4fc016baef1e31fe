import pino, { type Logger } from 'pino';
import { envString } from './env';

export type { Logger };

/** Structured JSON logs, one logger per service; request loggers are its children. */
export function createLogger(service: string): Logger {
  return pino({
    name: service,
    level: envString('LOG_LEVEL', process.env.NODE_ENV === 'test' ? 'silent' : 'info'),
    base: { service },
    // personal data never reaches a log line, whatever a careless call passes in
    redact: { paths: ['*.identityNumber', '*.phone', 'identityNumber', 'phone', 'req.headers.authorization'], censor: '[redacted]' },
  });
}
