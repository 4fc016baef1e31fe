import { defineLoader, groupedByKey } from '@skills-sichuan/subgraph-kit';
import { providerKey } from '../provider/provider.stub';
import type { ProviderType } from '../provider/provider.enums';
import { Competition, CompetitionResult } from './competition.entity';

/** Every host's competitions in one select, newest first. */
export const competitionsOfHost = defineLoader<{ type: ProviderType; id: string }, Competition[]>(
  'competitionsOfHost',
  async (keys, { db, reads }) => {
    const rows = await reads.entities(
      db
        .getRepository(Competition)
        .createQueryBuilder('c')
        .where('c.host_id IN (:...ids)', { ids: keys.map((k) => k.id) })
        .orderBy('c.start_on', 'DESC')
        .addOrderBy('c.id', 'ASC'),
    );
    return groupedByKey(keys.map(providerKey), rows, (c) => providerKey({ type: c.hostType, id: c.hostId }));
  },
  { cacheKey: providerKey },
);

/** Every competition's results in one select, by rank. */
export const resultsOfCompetition = defineLoader<string, CompetitionResult[]>('resultsOfCompetition', async (ids, { db, reads }) =>
  groupedByKey(
    ids,
    await reads.entities(
      db
        .getRepository(CompetitionResult)
        .createQueryBuilder('r')
        .where('r.competition_id IN (:...ids)', { ids: [...ids] })
        .orderBy('r.rank', 'ASC'),
    ),
    (r) => r.competitionId,
  ),
);
