import { In } from 'typeorm';
import { defineLoader, groupedByKey } from '@skills-sichuan/subgraph-kit';
import { Honour } from './honour.entity';

/** Each base's honours, newest first: one statement for any number of bases. */
export const honoursOf = defineLoader<string, Honour[]>('honoursOf', async (ids, { db }) =>
  groupedByKey(
    ids,
    await db.getRepository(Honour).find({ where: { baseId: In([...ids]) }, order: { year: 'DESC', level: 'ASC', kind: 'ASC', id: 'ASC' } }),
    (h) => h.baseId,
  ),
);
