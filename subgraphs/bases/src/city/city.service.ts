import type { RequestContext } from '@skills-sichuan/subgraph-kit';
import type { City } from './city.entity';
import { allCities } from './city.loader';

/** Query.cities: the 21 市州, by code. */
export function listCities(ctx: RequestContext): Promise<City[]> {
  return allCities(ctx.db);
}
