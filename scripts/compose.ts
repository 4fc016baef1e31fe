/**
 * npm run compose: writes each in-repo subgraph's SDL into schema/ and composes
 * schema/supergraph.graphql from every subgraph that schema/supergraph.yaml lists
 * (partners' SDL files included), and schema/api.graphql, the graph as clients see it. With --check it writes nothing and fails when a
 * committed file differs from what the code produces.
 */
import fs from 'node:fs';
import path from 'node:path';
import { printSubgraphSchema } from '@apollo/subgraph';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { Supergraph } from '@apollo/federation-internals';
import { parse, printSchema } from 'graphql';
import { composeSupergraph, readSupergraphConfig, REGISTRY_SDL, REGISTRY_SUBGRAPH, SCHEMA_DIR } from '@skills-sichuan/gateway';
import { subgraphSchema } from '@skills-sichuan/subgraph-kit';
import { SUBGRAPHS } from './subgraphs';

export interface SchemaFile {
  file: string;
  content: string;
}

/** Every file of schema/ as the current code would write it. */
export async function expectedSchemaFiles(schemaDir = SCHEMA_DIR): Promise<SchemaFile[]> {
  const entries = readSupergraphConfig(path.join(schemaDir, 'supergraph.yaml'));
  const files: SchemaFile[] = [];
  for (const definition of SUBGRAPHS) {
    const entry = entries.find((e) => e.name === definition.name);
    if (!entry) throw new Error(`schema/supergraph.yaml does not list the ${definition.name} subgraph`);
    files.push({ file: entry.schemaFile, content: `${printSubgraphSchema(await subgraphSchema(definition)).trim()}\n` });
  }
  // the registry is the gateway's own subgraph: its SDL lives in the gateway's code
  const registry = entries.find((e) => e.name === REGISTRY_SUBGRAPH);
  if (!registry) throw new Error(`schema/supergraph.yaml does not list the ${REGISTRY_SUBGRAPH} subgraph`);
  files.push({
    file: registry.schemaFile,
    content: `${printSubgraphSchema(buildSubgraphSchema({ typeDefs: parse(REGISTRY_SDL) })).trim()}\n`,
  });
  // compose from what the code produces, not from files that may be stale; partners' SDL comes from their files
  const sdlOf = (file: string) => files.find((f) => f.file === file)?.content ?? fs.readFileSync(file, 'utf8');
  const supergraph = composeSupergraph(entries.map(({ name, routingUrl, schemaFile }) => ({ name, routingUrl, sdl: sdlOf(schemaFile) })));
  files.push({ file: path.join(schemaDir, 'supergraph.graphql'), content: `${supergraph.trim()}\n` });
  // the graph clients see (no join directives, no @inaccessible): what the dashboard's operations are typed against
  const api = Supergraph.build(supergraph).apiSchema().toGraphQLJSSchema();
  files.push({ file: path.join(schemaDir, 'api.graphql'), content: `${printSchema(api).trim()}\n` });
  return files;
}

/** The files of schema/ that differ from what the code produces. */
export async function staleSchemaFiles(schemaDir = SCHEMA_DIR): Promise<string[]> {
  const files = await expectedSchemaFiles(schemaDir);
  return files
    .filter(({ file, content }) => !fs.existsSync(file) || fs.readFileSync(file, 'utf8') !== content)
    .map((f) => path.relative(process.cwd(), f.file));
}

async function main() {
  if (process.argv.includes('--check')) {
    const stale = await staleSchemaFiles();
    if (stale.length > 0) {
      process.stderr.write(`schema/ is stale; run \`npm run compose\` and commit:\n${stale.map((f) => `  ${f}`).join('\n')}\n`);
      process.exit(1);
    }
    process.stdout.write('schema/ matches the subgraphs\n');
    return;
  }
  for (const { file, content } of await expectedSchemaFiles()) {
    fs.writeFileSync(file, content);
    process.stdout.write(`wrote ${path.relative(process.cwd(), file)}\n`);
  }
}

if (require.main === module) {
  main().catch((err: unknown) => {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  });
}
