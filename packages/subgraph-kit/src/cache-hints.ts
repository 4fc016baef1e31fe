import { Directive } from 'type-graphql';

/**
 * How long, in seconds, the gateway may keep an answer that read a type: the type's
 * `@cacheControl` hint, which the subgraph sends as its answer's Cache-Control and the gateway's
 * response cache honours (docs/performance.md). The gateway keys what it keeps by the viewer's
 * role and jurisdiction and drops it at the first write through the graph to the subgraph that
 * served it, so the age is only the bound for writes the gateway does not see.
 * A type with no hint is never kept: personal data, workflow records, what a viewer submits.
 */
export const CacheFor = {
  /** the plan's reference data: brands, standards, cities */
  reference: 300,
  /** the program's bases, institutions, assessments, credit and figures */
  program: 60,
} as const;

/** `@cacheControl(maxAge:)`: answers reading this type may be kept that long */
export const Cached = (maxAge: number) => Directive(`@cacheControl(maxAge: ${maxAge})`);

/** a value with no life of its own (a period's figures, a page's end): kept as long as the field it hangs from */
export const CachedWithParent = () => Directive('@cacheControl(inheritMaxAge: true)');

/** what a subgraph's SDL declares so its types may carry the hints (Apollo Server's cache control reads them); the scope enum is no part of the public graph */
export const CACHE_CONTROL_SDL = `enum CacheControlScope @inaccessible { PUBLIC PRIVATE }
directive @cacheControl(maxAge: Int, scope: CacheControlScope, inheritMaxAge: Boolean) on FIELD_DEFINITION | OBJECT | INTERFACE | UNION`;
