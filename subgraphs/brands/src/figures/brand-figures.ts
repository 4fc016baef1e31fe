import { ArgsType, Field, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Cached, CacheFor, FigureArgs, INCLUDE_SUB_BRANDS } from '@skills-sichuan/subgraph-kit';
import { LicenceStatus } from '../licence/usage-licence.entity';
import { Brand } from '../brand/brand.entity';
import { City } from '../city/city.stub';
import { InfringementFinding, InfringementStatus } from '../infringement/infringement-report.entity';

/** What infringement reports are counted by. */
export enum InfringementDimension {
  BRAND = 'BRAND',
  CITY = 'CITY',
  YEAR = 'YEAR',
  STATUS = 'STATUS',
  FINDING = 'FINDING',
}
registerEnumType(InfringementDimension, {
  name: 'InfringementDimension',
  description: 'What infringement report counts are grouped by',
  valuesConfig: {
    BRAND: { description: 'the report’s own brand' },
    CITY: { description: 'the 市州 it concerns' },
    YEAR: { description: 'the year it was filed' },
    STATUS: { description: 'FILED, INVESTIGATING, CONCLUDED' },
    FINDING: { description: 'CONFIRMED (查实) or UNFOUNDED; null until concluded' },
  },
});

@InputType({ description: 'Which reports to count; every field given narrows the count' })
export class InfringementCountFilter {
  @Field(() => Int, { nullable: true, description: 'filed in this year' })
  year?: number | null;

  @Field(() => String, { nullable: true, description: 'GB/T 2260 code of a 市州; a CITY_ADMIN’s counts are of its own city' })
  cityCode?: string | null;

  @Field(() => InfringementStatus, { nullable: true })
  status?: InfringementStatus | null;

  @Field(() => InfringementFinding, { nullable: true, description: 'CONFIRMED: the reports found true (冒用举报查实)' })
  finding?: InfringementFinding | null;
}

@ArgsType()
export class InfringementCountsArgs extends FigureArgs<InfringementDimension, InfringementCountFilter>(
  InfringementDimension,
  InfringementCountFilter,
) {}

@ArgsType()
export class BrandUsageLicencesArgs {
  @Field(() => LicenceStatus, { nullable: true, description: 'as of today in Sichuan; omitted: every status' })
  status?: LicenceStatus | null;

  @Field(() => Boolean, INCLUDE_SUB_BRANDS)
  includeSubBrands?: boolean | null;
}

@ObjectType({ description: 'Reports of counterfeit or infringing use in one group; a dimension not grouped by is null' })
@Cached(CacheFor.program)
export class InfringementCount {
  @Field(() => Brand, { nullable: true, description: 'grouped by BRAND: the reports’ own brand' })
  brand: Brand | null;

  @Field(() => City, { nullable: true, description: 'resolved by the bases subgraph' })
  city: City | null;

  @Field(() => Int, { nullable: true })
  year: number | null;

  @Field(() => InfringementStatus, { nullable: true })
  status: InfringementStatus | null;

  @Field(() => InfringementFinding, { nullable: true })
  finding: InfringementFinding | null;

  @Field(() => Int, { description: 'reports' })
  count: number;
}
