import { ArgsType, Field, ID, InputType, ObjectType } from 'type-graphql';
import { DateScalar } from '@skills-sichuan/runtime';
import { Cached, CacheFor, Connection, PageArgs } from '@skills-sichuan/subgraph-kit';
import { LicenceStatus, UsageLicence } from './usage-licence.entity';

@ArgsType()
export class UsageLicencesArgs extends PageArgs {
  @Field(() => ID, { nullable: true })
  brandId?: string;

  @Field(() => ID, { nullable: true })
  licenseeId?: string;

  @Field(() => LicenceStatus, { nullable: true, description: 'as of today in Sichuan' })
  status?: LicenceStatus;
}

@ObjectType()
@Cached(CacheFor.program)
export class UsageLicenceConnection extends Connection(UsageLicence) {}

@InputType({ description: 'Permission for an organisation to use a brand over a period' })
export class GrantUsageLicenceInput {
  @Field(() => ID)
  brandId: string;

  @Field(() => ID, { description: 'the organisation licensed' })
  licenseeId: string;

  @Field({ description: 'what the brand may be used on' })
  scope: string;

  @Field(() => DateScalar)
  validFrom: string;

  @Field(() => DateScalar, { description: 'the last day it is valid; not before validFrom' })
  validTo: string;

  @Field(() => [ID], { nullable: true, description: 'the ATTESTED qualifications the department checked by hand for this grant' })
  attestedQualificationIds?: string[] | null;
}

@InputType({ description: 'The withdrawal of a licence before its end' })
export class RevokeUsageLicenceInput {
  @Field(() => ID)
  id: string;

  @Field({ description: 'the written reason (书面说明)' })
  reason: string;

  @Field(() => DateScalar)
  revokedOn: string;
}
