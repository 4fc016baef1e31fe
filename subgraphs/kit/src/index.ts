import 'reflect-metadata';

export * from './env';
export * from './logger';
export * from './errors';
export * from './scalars';
export * from './viewer';
export * from './identity';
export * from './authorization';
export * from './graph-client';
export * from './context';
export * from './data-source';
export * from './federation';
export * from './server';
export * from './plugins';
export * from './subgraph';
export * from './credit-code';
export * from './program/catalog';
export * from './program/program';
export * from './validation';
export * from './pagination';
export * from './workflow';
export * from './calendar';
export * from './program/random';

export * from './graph-reads';
