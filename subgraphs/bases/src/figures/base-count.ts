import { ArgsType, Field, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Cached, CacheFor, FigureArgs } from '@skills-sichuan/subgraph-kit';
import { BaseTier } from '../base/base.enums';
import { Brand } from '../brand/brand.stub';
import { City } from '../city/city.entity';
import { HonourLevel } from '../honour/honour.entity';
import { RosterStatus } from '../roster/roster.enums';

/** What bases are counted by: each one named in groupBy splits the counts. */
export enum BaseDimension {
  BRAND = 'BRAND',
  CITY = 'CITY',
  TIER = 'TIER',
  STATUS = 'STATUS',
  DESIGNATION_YEAR = 'DESIGNATION_YEAR',
}
registerEnumType(BaseDimension, {
  name: 'BaseDimension',
  description: 'What base counts are grouped by',
  valuesConfig: {
    BRAND: { description: 'the base’s own brand: a sub-brand’s bases apart from its public brand’s' },
    CITY: { description: '市州' },
    TIER: { description: '主基地 / 辅基地' },
    STATUS: { description: 'roster status' },
    DESIGNATION_YEAR: { description: 'the year the base was designated (遴选)' },
  },
});

@InputType({ description: 'Which bases to count; every field given narrows the count' })
export class BaseCountFilter {
  @Field(() => String, { nullable: true, description: 'GB/T 2260 code of a 市州' })
  cityCode?: string | null;

  @Field(() => BaseTier, { nullable: true })
  tier?: BaseTier | null;

  @Field(() => RosterStatus, { nullable: true, description: 'omitted: every status' })
  status?: RosterStatus | null;

  @Field(() => Int, { nullable: true, description: 'designated in this year' })
  designatedIn?: number | null;

  @Field(() => HonourLevel, { nullable: true, description: 'holding at least one honour of this level (e.g. 国家级)' })
  honourLevel?: HonourLevel | null;
}

@ArgsType()
export class BaseCountsArgs extends FigureArgs<BaseDimension, BaseCountFilter>(BaseDimension, BaseCountFilter) {}

@ObjectType({ description: 'A number of bases in one group; a dimension not grouped by is null' })
@Cached(CacheFor.program)
export class BaseCount {
  @Field(() => Brand, { nullable: true, description: 'grouped by BRAND: the bases’ own brand' })
  brand: Brand | null;

  @Field(() => City, { nullable: true })
  city: City | null;

  @Field(() => BaseTier, { nullable: true })
  tier: BaseTier | null;

  @Field(() => RosterStatus, { nullable: true })
  status: RosterStatus | null;

  @Field(() => Int, { nullable: true })
  designatedIn: number | null;

  @Field(() => Int, { description: 'bases' })
  count: number;
}
