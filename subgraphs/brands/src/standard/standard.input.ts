import { ArgsType, Field, ID, InputType } from 'type-graphql';
import { DateScalar } from '@skills-sichuan/runtime';
import { StandardCategory, StandardStatus } from './standard.entity';

@ArgsType()
export class StandardsArgs {
  @Field(() => StandardCategory, { nullable: true })
  category?: StandardCategory;

  @Field(() => StandardStatus, { nullable: true, description: 'drafts are shown to PROVINCIAL_ADMIN only' })
  status?: StandardStatus;

  @Field(() => ID, { nullable: true })
  brandId?: string;
}

@InputType({ description: 'The first version of a new standard, as a draft' })
export class DraftStandardInput {
  @Field({ description: 'e.g. "T/SCJN 001"; the same for all its versions' })
  code: string;

  @Field()
  title: string;

  @Field(() => StandardCategory)
  category: StandardCategory;

  @Field({ defaultValue: '1.0' })
  version: string;

  @Field(() => [ID], { description: 'the brands it applies to (at least one)' })
  brandIds: string[];

  @Field(() => [ID], { description: 'organisations that drafted it: cultivation subjects, industry associations' })
  draftedByIds: string[];
}

@InputType({ description: 'A new version of a published standard, as a draft that will supersede it' })
export class ReviseStandardInput {
  @Field(() => ID, { description: 'the published version this one will supersede' })
  standardId: string;

  @Field({ description: 'greater than every version of the standard so far' })
  version: string;

  @Field(() => String, { nullable: true, description: 'omitted: the title stays' })
  title?: string | null;

  @Field(() => [ID], { nullable: true, description: 'omitted: the same brands' })
  brandIds?: string[] | null;

  @Field(() => [ID], { nullable: true, description: 'omitted: the same drafters' })
  draftedByIds?: string[] | null;
}

@InputType({ description: 'A move of a standard along DRAFT → PUBLISHED → RETIRED' })
export class ChangeStandardStatusInput {
  @Field(() => ID)
  id: string;

  @Field(() => StandardStatus)
  status: StandardStatus;

  @Field(() => DateScalar, { description: 'the day it is published or retired' })
  effectiveOn: string;
}
