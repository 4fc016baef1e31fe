import { Field, ID, InputType } from 'type-graphql';
import { RosterStatus } from '../roster/roster.enums';
import { BaseTier } from './base.enums';

@InputType({ description: 'Which bases to list; every field given narrows the list' })
export class BaseFilter {
  @Field(() => [ID], { nullable: true, description: 'only these bases (at most 500)' })
  ids?: string[] | null;

  @Field(() => ID, { nullable: true, description: "a brand's bases" })
  brandId?: string | null;

  @Field(() => Boolean, {
    nullable: true,
    defaultValue: true,
    description: "with brandId: a public brand's bases include its sub-brands' unless this is false",
  })
  includeSubBrands?: boolean | null;

  @Field(() => BaseTier, { nullable: true })
  tier?: BaseTier | null;

  @Field(() => String, { nullable: true, description: 'GB/T 2260 code of a 市州, e.g. "510100"' })
  cityCode?: string | null;

  @Field(() => RosterStatus, { nullable: true, description: 'omitted: every status' })
  status?: RosterStatus | null;

  @Field(() => ID, { nullable: true, description: "an organisation's bases" })
  operatorId?: string | null;
}
