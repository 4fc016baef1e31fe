import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';

/** The brands subgraph's target, as much of it as trainingProgress needs. */
@ObjectType()
export class TrainingTarget {
  @Field(() => Int)
  @Directive('@external')
  personTimes: number;
}

/** A brand of the brands subgraph: this subgraph adds its training progress. */
@ObjectType()
@Directive('@key(fields: "id")')
export class Brand {
  @Field(() => ID)
  id: string;

  /** from the brands subgraph, when trainingProgress asks for it */
  @Field(() => TrainingTarget, { nullable: true })
  @Directive('@external')
  trainingTarget?: TrainingTarget | null;

  @Field(() => [Brand])
  @Directive('@external')
  subBrands?: { id: string }[];

  static reference(id: string): Brand {
    return Object.assign(new Brand(), { id });
  }
}

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
