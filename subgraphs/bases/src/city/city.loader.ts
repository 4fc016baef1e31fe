import type { DataSource } from 'typeorm';
import { SICHUAN_CITIES } from '@skills-sichuan/runtime';
import { defineLoader } from '@skills-sichuan/subgraph-kit';
import { City } from './city.entity';

const held = new WeakMap<DataSource, ReadonlyMap<string, Readonly<City>>>();

/**
 * The 21 市州 as the database holds them, by code, read once per data source: the table is the
 * plan's fixed list (seeded; only a migration, which restarts the service, changes it), and
 * nearly every answer names a city. Kept only once it holds all 21, so a read before the seed
 * does not stick. Each answer gets copies (the federation library marks what it is handed).
 */
async function citiesIn(db: DataSource): Promise<ReadonlyMap<string, Readonly<City>>> {
  const known = held.get(db);
  if (known) return known;
  const rows = await db.getRepository(City).find({ order: { code: 'ASC' } });
  const cities = new Map(rows.map((city) => [city.code, city]));
  if (SICHUAN_CITIES.every(({ code }) => cities.has(code))) held.set(db, cities);
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
