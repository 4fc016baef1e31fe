import { In } from 'typeorm';
import { defineLoader, groupedByKey } from '@skills-sichuan/subgraph-kit';
import { providerKey } from '../provider/provider.stub';
import type { ProviderType } from '../provider/provider.enums';
import { Competition, CompetitionResult } from './competition.entity';

/** Every host's competitions in one statement, newest first. */
export const competitionsOfHost = defineLoader<{ type: ProviderType; id: string }, Competition[]>(
  'competitionsOfHost',
  async (keys, { db }) => {
    const rows = await db
      .getRepository(Competition)
      .find({ where: { hostId: In(keys.map((k) => k.id)) }, order: { startOn: 'DESC', id: 'ASC' } });
    return groupedByKey(keys.map(providerKey), rows, (c) => providerKey({ type: c.hostType, id: c.hostId }));
  },
  { cacheKey: providerKey },
);

/** Every competition's results in one statement, by rank. */
export const resultsOfCompetition = defineLoader<string, CompetitionResult[]>('resultsOfCompetition', async (ids, { db }) =>
  groupedByKey(
    ids,
    await db.getRepository(CompetitionResult).find({ where: { competitionId: In([...ids]) }, order: { rank: 'ASC' } }),
    (r) => r.competitionId,
  ),
);
