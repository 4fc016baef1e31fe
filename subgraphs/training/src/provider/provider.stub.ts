import { createUnionType, Directive, Field, ID, ObjectType } from 'type-graphql';
import type { ProviderType } from './provider.enums';
import { Cached, CacheFor } from '@skills-sichuan/subgraph-kit';

/** A base of the bases subgraph: this subgraph adds its programs, person-times and competitions. */
@ObjectType()
@Directive('@key(fields: "id")')
@Cached(CacheFor.program)
export class Base {
  static readonly providerType: ProviderType = 'Base';

  @Field(() => ID)
  id: string;
}

/** An institution of the bases subgraph: this subgraph adds the same totals as for a base. */
@ObjectType()
@Directive('@key(fields: "id")')
@Cached(CacheFor.program)
export class Institution {
  static readonly providerType: ProviderType = 'Institution';

  @Field(() => ID)
  id: string;
}

/** A provider as a loader's cache key: its type and id (null for an event no provider hosted). */
export const providerKey = (provider: { type: string | null; id: string | null }) => `${provider.type}:${provider.id}`;

export function providerReference(type: ProviderType, id: string): Base | Institution {
  return Object.assign(type === 'Base' ? new Base() : new Institution(), { id });
}

export const Provider = createUnionType({
  name: 'Provider',
  description: 'The base or institution that runs a program or hosts an event',
  types: () => [Base, Institution] as const,
  resolveType: (provider) => (provider instanceof Base ? 'Base' : 'Institution'),
});
