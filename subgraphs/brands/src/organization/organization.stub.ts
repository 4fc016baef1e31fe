import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { Cached, CacheFor } from '@skills-sichuan/subgraph-kit';

/** An organisation of the bases subgraph (培育主体): this subgraph adds the brand licences it holds. */
@ObjectType()
@Directive('@key(fields: "id")')
@Cached(CacheFor.program)
export class Organization {
  @Field(() => ID)
  id: string;

  static reference(id: string): Organization {
    return Object.assign(new Organization(), { id });
  }
}
