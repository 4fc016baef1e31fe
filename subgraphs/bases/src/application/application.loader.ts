import { In } from 'typeorm';
import { defineLoader, groupedByKey } from '@skills-sichuan/subgraph-kit';
import { ApplicationStep } from './application.entity';

/** Each application's steps, oldest first: one statement for any number of applications. */
export const stepsOf = defineLoader<string, ApplicationStep[]>('stepsOf', async (ids, { db }) =>
  groupedByKey(
    ids,
    await db.getRepository(ApplicationStep).find({ where: { applicationId: In([...ids]) }, order: { applicationId: 'ASC', seq: 'ASC' } }),
    (s) => s.applicationId,
  ),
);
