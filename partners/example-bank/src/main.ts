import { startBank } from './server';

/** The bank's process: PARTNER_NAME (default "bank"), PARTNER_SECRET (required), HOST, PORT. */
const secret = process.env.PARTNER_SECRET;
if (!secret) {
  process.stderr.write('PARTNER_SECRET must be set: the secret the program office handed you (npm run partner -- secret <name>)\n');
  process.exit(2);
}
startBank({
  name: process.env.PARTNER_NAME ?? 'bank',
  secret,
  host: process.env.HOST ?? '127.0.0.1',
  port: Number(process.env.PORT ?? 4100),
}).then(
  (bank) => {
    process.stdout.write(`bank subgraph listening at ${bank.url}\n`);
    const stop = () => void bank.stop().then(() => process.exit(0));
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  },
  (err: unknown) => {
    process.stderr.write(`bank subgraph failed to start: ${(err as Error).message}\n`);
    process.exit(1);
  },
);
