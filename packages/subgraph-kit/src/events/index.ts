export * from './catalog';
export * from './inbox';
export * from './outbox';
