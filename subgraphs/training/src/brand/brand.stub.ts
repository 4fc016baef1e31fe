import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { DateScalar } from '@skills-sichuan/runtime';
import { Cached, CachedWithParent, CacheFor } from '@skills-sichuan/subgraph-kit';

/** The brands subgraph's target, as much of it as trainingProgress needs: its person-times and the window it counts. */
@ObjectType()
@CachedWithParent()
export class TrainingTarget {
  @Field(() => Int)
  @Directive('@external')
  personTimes: number;

  @Field(() => DateScalar)
  @Directive('@external')
  countsFrom: string;

  @Field(() => DateScalar)
  @Directive('@external')
  deadline: string;
}

/** A brand of the brands subgraph: this subgraph adds its training progress. */
@ObjectType()
@Directive('@key(fields: "id")')
@Cached(CacheFor.reference)
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

  /** from the brands subgraph: a sub-brand without its own target counts within its public brand's window */
  @Field(() => Brand, { nullable: true })
  @Directive('@external')
  parent?: { trainingTarget?: Pick<TrainingTarget, 'countsFrom' | 'deadline'> | null } | null;

  static reference(id: string): Brand {
    return Object.assign(new Brand(), { id });
  }
}

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
