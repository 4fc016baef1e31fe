/**
 * What every service of the graph runs on, the gateway included: configuration from the
 * environment, logging, the errors clients see, the HTTP bootstrap, the signed viewer and
 * the operation limits. Nothing here touches a database or builds a schema.
 */
export * from './env';
export * from './logger';
export * from './errors';
export * from './input';
export * from './scalars';
export * from './record-id';
export * from './cities';
export * from './viewer';
export * from './identity';
export * from './limits';
export * from './server';
export * from './metrics';
export { flushTracing, tracingEnabled } from './tracing';
export * from './plugins';
