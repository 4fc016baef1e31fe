import 'reflect-metadata';

/**
 * The machinery every subgraph shares, once: the federated schema builder, the data
 * source, the per-request context and its loaders, pagination, workflows, input checks,
 * reads of other subgraphs through the graph, and the subgraph bootstrap.
 */
export * from './authorization';
export * from './graph-client';
export * from './graph-reads';
export * from './context';
export * from './data-source';
export * from './federation';
export * from './subgraph';
export * from './validation';
export * from './pagination';
export * from './workflow';
export * from './calendar';
export * from './credit-code';
export * from './seed/catalog';
export * from './seed/program';
export * from './seed/random';
