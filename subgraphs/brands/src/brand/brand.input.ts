import { ArgsType, Field, ID, InputType, Int } from 'type-graphql';
import { DateScalar } from '@skills-sichuan/runtime';
import { BrandLevel, IndustrySector } from './brand.enums';

@ArgsType()
export class BrandsArgs {
  @Field(() => BrandLevel, { nullable: true })
  level?: BrandLevel;

  @Field(() => IndustrySector, { nullable: true })
  sector?: IndustrySector;

  @Field(() => ID, { nullable: true, description: 'only the sub-brands of this brand' })
  parentId?: string;
}

/** Exactly one of the three: the service refuses none or several. */
@ArgsType()
export class BrandLookupArgs {
  @Field(() => ID, { nullable: true })
  id?: string;

  @Field({ nullable: true, description: 'NEW_FARMER, DIGITAL_CRAFTSMAN.AI_TRAINER …' })
  code?: string;

  @Field({ nullable: true, description: '天府数智工匠' })
  name?: string;
}

@InputType({ description: 'A new sub-brand of a public brand (the matrix is two levels deep)' })
export class CreateSubBrandInput {
  @Field(() => ID, { description: 'a public brand' })
  parentId: string;

  @Field({ description: 'upper-case letters, digits and _; the code becomes "<PARENT>.<SUFFIX>"' })
  suffix: string;

  @Field()
  name: string;

  @Field(() => IndustrySector)
  sector: IndustrySector;
}

@InputType({ description: 'A brand’s training target; personTimes and deadline both null clear it' })
export class SetTrainingTargetInput {
  @Field(() => ID)
  brandId: string;

  @Field(() => Int, { nullable: true, description: 'person-times (人次)' })
  personTimes?: number | null;

  @Field(() => DateScalar, { nullable: true })
  deadline?: string | null;

  @Field(() => DateScalar, {
    nullable: true,
    description:
      'the first day whose training counts, not after the deadline; omitted: the brand’s current one (required for a first target)',
  })
  countsFrom?: string | null;
}
