import 'reflect-metadata';

/**
 * How a service keeps its data, once for every service that has a database (the subgraphs
 * and the gateway's partner registry): a SQLite file on the embedded default or a
 * PostgreSQL schema of its own, changed only by TypeORM migrations, every statement counted,
 * parameters never logged, one request's database time bounded.
 */
export * from './bulk-load';
export * from './data-source';
export * from './config';
export * from './insert-many';
export * from './observe';
export * from './select-together';
