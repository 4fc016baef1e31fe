import { In } from 'typeorm';
import { defineLoader, groupedByKey } from '@skills-sichuan/subgraph-kit';
import { PolicySupport } from './policy-support.entity';

/** every support of each subject (ids are UUIDs, unique across bases and institutions), newest grant first: one statement for the batch */
export const supportsOf = defineLoader<string, PolicySupport[]>('supportsOf', async (subjectIds, { db }) =>
  groupedByKey(
    subjectIds,
    await db.getRepository(PolicySupport).find({ where: { subjectId: In([...subjectIds]) }, order: { grantedOn: 'DESC', id: 'ASC' } }),
    (s) => s.subjectId,
  ),
);
