/**
 * npm run build -w @skills-sichuan/dashboard (run by `npm ci`, `npm start` and `npm test`):
 * types for the operations in operations/ from the graph's API schema (GraphQL Code Generator's
 * client preset, into src/graphql/), then the page bundled from src/ (esbuild) into dist/, with
 * dist/operations.json — hash → document — which the gateway registers as the dashboard's
 * trusted documents. Nothing here is committed.
 */
import { copyFile, mkdir, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generate } from '@graphql-codegen/cli';
import { build } from 'esbuild';

const here = dirname(fileURLToPath(import.meta.url));
const dist = join(here, 'dist');

await generate(
  {
    schema: join(here, '..', 'schema', 'api.graphql'),
    documents: join(here, 'operations', '*.graphql'),
    silent: true,
    generates: {
      [join(here, 'src', 'graphql') + '/']: {
        preset: 'client',
        presetConfig: {
          fragmentMasking: false,
          // the bundle carries each operation's hash, not its text: the gateway has the text, registered by that hash
          persistedDocuments: { mode: 'replaceDocumentWithHash', hashAlgorithm: 'sha256' },
        },
        config: { enumsAsTypes: true, useTypeImports: true, scalars: { Date: 'string' } },
      },
    },
  },
  true,
);

await rm(dist, { recursive: true, force: true });
await mkdir(dist, { recursive: true });
await build({
  entryPoints: { app: join(here, 'src', 'main.tsx') },
  outdir: dist,
  bundle: true,
  minify: true,
  sourcemap: 'linked',
  format: 'iife',
  target: ['es2020', 'chrome100', 'firefox100', 'safari15'],
  // the fonts' subsets (Noto Sans SC, one file per range of characters) sit beside the bundle; the browser loads the ranges a page uses
  loader: { '.woff2': 'file', '.woff': 'file' },
  assetNames: 'fonts/[name]-[hash]',
  publicPath: '/dashboard/',
  define: { 'process.env.NODE_ENV': '"production"' },
  jsx: 'automatic',
  logLevel: 'warning',
});
await copyFile(join(here, 'src', 'index.html'), join(dist, 'index.html'));
await copyFile(join(here, 'src', 'graphql', 'persisted-documents.json'), join(dist, 'operations.json'));
