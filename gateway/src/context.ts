import type { Logger } from '@skills-sichuan/kit';

/** What the gateway knows of one client request. */
export interface GatewayContext {
  requestId: string;
  log: Logger;
}
