import { In } from 'typeorm';
import { byKey, defineLoader } from '@skills-sichuan/kit';
import { Organization } from './organization.entity';

export const organizationById = defineLoader<string, Organization | null>('organizationById', async (ids, { db }) =>
  byKey(ids, await db.getRepository(Organization).findBy({ id: In([...ids]) }), (o) => o.id),
);
