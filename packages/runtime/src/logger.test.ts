import { Writable } from 'node:stream';
import { QueryFailedError } from 'typeorm';
import { createLogger } from './logger';

/** Personal data stays out of the logs, even inside a failed SQL statement's error. */
describe('createLogger', () => {
  const capture = () => {
    const lines: string[] = [];
    const stream = new Writable({ write: (chunk, _encoding, done) => (lines.push(chunk.toString()), done()) });
    process.env.LOG_LEVEL = 'info';
    const log = createLogger('test', stream);
    delete process.env.LOG_LEVEL;
    return { log, lines };
  };

  it('logs a failed statement’s SQL and code but not its parameters or the driver’s detail', () => {
    const { log, lines } = capture();
    const driverError = Object.assign(new Error('duplicate key value violates unique constraint "uq_contact_phone"'), {
      code: '23505',
      detail: 'Key (phone)=(13812345678) already exists.',
      parameters: ['张三', '13812345678', '510104199003074512'],
    });
    log.error(
      {
        err: new QueryFailedError(
          'INSERT INTO contact (name, phone, identity) VALUES ($1, $2, $3)',
          ['张三', '13812345678', '510104199003074512'],
          driverError,
        ),
      },
      'write failed',
    );
    const line = lines.join('');
    expect(line).toContain('INSERT INTO contact');
    expect(line).toContain('23505');
    expect(line).not.toMatch(/13812345678|510104199003074512|张三/);
  });

  it('redacts identity numbers and phones passed as fields', () => {
    const { log, lines } = capture();
    log.info({ trainee: { identityNumber: '510104199003074512', phone: '13812345678' } }, 'imported');
    expect(lines.join('')).not.toMatch(/13812345678|510104199003074512/);
  });
});
