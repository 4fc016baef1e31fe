import { In } from 'typeorm';
import { defineLoader, groupedByKey } from '@skills-sichuan/subgraph-kit';
import { SpotCheckMember, SpotCheckStratum } from './spot-check.entity';

/** each sample's members by rank: one statement for the batch */
export const membersOf = defineLoader<string, SpotCheckMember[]>('spotCheckMembersOf', async (sampleIds, { db }) =>
  groupedByKey(
    sampleIds,
    await db.getRepository(SpotCheckMember).find({ where: { sampleId: In([...sampleIds]) }, order: { sampleId: 'ASC', rank: 'ASC' } }),
    (m) => m.sampleId,
  ),
);

/** each sample's strata by brand id: one statement for the batch */
export const strataOf = defineLoader<string, SpotCheckStratum[]>('spotCheckStrataOf', async (sampleIds, { db }) =>
  groupedByKey(
    sampleIds,
    await db.getRepository(SpotCheckStratum).find({ where: { sampleId: In([...sampleIds]) }, order: { sampleId: 'ASC', brandId: 'ASC' } }),
    (s) => s.sampleId,
  ),
);
