import type { Viewer, Logger } from '@skills-sichuan/runtime';

/** What the gateway knows of one client request. */
export interface GatewayContext {
  requestId: string;
  log: Logger;
  /** verified from the bearer token; PUBLIC without one */
  viewer: Viewer;
}
