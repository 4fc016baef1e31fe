import { Field, ID, InputType, Int } from 'type-graphql';
import { HonourKind, HonourLevel } from './honour.entity';

@InputType({ description: 'A title granted to a base (要素保障)' })
export class AwardHonourInput {
  @Field(() => ID)
  baseId: string;

  @Field(() => HonourKind)
  kind: HonourKind;

  @Field(() => HonourLevel)
  level: HonourLevel;

  @Field(() => Int, { description: 'the year it was granted' })
  year: number;

  @Field({ description: 'e.g. 国家级高技能人才培训基地, or 张三技能大师工作室' })
  name: string;
}
