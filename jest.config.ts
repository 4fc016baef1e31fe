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
    '^@skills-sichuan/(runtime|subgraph-kit)$': '<rootDir>/packages/$1/src',
    '^@skills-sichuan/(brands|bases|training|evaluation)$': '<rootDir>/subgraphs/$1/src',
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
  },
  setupFiles: ['reflect-metadata'],
  testTimeout: 120_000,
};

export default config;
