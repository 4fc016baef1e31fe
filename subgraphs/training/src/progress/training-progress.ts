import { Directive, Field, Float, Int, ObjectType } from 'type-graphql';
import { DateScalar } from '@skills-sichuan/runtime';
import { City } from '../brand/brand.stub';
import { Cached, CachedWithParent, CacheFor } from '@skills-sichuan/subgraph-kit';

@ObjectType()
@CachedWithParent()
export class YearCount {
  @Field(() => Int)
  year: number;

  @Field(() => Int)
  personTimes: number;
}

@ObjectType()
@CachedWithParent()
export class CityCount {
  @Field(() => City, { nullable: true, description: 'resolved by the bases subgraph' })
  city: City;

  @Field(() => Int)
  personTimes: number;
}

@ObjectType({ description: 'Person-times trained against the plan’s target; a public brand counts its sub-brands’ too' })
@Cached(CacheFor.program)
export class TrainingProgress {
  @Field(() => Int, { description: 'person-times (人次) of the training dated from countedFrom to countedTo, in the city asked for' })
  personTimes: number;

  @Field(() => DateScalar, {
    nullable: true,
    description:
      'the first day counted: the target’s countsFrom (a sub-brand without one: its public brand’s), or 1 January of the year asked for; null: no bound',
  })
  countedFrom: string | null;

  @Field(() => DateScalar, {
    nullable: true,
    description: 'the last day counted: the target’s deadline, or 31 December of the year asked for; null: no bound',
  })
  countedTo: string | null;

  @Field(() => Int, { nullable: true, description: 'the brand’s 2025 target; null when it has none' })
  target: number | null;

  @Field(() => Float, { nullable: true, description: 'personTimes / target; null without a target' })
  ratio: number | null;

  @Directive('@listSize(assumedSize: 10, requireOneSlicingArgument: false)')
  @Field(() => [YearCount], { description: 'by calendar year of the training within the window, oldest first' })
  byYear: YearCount[];

  @Directive('@listSize(assumedSize: 21, requireOneSlicingArgument: false)')
  @Field(() => [CityCount], { description: 'by city, most person-times first' })
  byCity: CityCount[];
}
