import { Column, Entity, Index, PrimaryColumn, Unique } from 'typeorm';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DateScalar } from '@skills-sichuan/runtime';
import { HostedActivity } from '../provider/hosted-activity';
import { Cached, CachedWithParent, CacheFor } from '@skills-sichuan/subgraph-kit';

export enum CompetitionLevel {
  NATIONAL = 'NATIONAL',
  PROVINCIAL = 'PROVINCIAL',
  CITY = 'CITY',
  INDUSTRY = 'INDUSTRY',
}
registerEnumType(CompetitionLevel, { name: 'CompetitionLevel', description: '国家级、省级、市州级、行业' });

export enum Award {
  FIRST_PRIZE = 'FIRST_PRIZE',
  SECOND_PRIZE = 'SECOND_PRIZE',
  THIRD_PRIZE = 'THIRD_PRIZE',
  EXCELLENCE = 'EXCELLENCE',
}
registerEnumType(Award, { name: 'Award', description: '一等奖、二等奖、三等奖、优秀奖' });

@Entity('competition')
@Index('ix_competition_brand', ['brandId', 'startOn'])
@Index('ix_competition_host', ['hostId'])
@ObjectType({ description: 'A vocational skills competition (职业技能竞赛) of a brand' })
@Cached(CacheFor.program)
export class Competition extends HostedActivity {
  @PrimaryColumn('varchar', { length: 36 })
  @Field(() => ID)
  id: string;

  @Column('varchar', { length: 200 })
  @Field()
  name: string;

  @Column('varchar', { length: 16 })
  @Field(() => CompetitionLevel)
  level: CompetitionLevel;

  @Column('varchar', { name: 'brand_id', length: 36 })
  brandId: string;

  @Column('varchar', { length: 60 })
  @Field({ description: '职业（工种）' })
  occupation: string;

  @Column('date', { name: 'start_on' })
  @Field(() => DateScalar)
  startOn: string;

  @Column('date', { name: 'end_on' })
  @Field(() => DateScalar)
  endOn: string;

  @Column('integer')
  @Field(() => Int, { description: 'contestants taking part' })
  participants: number;
}

@Entity('competition_result')
@Unique('uq_competition_result_rank', ['competitionId', 'rank'])
@ObjectType({ description: 'A place in a competition’s published results' })
@CachedWithParent()
export class CompetitionResult {
  @PrimaryColumn('varchar', { length: 36 })
  @Field(() => ID)
  id: string;

  @Column('varchar', { name: 'competition_id', length: 36 })
  competitionId: string;

  @Column('integer')
  @Field(() => Int)
  rank: number;

  @Column('varchar', { length: 16, nullable: true })
  @Field(() => Award, { nullable: true, description: 'null: ranked without an award' })
  award: Award | null;

  @Column('varchar', { name: 'contestant_name', length: 40 })
  @Field({ description: 'as published in the results' })
  contestantName: string;

  @Column('varchar', { length: 200 })
  @Field({ description: 'the unit the contestant represented' })
  representing: string;
}
