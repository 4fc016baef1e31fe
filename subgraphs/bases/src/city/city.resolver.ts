import { Ctx, Query, Resolver } from 'type-graphql';
import type { ReferenceResolver, RequestContext } from '@skills-sichuan/subgraph-kit';
import { City } from './city.entity';
import { cityByCode } from './city.loader';

@Resolver(() => City)
export class CityResolver {
  @Query(() => [City], { description: 'The 21 市州, by code' })
  cities(@Ctx() { db }: RequestContext): Promise<City[]> {
    return db.getRepository(City).find({ order: { code: 'ASC' } });
  }
}

export const resolveCityReference: ReferenceResolver<{ code: string }> = ({ code }, { loaders }) => loaders.of(cityByCode).load(code);
