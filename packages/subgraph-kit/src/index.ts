import 'reflect-metadata';

/**
 * The machinery every subgraph shares, once: the federated schema builder, the data
 * source, the per-request context and its loaders, pagination, workflows, input checks,
 * reads of other subgraphs through the graph, the subgraph bootstrap, and what every
 * subgraph's seed shares (its options, the deterministic random source, the province's cities).
 */
export * from './authorization';
export * from './graph-client';
export * from './graph-reads';
export * from './context';
export * from './reads';
// the data source is the database package's; subgraphs reach it through the kit, as they reach everything they share
export * from '@skills-sichuan/database';
export * from './federation';
export * from './subgraph';
export * from './config';
export * from './validation';
export * from './pagination';
export * from './selection';
export * from './cache-hints';
export * from './figures';
export * from './workflow';
export * from './calendar';
export * from './events/catalog';
export * from './rules/dishonesty-flags';
export { backgroundTransaction, publishEvent, EventRelay } from './events/outbox';
export type { EventHandlers, EventHandler } from './events/inbox';
export { OutboxEvent, InboxEvent } from './events/event.entities';
export * from './seed/options';
export * from './seed/random';
export * from './seed/cities';
export * from './seed/program-calendar';
