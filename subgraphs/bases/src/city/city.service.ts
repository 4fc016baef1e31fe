import type { RequestContext } from '@skills-sichuan/subgraph-kit';
import { City } from './city.entity';

/** Query.cities: the 21 市州, by code. */
export function listCities(ctx: RequestContext): Promise<City[]> {
  return ctx.db.getRepository(City).find({ order: { code: 'ASC' } });
}
