import { In } from 'typeorm';
import { byKey, defineLoader, groupedByKey } from '@skills-sichuan/subgraph-kit';
import { RosterDecision, type RosterSubjectType } from './roster-decision.entity';

export interface SubjectKey {
  subjectType: RosterSubjectType;
  subjectId: string;
}

/** Each subject's roster history, oldest first: one statement for any number of subjects. */
export const rosterHistoryOf = defineLoader<SubjectKey, RosterDecision[]>(
  'rosterHistoryOf',
  async (keys, { db }) => {
    const rows = await db.getRepository(RosterDecision).find({
      where: { subjectId: In([...new Set(keys.map((k) => k.subjectId))]) },
      order: { subjectId: 'ASC', seq: 'ASC' },
    });
    return groupedByKey(
      keys.map((k) => `${k.subjectType}:${k.subjectId}`),
      rows,
      (d) => `${d.subjectType}:${d.subjectId}`,
    );
  },
  { cacheKey: (k) => `${k.subjectType}:${k.subjectId}` },
);

/** Roster decisions by id: one statement for the batch */
export const decisionById = defineLoader<string, RosterDecision | null>('decisionById', async (ids, { db }) =>
  byKey(ids, await db.getRepository(RosterDecision).findBy({ id: In([...ids]) }), (d) => d.id),
);
