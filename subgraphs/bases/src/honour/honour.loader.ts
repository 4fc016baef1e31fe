import { In } from 'typeorm';
import { defineLoader, groupedByKey } from '@skills-sichuan/subgraph-kit';
import { Honour } from './honour.entity';

/** a base's honours, newest first */
export const HONOUR_ORDER = { year: 'DESC', level: 'ASC', kind: 'ASC', id: 'ASC' } as const;

/** Each base's honours, newest first: one statement for any number of bases. */
export const honoursOf = defineLoader<string, Honour[]>('honoursOf', async (ids, { db }) =>
  groupedByKey(ids, await db.getRepository(Honour).find({ where: { baseId: In([...ids]) }, order: HONOUR_ORDER }), (h) => h.baseId),
);
