import { Arg, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import type { ReferenceResolver, RequestContext } from '@skills-sichuan/kit';
import { Brand } from '../brand/brand.stub';
import { City } from '../city/city.entity';
import { cityByCode } from '../city/city.loader';
import { Organization } from '../organization/organization.entity';
import { organizationById } from '../organization/organization.loader';
import { Base } from './base.entity';
import { baseById } from './base.loader';

@Resolver(() => Base)
export class BaseResolver {
  @Query(() => Base, { nullable: true })
  base(@Ctx() { loaders }: RequestContext, @Arg('id', () => ID) id: string): Promise<Base | null> {
    return loaders.of(baseById).load(id);
  }

  @FieldResolver(() => Brand)
  brand(@Root() base: Base): Brand {
    return Brand.reference(base.brandId);
  }

  @FieldResolver(() => Organization)
  operator(@Root() base: Base, @Ctx() { loaders }: RequestContext): Promise<Organization | null> {
    return loaders.of(organizationById).load(base.operatorId);
  }

  @FieldResolver(() => City)
  city(@Root() base: Base, @Ctx() { loaders }: RequestContext): Promise<City | null> {
    return loaders.of(cityByCode).load(base.cityCode);
  }
}

export const resolveBaseReference: ReferenceResolver<{ id: string }> = ({ id }, { loaders }) => loaders.of(baseById).load(id);
