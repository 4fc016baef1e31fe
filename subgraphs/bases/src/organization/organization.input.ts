import { ArgsType, Field, ID, InputType } from 'type-graphql';
import { OrganizationKind } from './organization.enums';

/** Exactly one of the two: the resolver refuses none or both. */
@ArgsType()
export class OrganizationLookupArgs {
  @Field(() => ID, { nullable: true })
  id?: string;

  @Field({ nullable: true, description: '统一社会信用代码, 18 characters' })
  creditCode?: string;
}

@InputType()
export class ContactInput {
  @Field()
  name: string;

  @Field(() => String, { nullable: true, description: '职务' })
  title?: string | null;

  @Field({ description: 'digits, spaces, +, - and parentheses, e.g. 028-86123456 or 13800000000' })
  phone: string;

  @Field(() => String, { nullable: true })
  email?: string | null;
}

@InputType({ description: 'A cultivation subject (培育主体) to register' })
export class RegisterOrganizationInput {
  @Field()
  name: string;

  @Field(() => OrganizationKind)
  kind: OrganizationKind;

  @Field({ description: '统一社会信用代码: 18 characters, its last a GB 32100-2015 check character' })
  creditCode: string;

  @Field({ description: 'GB/T 2260 code of its 市州' })
  cityCode: string;

  @Field(() => [ContactInput], { description: 'one to five contact people, the first the main one' })
  contacts: ContactInput[];
}

@InputType({ description: 'Corrects an organisation’s contacts after registration (更正): the whole list as it should stand, and why' })
export class CorrectContactsInput {
  @Field(() => ID)
  organizationId: string;

  @Field(() => [ContactInput], { description: 'one to five contact people as they should stand, the first the main one' })
  contacts: ContactInput[];

  @Field({ description: 'why: required, kept with the history' })
  reason: string;
}
