import { Ctx, Directive, Query, Resolver } from 'type-graphql';
import type { ReferenceResolver, RequestContext } from '@skills-sichuan/subgraph-kit';
import { City } from './city.entity';
import { cityByCode } from './city.loader';
import { listCities } from './city.service';

@Resolver(() => City)
export class CityResolver {
  @Directive('@listSize(assumedSize: 21, requireOneSlicingArgument: false)')
  @Query(() => [City], { description: 'The 21 市州, by code' })
  cities(@Ctx() ctx: RequestContext): Promise<City[]> {
    return listCities(ctx);
  }
}

export const resolveCityReference: ReferenceResolver<{ code: string }> = ({ code }, { loaders }) => loaders.of(cityByCode).load(code);
