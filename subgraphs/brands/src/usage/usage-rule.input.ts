import { Field, ID, InputType } from 'type-graphql';
import { QualificationKind } from './usage-rule.enums';
import { DateScalar } from '@skills-sichuan/runtime';

@InputType({ description: 'A condition an organisation must meet to use a brand' })
export class AddUsageQualificationInput {
  @Field(() => ID)
  brandId: string;

  @Field()
  requirement: string;

  @Field(() => DateScalar)
  effectiveFrom: string;

  @Field(() => QualificationKind, { nullable: true, description: 'how a grant checks it; ATTESTED (by hand) when omitted' })
  kind?: QualificationKind | null;

  @Field(() => String, { nullable: true, description: 'with MIN_CREDIT_LEVEL: A, B or C' })
  minimumCreditLevel?: string | null;
}

@InputType({ description: 'How a brand may be used across an industry cluster' })
export class AddClusterUsageStandardInput {
  @Field(() => ID)
  brandId: string;

  @Field({ description: 'e.g. 成都电子信息产业集群' })
  cluster: string;

  @Field(() => String, { nullable: true, description: 'the 市州 of the cluster, if it lies in one' })
  cityCode?: string | null;

  @Field()
  requirements: string;

  @Field(() => DateScalar)
  effectiveFrom: string;
}

@InputType()
export class WithdrawUsageQualificationInput {
  @Field(() => ID)
  id: string;

  @Field(() => DateScalar, { description: 'no longer required from this day' })
  withdrawnOn: string;
}
