import { ArgsType, Field } from 'type-graphql';
import { BaseTier } from '../base/base.enums';
import { HonourLevel } from '../honour/honour.entity';
import { RosterStatus } from '../roster/roster.enums';

@ArgsType()
export class BrandBasesArgs {
  @Field(() => BaseTier, { nullable: true })
  tier?: BaseTier;

  @Field({ nullable: true, description: 'GB/T 2260 code of a 市州, e.g. "510100"' })
  cityCode?: string;

  @Field(() => RosterStatus, { nullable: true, description: 'omitted: every status' })
  status?: RosterStatus;

  @Field(() => Boolean, {
    nullable: true,
    defaultValue: true,
    description: "a public brand's bases include its sub-brands' unless this is false",
  })
  includeSubBrands?: boolean | null;

  @Field(() => HonourLevel, { nullable: true, description: 'only bases holding an honour of this level (获国家级荣誉的基地)' })
  honourLevel?: HonourLevel;
}
