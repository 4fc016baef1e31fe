import { ArgsType, Field, Float, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Cached, CacheFor, FigureArgs } from '@skills-sichuan/subgraph-kit';
import { Brand, City } from '../brand/brand.stub';
import { CompetitionLevel } from '../competition/competition.entity';

/** What trainees' outcomes are grouped by. */
export enum TrainingDimension {
  BRAND = 'BRAND',
  CITY = 'CITY',
  YEAR = 'YEAR',
}
registerEnumType(TrainingDimension, {
  name: 'TrainingDimension',
  description: 'What training outcomes are grouped by',
  valuesConfig: {
    BRAND: { description: 'the program’s own brand: a sub-brand’s trainees apart from its public brand’s' },
    CITY: { description: 'the program’s 市州' },
    YEAR: { description: 'the plan year the program counts toward (the year it starts)' },
  },
});

@InputType({ description: 'Which trainees to count; every field given narrows the count' })
export class TrainingOutcomeFilter {
  @Field(() => Int, { nullable: true, description: 'a plan year' })
  year?: number | null;

  @Field(() => String, { nullable: true, description: 'GB/T 2260 code of a 市州' })
  cityCode?: string | null;
}

@ArgsType()
export class TrainingOutcomesArgs extends FigureArgs<TrainingDimension, TrainingOutcomeFilter>(TrainingDimension, TrainingOutcomeFilter) {}

@ObjectType({ description: 'What one group of trainees achieved (结业、取证、就业); a dimension not grouped by is null' })
@Cached(CacheFor.program)
export class TrainingOutcome {
  @Field(() => Brand, { nullable: true, description: 'grouped by BRAND: the programs’ own brand' })
  brand: Brand | null;

  @Field(() => City, { nullable: true, description: 'resolved by the bases subgraph' })
  city: City | null;

  @Field(() => Int, { nullable: true })
  year: number | null;

  @Field(() => Int, { description: 'person-times (人次) recorded' })
  personTimes: number;

  @Field(() => Int, { description: 'completed the training (结业)' })
  completed: number;

  @Field(() => Int, { description: 'completed with a certificate (取证)' })
  certified: number;

  @Field(() => Int, { description: 'completed with an employment outcome reported, whatever it is' })
  outcomesReported: number;

  @Field(() => Int, { description: 'completed and employed: EMPLOYED, SELF_EMPLOYED or RETAINED (就业)' })
  employed: number;

  @Field(() => Float, { nullable: true, description: 'certified / completed (取证率); null when none completed' })
  certificationRate: number | null;

  @Field(() => Float, {
    nullable: true,
    description: 'employed / completed (就业率): a completion with no outcome reported counts as not employed; null when none completed',
  })
  employmentRate: number | null;
}

/** What competitions are counted by. */
export enum CompetitionDimension {
  BRAND = 'BRAND',
  CITY = 'CITY',
  YEAR = 'YEAR',
  LEVEL = 'LEVEL',
}
registerEnumType(CompetitionDimension, {
  name: 'CompetitionDimension',
  description: 'What competition counts are grouped by',
  valuesConfig: {
    BRAND: { description: 'the competition’s own brand' },
    CITY: { description: 'the 市州 it was held in' },
    YEAR: { description: 'the year it started' },
    LEVEL: { description: '国家级、省级、市州级、行业' },
  },
});

@InputType({ description: 'Which competitions to count; every field given narrows the count' })
export class CompetitionCountFilter {
  @Field(() => Int, { nullable: true, description: 'started in this year' })
  year?: number | null;

  @Field(() => CompetitionLevel, { nullable: true })
  level?: CompetitionLevel | null;

  @Field(() => String, { nullable: true, description: 'GB/T 2260 code of a 市州' })
  cityCode?: string | null;
}

@ArgsType()
export class CompetitionCountsArgs extends FigureArgs<CompetitionDimension, CompetitionCountFilter>(
  CompetitionDimension,
  CompetitionCountFilter,
) {}

@ObjectType({ description: 'Competitions (竞赛场次) and their contestants (参赛人数) in one group; a dimension not grouped by is null' })
@Cached(CacheFor.program)
export class CompetitionCount {
  @Field(() => Brand, { nullable: true, description: 'grouped by BRAND: the competitions’ own brand' })
  brand: Brand | null;

  @Field(() => City, { nullable: true, description: 'resolved by the bases subgraph' })
  city: City | null;

  @Field(() => Int, { nullable: true })
  year: number | null;

  @Field(() => CompetitionLevel, { nullable: true })
  level: CompetitionLevel | null;

  @Field(() => Int, { description: 'competitions held' })
  competitions: number;

  @Field(() => Int, { description: 'contestants taking part, summed' })
  participants: number;
}
