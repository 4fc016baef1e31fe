import { Arg, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import type { ReferenceResolver, RequestContext } from '@skills-sichuan/kit';
import { Brand } from '../brand/brand.stub';
import { City } from '../city/city.entity';
import { cityByCode } from '../city/city.loader';
import { Organization } from '../organization/organization.entity';
import { organizationById } from '../organization/organization.loader';
import { Institution, ServiceType } from './institution.entity';
import { brandIdsOf, institutionById, servicesOf } from './institution.loader';

@Resolver(() => Institution)
export class InstitutionResolver {
  @Query(() => Institution, { nullable: true })
  institution(@Ctx() { loaders }: RequestContext, @Arg('id', () => ID) id: string): Promise<Institution | null> {
    return loaders.of(institutionById).load(id);
  }

  @FieldResolver(() => [ServiceType])
  services(@Root() institution: Institution, @Ctx() { loaders }: RequestContext): Promise<ServiceType[]> {
    return loaders.of(servicesOf).load(institution.id);
  }

  @FieldResolver(() => [Brand])
  async brands(@Root() institution: Institution, @Ctx() { loaders }: RequestContext): Promise<Brand[]> {
    return (await loaders.of(brandIdsOf).load(institution.id)).map(Brand.reference);
  }

  @FieldResolver(() => Organization)
  organization(@Root() institution: Institution, @Ctx() { loaders }: RequestContext): Promise<Organization | null> {
    return loaders.of(organizationById).load(institution.organizationId);
  }

  @FieldResolver(() => City)
  city(@Root() institution: Institution, @Ctx() { loaders }: RequestContext): Promise<City | null> {
    return loaders.of(cityByCode).load(institution.cityCode);
  }
}

export const resolveInstitutionReference: ReferenceResolver<{ id: string }> = ({ id }, { loaders }) => loaders.of(institutionById).load(id);
