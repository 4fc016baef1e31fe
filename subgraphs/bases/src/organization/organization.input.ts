import { ArgsType, Field, ID } from 'type-graphql';

/** Exactly one of the two: the resolver refuses none or both. */
@ArgsType()
export class OrganizationLookupArgs {
  @Field(() => ID, { nullable: true })
  id?: string;

  @Field({ nullable: true, description: '统一社会信用代码, 18 characters' })
  creditCode?: string;
}
