import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { Cached, CachedWithParent, CacheFor } from '@skills-sichuan/subgraph-kit';

/** An organisation of the bases subgraph, named here by its id only. */
@ObjectType()
@Directive('@key(fields: "id", resolvable: false)')
@Cached(CacheFor.program)
export class Organization {
  @Field(() => ID)
  id: string;
}

/** The evaluation subgraph's figures of a report, as much of them as the reconciliation needs. */
@ObjectType()
@CachedWithParent()
export class ProgressFigures {
  @Field(() => Int)
  @Directive('@external')
  personTimes: number;
}

/** A progress report of the evaluation subgraph: this subgraph reconciles it with the training recorded. */
@ObjectType()
@Directive('@key(fields: "id")')
@Cached(CacheFor.program)
export class ProgressReport {
  @Field(() => ID)
  id: string;

  /** from the evaluation subgraph, when the reconciliation asks for it */
  @Field()
  @Directive('@external')
  period?: string;

  @Field(() => Organization, { nullable: true })
  @Directive('@external')
  organization?: Organization | null;

  @Field(() => ProgressFigures, { nullable: true })
  @Directive('@external')
  figures?: ProgressFigures | null;
}
