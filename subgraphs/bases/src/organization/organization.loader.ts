import { In } from 'typeorm';
import { byKey, defineLoader, groupedByKey } from '@skills-sichuan/subgraph-kit';
import { Contact, Organization } from './organization.entity';

export const organizationById = defineLoader<string, Organization | null>('organizationById', async (ids, { db }) =>
  byKey(ids, await db.getRepository(Organization).findBy({ id: In([...ids]) }), (o) => o.id),
);

export const contactsOf = defineLoader<string, Contact[]>('contactsOf', async (ids, { db }) =>
  groupedByKey(
    ids,
    await db.getRepository(Contact).find({ where: { organizationId: In([...ids]) }, order: { organizationId: 'ASC', position: 'ASC' } }),
    (c) => c.organizationId,
  ),
);
