import { In } from 'typeorm';
import { byKey, defineLoader } from '@skills-sichuan/subgraph-kit';
import { City } from './city.entity';

export const cityByCode = defineLoader<string, City | null>('cityByCode', async (codes, { db }) =>
  byKey(codes, await db.getRepository(City).findBy({ code: In([...codes]) }), (c) => c.code),
);
