import { ArgsType, Field, Int } from 'type-graphql';

@ArgsType()
export class TrainingProgressArgs {
  @Field(() => Int, { nullable: true, description: 'a plan year; omitted: 2023–2025 together' })
  year?: number;

  @Field(() => String, { nullable: true, description: 'GB/T 2260 code of a 市州; omitted: the whole province' })
  cityCode?: string;
}
