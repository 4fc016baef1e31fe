import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { Cached, CacheFor } from '@skills-sichuan/subgraph-kit';

/** An assessment of the evaluation subgraph, named as the cause of a roster decision; evaluation resolves it. */
@ObjectType()
@Directive('@key(fields: "id", resolvable: false)')
@Cached(CacheFor.program)
export class Assessment {
  @Field(() => ID)
  id: string;
}

/** A credit event (失信惩戒 …) of the evaluation subgraph, named as the cause of a roster decision; evaluation resolves it. */
@ObjectType()
@Directive('@key(fields: "id", resolvable: false)')
@Cached(CacheFor.program)
export class CreditEvent {
  @Field(() => ID)
  id: string;
}
