import { ArgsType, Field, ID } from 'type-graphql';
import { BrandLevel, IndustrySector } from './brand.entity';

@ArgsType()
export class BrandsArgs {
  @Field(() => BrandLevel, { nullable: true })
  level?: BrandLevel;

  @Field(() => IndustrySector, { nullable: true })
  sector?: IndustrySector;
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
