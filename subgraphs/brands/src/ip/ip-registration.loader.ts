import { In } from 'typeorm';
import { defineLoader, groupedByKey } from '@skills-sichuan/subgraph-kit';
import { IpRegistration } from './ip-registration.entity';

/** Each brand's registrations, newest application first, in one statement. */
export const registrationsOf = defineLoader<string, IpRegistration[]>('registrationsOf', async (brandIds, { db }) =>
  groupedByKey(
    brandIds,
    await db.getRepository(IpRegistration).find({ where: { brandId: In([...brandIds]) }, order: { appliedOn: 'DESC', id: 'ASC' } }),
    (r) => r.brandId,
  ),
);
