import v8 from 'node:v8';
import { createLogger, stopOnSignals } from '@skills-sichuan/runtime';
import { gatewayConfigFromEnv } from './config';
import { startGateway } from './gateway';

// Under load V8 lets the old space grow to four times what a full collection keeps (55 MB kept, 230 MB of
// heap, 320 MB resident at the bench's 20 connections); a request's objects live for milliseconds, and
// twice what is kept bounds the gateway near 220 MB at the same CPU a request (docs/performance.md, "Memory")
v8.setFlagsFromString('--heap-growing-percent=100');

const log = createLogger('gateway');
// a bad configuration (a secret not set) is logged as the reason it did not start, like any other failure
Promise.resolve()
  .then(() => startGateway({ ...gatewayConfigFromEnv(), log }))
  .then(
    (gateway) => stopOnSignals([gateway], log),
    (err) => {
      log.fatal({ err }, 'gateway failed to start');
      process.exit(1);
    },
  );
