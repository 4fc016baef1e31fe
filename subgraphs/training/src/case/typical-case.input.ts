import { ArgsType, Field, ID } from 'type-graphql';
import { TypicalCaseKind } from './typical-case.entity';

@ArgsType()
export class TypicalCaseFilterArgs {
  @Field(() => TypicalCaseKind, { nullable: true })
  kind?: TypicalCaseKind | null;

  @Field(() => ID, { nullable: true, description: 'cases about this brand' })
  brandId?: string | null;
}
