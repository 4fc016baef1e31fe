import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { Cached, CacheFor } from '@skills-sichuan/subgraph-kit';

/** A brand of the brands subgraph: this subgraph adds its bases and institutions. */
@ObjectType()
@Directive('@key(fields: "id")')
@Cached(CacheFor.reference)
export class Brand {
  @Field(() => ID)
  id: string;

  /** filled by the gateway from the brands subgraph when `bases` asks for it */
  @Field(() => [Brand])
  @Directive('@external')
  subBrands?: { id: string }[];

  static reference(id: string): Brand {
    return Object.assign(new Brand(), { id });
  }
}
