import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';

export interface SubgraphSdl {
  name: string;
  routingUrl: string;
  sdl: string;
}

/** One thing composition said: an error (no supergraph) or a hint (composed, but worth a look). */
export interface CompositionNote {
  code: string;
  message: string;
}

export interface Composition {
  /** absent when composition failed */
  supergraphSdl?: string;
  errors: CompositionNote[];
  hints: CompositionNote[];
}

export class CompositionError extends Error {
  override name = 'CompositionError';
  constructor(readonly problems: string[]) {
    super(`composition failed:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/** Composes subgraph SDLs with @apollo/composition, keeping its errors and hints as they were said. */
export function compose(subgraphs: SubgraphSdl[]): Composition {
  let result: ReturnType<typeof composeServices>;
  try {
    result = composeServices(subgraphs.map(({ name, routingUrl, sdl }) => ({ name, url: routingUrl, typeDefs: parse(sdl) })));
  } catch (err) {
    // an SDL that does not even parse
    return { errors: [{ code: 'INVALID_GRAPHQL', message: (err as Error).message }], hints: [] };
  }
  const hints = (result.hints ?? []).map((h) => ({ code: h.definition.code, message: h.message }));
  if (result.errors)
    return { errors: result.errors.map((e) => ({ code: String(e.extensions.code ?? 'COMPOSITION'), message: e.message })), hints };
  return { supergraphSdl: result.supergraphSdl, errors: [], hints };
}

/** Composes subgraph SDLs into a supergraph SDL, or throws with every composition error. */
export function composeSupergraph(subgraphs: SubgraphSdl[]): string {
  const composition = compose(subgraphs);
  if (!composition.supergraphSdl) throw new CompositionError(composition.errors.map((e) => e.message));
  return composition.supergraphSdl;
}
