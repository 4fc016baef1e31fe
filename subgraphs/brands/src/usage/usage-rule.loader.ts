import { In, IsNull } from 'typeorm';
import { defineLoader, groupedByKey } from '@skills-sichuan/subgraph-kit';
import { ClusterUsageStandard, UsageQualification } from './usage-rule.entity';

export const qualificationsOf = defineLoader<string, UsageQualification[]>('qualificationsOf', async (brandIds, { db }) =>
  groupedByKey(
    brandIds,
    await db
      .getRepository(UsageQualification)
      .find({ where: { brandId: In([...brandIds]), withdrawnOn: IsNull() }, order: { effectiveFrom: 'ASC', id: 'ASC' } }),
    (q) => q.brandId,
  ),
);

export const clusterStandardsOf = defineLoader<string, ClusterUsageStandard[]>('clusterStandardsOf', async (brandIds, { db }) =>
  groupedByKey(
    brandIds,
    await db.getRepository(ClusterUsageStandard).find({ where: { brandId: In([...brandIds]) }, order: { cluster: 'ASC', id: 'ASC' } }),
    (c) => c.brandId,
  ),
);
