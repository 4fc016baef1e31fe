import { In } from 'typeorm';
import { defineLoader, groupedByKey } from '@skills-sichuan/subgraph-kit';
import { UsageLicence } from './usage-licence.entity';

/** Each organisation's licences, newest first, in one statement. */
export const licencesOf = defineLoader<string, UsageLicence[]>('licencesOf', async (licenseeIds, { db }) =>
  groupedByKey(
    licenseeIds,
    await db.getRepository(UsageLicence).find({ where: { licenseeId: In([...licenseeIds]) }, order: { validFrom: 'DESC', id: 'ASC' } }),
    (l) => l.licenseeId,
  ),
);
