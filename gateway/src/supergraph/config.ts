import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

/** One subgraph of the composition: where its SDL file lives and where the gateway routes to it. */
export interface SubgraphEntry {
  name: string;
  routingUrl: string;
  schemaFile: string;
}

export class SupergraphConfigError extends Error {
  override name = 'SupergraphConfigError';
}

/**
 * Reads a rover-style supergraph.yaml:
 *   subgraphs: { <name>: { routing_url: http://…, schema: { file: ./<name>.graphql } } }
 * Schema file paths are resolved against the yaml's folder.
 */
export function readSupergraphConfig(file: string): SubgraphEntry[] {
  const config = parse(fs.readFileSync(file, 'utf8')) as {
    subgraphs?: Record<string, { routing_url?: unknown; schema?: { file?: unknown } }>;
  };
  const subgraphs = Object.entries(config?.subgraphs ?? {});
  if (subgraphs.length === 0) throw new SupergraphConfigError(`${file} lists no subgraphs`);
  return subgraphs.map(([name, entry]) => {
    if (!/^[a-z][a-z0-9_-]*$/.test(name))
      throw new SupergraphConfigError(`${file}: subgraph name "${name}" must be lower-case letters, digits, - or _`);
    const routingUrl = entry?.routing_url;
    const schemaFile = entry?.schema?.file;
    // local://<name>: a subgraph served inside the gateway process (the partner registry)
    if (typeof routingUrl !== 'string' || !/^(https?:\/\/|local:\/\/)/.test(routingUrl))
      throw new SupergraphConfigError(
        `${file}: subgraph ${name} needs an http(s) routing_url, or local:// for one the gateway serves itself`,
      );
    if (typeof schemaFile !== 'string') throw new SupergraphConfigError(`${file}: subgraph ${name} needs schema.file`);
    return { name, routingUrl, schemaFile: path.resolve(path.dirname(file), schemaFile) };
  });
}
