import { Directive, Field, ObjectType } from 'type-graphql';

/** A city of the bases subgraph, named here by its code only. */
@ObjectType()
@Directive('@key(fields: "code", resolvable: false)')
export class City {
  @Field()
  code: string;

  static reference(code: string): City {
    return Object.assign(new City(), { code });
  }
}
