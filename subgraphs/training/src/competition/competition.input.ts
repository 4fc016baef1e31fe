import { ArgsType, Field, ID, InputType, Int } from 'type-graphql';
import { DateScalar } from '@skills-sichuan/runtime';
import { Award, CompetitionLevel } from './competition.entity';

@InputType({
  description:
    'A competition; hosted by at most one of a base and an institution. Without a host only a CITY_ADMIN (its city) or PROVINCIAL_ADMIN registers it',
})
export class RegisterCompetitionInput {
  @Field()
  name: string;

  @Field(() => CompetitionLevel)
  level: CompetitionLevel;

  @Field(() => ID)
  brandId: string;

  @Field({ description: '职业（工种）' })
  occupation: string;

  @Field(() => ID, { nullable: true })
  hostBaseId?: string | null;

  @Field(() => ID, { nullable: true })
  hostInstitutionId?: string | null;

  @Field(() => String, { nullable: true, description: 'required without a host; a host’s city otherwise' })
  cityCode?: string | null;

  @Field(() => DateScalar)
  startOn: string;

  @Field(() => DateScalar)
  endOn: string;

  @Field(() => Int)
  participants: number;
}

@InputType()
export class CompetitionResultInput {
  @Field(() => Int)
  rank: number;

  @Field(() => Award, { nullable: true })
  award?: Award | null;

  @Field()
  contestantName: string;

  @Field()
  representing: string;
}

@ArgsType()
export class CompetitionFilterArgs {
  @Field(() => ID, { nullable: true })
  brandId?: string | null;

  @Field(() => CompetitionLevel, { nullable: true })
  level?: CompetitionLevel | null;

  @Field(() => Int, { nullable: true, description: 'the year it starts' })
  year?: number | null;

  @Field(() => String, { nullable: true })
  cityCode?: string | null;
}

@ArgsType()
export class RecordCompetitionResultsArgs {
  @Field(() => ID)
  competitionId: string;

  @Field(() => [CompetitionResultInput])
  results: CompetitionResultInput[];
}
