import { createLogger, stopOnSignals } from '@skills-sichuan/runtime';
import { gatewayConfigFromEnv } from './config';
import { startGateway } from './gateway';

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
