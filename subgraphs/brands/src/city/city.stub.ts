import { Directive, Field, ObjectType } from 'type-graphql';
import { Cached, CacheFor } from '@skills-sichuan/subgraph-kit';

/** A city of the bases subgraph, named here by its code only. */
@ObjectType()
@Directive('@key(fields: "code", resolvable: false)')
@Cached(CacheFor.reference)
export class City {
  @Field()
  code: string;

  static reference(code: string): City {
    return Object.assign(new City(), { code });
  }
}
