import { createLogger, stopOnSignals } from '@skills-sichuan/runtime';
import { gatewayConfigFromEnv } from './config';
import { startGateway } from './gateway';

const log = createLogger('gateway');
startGateway({ ...gatewayConfigFromEnv(), log }).then(
  (gateway) => stopOnSignals([gateway], log),
  (err) => {
    log.fatal({ err }, 'gateway failed to start');
    process.exit(1);
  },
);
