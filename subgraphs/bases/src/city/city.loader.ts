import { In } from 'typeorm';
import { byKey, defineLoader } from '@skills-sichuan/subgraph-kit';
import { City } from './city.entity';

/**
 * An unknown code (only a row written before codes were checked) answers a stand-in named by
 * its code: every `city: City!` stays non-null, so one such row cannot null out a whole list.
 */
export const cityByCode = defineLoader<string, City>('cityByCode', async (codes, { db }) =>
  byKey(codes, await db.getRepository(City).findBy({ code: In([...codes]) }), (c) => c.code).map(
    (city, i) => city ?? Object.assign(new City(), { code: codes[i], name: codes[i] }),
  ),
);
