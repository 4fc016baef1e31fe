import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { readSupergraphConfig } from './config';
import type { SubgraphSdl } from './compose';

/**
 * The reviewed core of the graph: our own subgraphs as `schema/supergraph.yaml` lists them,
 * and their committed composition. What the gateway serves is this core alone, or this core
 * composed with the partners the registry has accepted.
 */
export interface CoreGraph {
  subgraphs: SubgraphSdl[];
  supergraphSdl: string;
  /** SHA-256 of supergraphSdl: a stored composition made with another core is not served as it is */
  hash: string;
}

export const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

export function coreGraph(subgraphs: SubgraphSdl[], supergraphSdl: string): CoreGraph {
  return { subgraphs, supergraphSdl, hash: sha256(supergraphSdl) };
}

/** The core as committed: supergraph.graphql and, beside it, supergraph.yaml with each subgraph's SDL file. */
export function readCoreGraph(supergraphFile: string): CoreGraph {
  const entries = readSupergraphConfig(path.join(path.dirname(supergraphFile), 'supergraph.yaml'));
  return coreGraph(
    entries.map(({ name, routingUrl, schemaFile }) => ({ name, routingUrl, sdl: fs.readFileSync(schemaFile, 'utf8') })),
    fs.readFileSync(supergraphFile, 'utf8'),
  );
}
