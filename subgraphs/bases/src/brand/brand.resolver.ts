import { Arg, Args, Ctx, Directive, FieldResolver, Resolver, Root } from 'type-graphql';
import { checkCityCode, type ReferenceResolver, type RequestContext } from '@skills-sichuan/subgraph-kit';
import { Base } from '../base/base.entity';
import { basesOfBrands } from '../base/base.loader';
import { Institution } from '../institution/institution.entity';
import { ServiceType } from '../institution/institution.enums';
import { institutionsOfBrands } from '../institution/institution.loader';
import { BrandBasesArgs } from './brand.input';
import { Brand } from './brand.stub';

@Resolver(() => Brand)
export class BrandBasesResolver {
  @Directive('@listSize(assumedSize: 50, requireOneSlicingArgument: false)')
  @FieldResolver(() => [Base], {
    nullable: true,
    description: "A public brand's bases include its sub-brands' unless includeSubBrands is false; status omitted: every status",
  })
  @Directive('@requires(fields: "subBrands { id }")')
  bases(
    @Root() brand: Brand,
    @Ctx() { loaders }: RequestContext,
    @Args() { tier, cityCode, status, includeSubBrands, honourLevel }: BrandBasesArgs,
  ): Promise<Base[]> {
    checkCityCode(cityCode);
    const brandIds = [brand.id, ...(includeSubBrands !== false ? (brand.subBrands ?? []).map((s) => s.id) : [])];
    return loaders.of(basesOfBrands).load({ brandIds, tier, cityCode, status, honourLevel });
  }

  @Directive('@listSize(assumedSize: 20, requireOneSlicingArgument: false)')
  @FieldResolver(() => [Institution], { nullable: true, description: 'The institutions serving this brand, by city and name' })
  institutions(
    @Root() brand: Brand,
    @Ctx() { loaders }: RequestContext,
    @Arg('service', () => ServiceType, { nullable: true }) service?: ServiceType,
  ): Promise<Institution[]> {
    return loaders.of(institutionsOfBrands).load({ brandId: brand.id, service });
  }
}

/** Any brand id is a brand reference here; an unknown one simply has no bases. */
export const resolveBrandReference: ReferenceResolver<Brand> = (representation) => Object.assign(new Brand(), representation);
