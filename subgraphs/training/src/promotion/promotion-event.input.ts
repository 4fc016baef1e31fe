import { ArgsType, Field, ID, InputType, Int } from 'type-graphql';
import { DateScalar } from '@skills-sichuan/runtime';
import { PromotionKind } from './promotion-event.entity';

@InputType({ description: 'A promotion event; hosted by at most one of a base and an institution (as for competitions)' })
export class RecordPromotionEventInput {
  @Field(() => PromotionKind)
  kind: PromotionKind;

  @Field()
  title: string;

  @Field(() => ID)
  brandId: string;

  @Field(() => ID, { nullable: true })
  hostBaseId?: string | null;

  @Field(() => ID, { nullable: true })
  hostInstitutionId?: string | null;

  @Field(() => String, { nullable: true })
  cityCode?: string | null;

  @Field(() => DateScalar)
  heldOn: string;

  @Field(() => Int)
  reach: number;
}

@ArgsType()
export class PromotionEventFilterArgs {
  @Field(() => ID, { nullable: true })
  brandId?: string | null;

  @Field(() => PromotionKind, { nullable: true })
  kind?: PromotionKind | null;

  @Field(() => Int, { nullable: true })
  year?: number | null;

  @Field(() => String, { nullable: true })
  cityCode?: string | null;
}
