import { Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { exactlyOne, type ReferenceResolver, type RequestContext } from '@skills-sichuan/kit';
import { City } from '../city/city.entity';
import { cityByCode } from '../city/city.loader';
import { Organization } from './organization.entity';
import { OrganizationLookupArgs } from './organization.input';
import { organizationById } from './organization.loader';

@Resolver(() => Organization)
export class OrganizationResolver {
  @Query(() => Organization, { nullable: true, description: 'One organisation by exactly one of id or creditCode; null when none matches' })
  organization(@Ctx() { db }: RequestContext, @Args() { id, creditCode }: OrganizationLookupArgs): Promise<Organization | null> {
    const by = exactlyOne({ id, creditCode }, 'organization');
    return db.getRepository(Organization).findOneBy(by === 'id' ? { id } : { creditCode: creditCode?.toUpperCase() });
  }

  @FieldResolver(() => City)
  city(@Root() organization: Organization, @Ctx() { loaders }: RequestContext): Promise<City | null> {
    return loaders.of(cityByCode).load(organization.cityCode);
  }
}

export const resolveOrganizationReference: ReferenceResolver<{ id: string }> = ({ id }, { loaders }) => loaders.of(organizationById).load(id);
