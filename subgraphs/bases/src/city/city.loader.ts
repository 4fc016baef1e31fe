import type { DataSource } from 'typeorm';
import { SICHUAN_CITIES } from '@skills-sichuan/runtime';
import { defineLoader } from '@skills-sichuan/subgraph-kit';
import { City } from './city.entity';

const held = new WeakMap<DataSource, Promise<ReadonlyMap<string, Readonly<City>>>>();

/**
 * The 21 市州 as the database holds them, by code, read once per data source: the table is the
 * plan's fixed list (seeded; only a migration, which restarts the service, changes it), and
 * nearly every answer names a city. Kept only once it holds all 21, so a read before the seed
 * does not stick. Each answer gets copies (the federation library marks what it is handed).
 */
function citiesIn(db: DataSource): Promise<ReadonlyMap<string, Readonly<City>>> {
  let cities = held.get(db);
  if (!cities) {
    // held while it is read, so requests arriving together share one statement
    cities = db
      .getRepository(City)
      .find({ order: { code: 'ASC' } })
      .then((rows) => new Map(rows.map((city) => [city.code, city])));
    held.set(db, cities);
    // a read before the seed (or a failed one) is not kept: the next request reads again
    cities.then(
      (read) => {
        if (!SICHUAN_CITIES.every(({ code }) => read.has(code))) held.delete(db);
      },
      () => held.delete(db),
    );
  }
  return cities;
}

/**
 * An unknown code (only a row written before codes were checked) answers a stand-in named by
 * its code: every `city: City!` stays non-null, so one such row cannot null out a whole list.
 */
export const cityByCode = defineLoader<string, City>('cityByCode', async (codes, { db }) => {
  const cities = await citiesIn(db);
  return codes.map((code) => Object.assign(new City(), cities.get(code) ?? { code, name: code }));
});

/** the 21 市州, by code */
export async function allCities(db: DataSource): Promise<City[]> {
  return [...(await citiesIn(db)).values()].map((city) => Object.assign(new City(), city));
}
