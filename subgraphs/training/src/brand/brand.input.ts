import { ArgsType, Field, Int } from 'type-graphql';

@ArgsType()
export class TrainingProgressArgs {
  @Field(() => Int, {
    nullable: true,
    description: 'a calendar year, counted whatever the target’s window; omitted: the training within the target’s window',
  })
  year?: number;

  @Field(() => String, { nullable: true, description: 'GB/T 2260 code of a 市州; omitted: the whole province' })
  cityCode?: string;
}
