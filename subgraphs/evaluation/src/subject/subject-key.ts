import { groupBy } from '@skills-sichuan/subgraph-kit';
import type { SubjectType } from './subject.enums';

/** A base or an institution, as loaders are asked about it. */
export interface SubjectKey {
  type: SubjectType;
  id: string;
}

/** One string per subject, whatever names its type and id: a loader's cache key and the key its rows are grouped by. */
export const subjectKey = (k: { type: string; id: string }) => `${k.type}:${k.id}`;

/** The subject key of a row that records its subject in subject_type and subject_id. */
export const subjectKeyOf = (row: { subjectType: string | null; subjectId: string | null }) =>
  subjectKey({ type: String(row.subjectType), id: String(row.subjectId) });

/** The ids asked of each subject type: a loader reads one statement per type. */
export function bySubjectType<T extends string>(keys: readonly { type: T; id: string }[]): Map<T, string[]> {
  return new Map([...groupBy(keys, (key) => key.type)].map(([type, group]) => [type, group.map((key) => key.id)]));
}
