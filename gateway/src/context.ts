import type { Viewer, Logger } from '@skills-sichuan/runtime';
import type { Keepable } from './cache/response-cache';

/** What the gateway knows of one client request. */
export interface GatewayContext {
  requestId: string;
  log: Logger;
  /** verified from the bearer token; PUBLIC without one */
  viewer: Viewer;
  /**
   * Filled in by the pipeline, read by the response cache once the answer is written: whether,
   * and how long, it may be kept. A holder, since Apollo Server hands its plugins a shallow copy
   * of the context.
   */
  readonly answer?: { keepable?: Keepable };
}
