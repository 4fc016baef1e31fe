import { Directive, Field, Float, Int, ObjectType } from 'type-graphql';
import { City } from '../brand/brand.stub';

@ObjectType()
export class YearCount {
  @Field(() => Int)
  year: number;

  @Field(() => Int)
  personTimes: number;
}

@ObjectType()
export class CityCount {
  @Field(() => City, { nullable: true, description: 'resolved by the bases subgraph' })
  city: City;

  @Field(() => Int)
  personTimes: number;
}

@ObjectType({ description: 'Person-times trained against the plan’s target; a public brand counts its sub-brands’ too' })
export class TrainingProgress {
  @Field(() => Int, { description: 'person-times (人次) within the year and city asked for' })
  personTimes: number;

  @Field(() => Int, { nullable: true, description: 'the brand’s 2025 target; null when it has none' })
  target: number | null;

  @Field(() => Float, { nullable: true, description: 'personTimes / target; null without a target' })
  ratio: number | null;

  @Directive('@listSize(assumedSize: 10, requireOneSlicingArgument: false)')
  @Field(() => [YearCount], { description: 'by plan year, oldest first' })
  byYear: YearCount[];

  @Directive('@listSize(assumedSize: 21, requireOneSlicingArgument: false)')
  @Field(() => [CityCount], { description: 'by city, most person-times first' })
  byCity: CityCount[];
}
