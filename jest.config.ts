import type { Config } from 'jest';

/** One jest run for the whole repository: unit tests beside the code, end-to-end tests of the graph in test/. */
const config: Config = {
  testEnvironment: 'node',
  roots: ['<rootDir>/packages', '<rootDir>/subgraphs', '<rootDir>/gateway', '<rootDir>/scripts', '<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  modulePathIgnorePatterns: ['<rootDir>/[^/]+/dist/', '<rootDir>/(packages|subgraphs)/[^/]+/dist/'],
  // workspace packages resolve to their sources, so tests need no build
  moduleNameMapper: {
    '^@skills-sichuan/gateway$': '<rootDir>/gateway/src',
    '^@skills-sichuan/(runtime|database|subgraph-kit)$': '<rootDir>/packages/$1/src',
    '^@skills-sichuan/(brands|bases|training|evaluation)$': '<rootDir>/subgraphs/$1/src',
    // each subgraph's seed entry point (src/seed/index.ts, not the src/seed.ts beside it): the generator other subgraphs' seeds and the tests draw its records from
    '^@skills-sichuan/(brands|bases|training|evaluation)/seed$': '<rootDir>/subgraphs/$1/src/seed/index.ts',
  },
  transform: {
    '^.+\\.ts$': [
      '@swc/jest',
      {
        jsc: {
          target: 'es2022',
          parser: { syntax: 'typescript', decorators: true },
          // type-graphql reads field types from decorator metadata
          transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
        },
        module: { type: 'commonjs' },
      },
    ],
    // jose 6 is published as ES modules only, which jest cannot require on Node 20: compile it to CommonJS like our sources
    '/node_modules/jose/.+\\.js$': ['@swc/jest', { jsc: { target: 'es2022' }, module: { type: 'commonjs' } }],
  },
  transformIgnorePatterns: ['/node_modules/(?!jose/)'],
  setupFiles: ['reflect-metadata'],
  testTimeout: 120_000,
};

export default config;
