import { Field, ID, InputType } from 'type-graphql';
import { RosterStatus } from '../roster/roster.enums';
import { BaseTier, CultivationField } from './base.enums';

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

@InputType({ description: 'Corrects a base’s conditions (申报条件) after its selection: the fields given change, the others stay' })
export class CorrectBaseConditionsInput {
  @Field(() => ID)
  baseId: string;

  @Field(() => String, { nullable: true, description: '设施设备、场所等培训条件' })
  facilities?: string | null;

  @Field(() => String, { nullable: true, description: '课程体系' })
  courseSystem?: string | null;

  @Field(() => String, { nullable: true, description: '组织管理体系' })
  managementSystem?: string | null;

  @Field(() => [CultivationField], { nullable: true, description: 'the fields it serves, at least one' })
  fields?: CultivationField[] | null;

  @Field({ description: 'why: required, kept with the history' })
  reason: string;
}
