import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** A brand of the brands subgraph: this subgraph adds its bases and institutions. */
@ObjectType()
@Directive('@key(fields: "id")')
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
