import { In } from 'typeorm';
import { byKey, defineLoader, groupedByKey } from '@skills-sichuan/kit';
import { Assessment, type SubjectType } from './assessment.entity';

export interface SubjectKey {
  type: SubjectType;
  id: string;
}
const subjectKey = (k: SubjectKey) => `${k.type}:${k.id}`;

function bySubjectType(keys: readonly SubjectKey[]): Map<SubjectType, string[]> {
  const ids = new Map<SubjectType, string[]>();
  for (const key of keys) ids.set(key.type, [...(ids.get(key.type) ?? []), key.id]);
  return ids;
}

export const assessmentById = defineLoader<string, Assessment | null>('assessmentById', async (ids, { db }) =>
  byKey(ids, await db.getRepository(Assessment).findBy({ id: In([...ids]) }), (a) => a.id),
);

/** Every subject's assessments, newest year first: one statement per subject type. */
export const assessmentsOf = defineLoader<SubjectKey, Assessment[]>(
  'assessmentsOf',
  async (keys, { db }) => {
    const rows: Assessment[] = [];
    for (const [type, ids] of bySubjectType(keys)) {
      rows.push(...(await db.getRepository(Assessment).find({ where: { subjectType: type, subjectId: In(ids) }, order: { year: 'DESC', assessedOn: 'DESC' } })));
    }
    return groupedByKey(keys.map(subjectKey), rows, (a) => subjectKey({ type: a.subjectType, id: a.subjectId }));
  },
  { cacheKey: subjectKey },
);

/**
 * Each subject's latest assessment — the greatest year (a subject has one per year, so
 * assessedOn never has to break a tie) — in one statement per subject type, however
 * many subjects ask.
 */
export const latestAssessmentOf = defineLoader<SubjectKey, Assessment | null>(
  'latestAssessmentOf',
  async (keys, { db }) => {
    const rows: Assessment[] = [];
    for (const [type, ids] of bySubjectType(keys)) {
      rows.push(
        ...(await db
          .getRepository(Assessment)
          .createQueryBuilder('a')
          .where('a.subject_type = :type AND a.subject_id IN (:...ids)', { type, ids })
          .andWhere('NOT EXISTS (SELECT 1 FROM assessment newer WHERE newer.subject_type = a.subject_type AND newer.subject_id = a.subject_id AND newer.year > a.year)')
          .getMany()),
      );
    }
    return byKey(keys.map(subjectKey), rows, (a) => subjectKey({ type: a.subjectType, id: a.subjectId }));
  },
  { cacheKey: subjectKey },
);
