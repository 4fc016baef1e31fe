import { ArgsType, Field, ID, InputType, Int } from 'type-graphql';
import { DateScalar } from '@skills-sichuan/runtime';
import { TypicalCaseKind } from './typical-case.entity';

@ArgsType()
export class TypicalCaseFilterArgs {
  @Field(() => TypicalCaseKind, { nullable: true })
  kind?: TypicalCaseKind | null;

  @Field(() => ID, { nullable: true, description: 'cases about this brand' })
  brandId?: string | null;
}

@InputType()
export class PublishTypicalCaseInput {
  @Field(() => TypicalCaseKind)
  kind: TypicalCaseKind;

  @Field()
  title: string;

  @Field()
  summary: string;

  @Field(() => Int)
  year: number;

  @Field(() => DateScalar)
  publishedOn: string;

  @Field(() => [ID], { description: 'one or more brands it is about' })
  brandIds: string[];
}
