import { ArgsType, Field, ID, InputType, Int } from 'type-graphql';
import { DateScalar } from '@skills-sichuan/runtime';
import { TrainingProgramStatus } from './training-program.entity';

@InputType({ description: 'A new program: exactly one of baseId and institutionId runs it' })
export class RegisterTrainingProgramInput {
  @Field(() => ID, { description: 'the brand trained for: the base’s own brand, or one of the institution’s brands' })
  brandId: string;

  @Field(() => ID, { nullable: true })
  baseId?: string | null;

  @Field(() => ID, { nullable: true, description: 'an institution selected for TRAINING' })
  institutionId?: string | null;

  @Field({ description: '职业（工种）' })
  occupation: string;

  @Field(() => Int, { description: '职业技能等级: 5 (初级工) to 1 (高级技师)' })
  level: number;

  @Field(() => DateScalar)
  startOn: string;

  @Field(() => DateScalar)
  endOn: string;

  @Field(() => Int)
  capacity: number;
}

@ArgsType()
export class TrainingProgramFilterArgs {
  @Field(() => ID, { nullable: true, description: 'programs of exactly this brand (sub-brands are brands of their own)' })
  brandId?: string | null;

  @Field(() => ID, { nullable: true, description: 'a base or an institution' })
  providerId?: string | null;

  @Field(() => String, { nullable: true })
  cityCode?: string | null;

  @Field(() => Int, { nullable: true })
  year?: number | null;

  @Field(() => TrainingProgramStatus, { nullable: true })
  status?: TrainingProgramStatus | null;
}

@ArgsType()
export class ChangeTrainingProgramStatusArgs {
  @Field(() => ID)
  id: string;

  @Field(() => TrainingProgramStatus)
  status: TrainingProgramStatus;
}
