import { In } from 'typeorm';
import { Role } from '@skills-sichuan/runtime';
import { byKey, defineLoader, groupedByKey, type RequestContext, yearSpan, groupBy } from '@skills-sichuan/subgraph-kit';
import { subjectKey, subjectKeyOf } from '../subject/subject-key';
import type { FeedbackSubjectType } from '../subject/subject.enums';
import { FeedbackStatus, PublicFeedback, PublicOpinion } from './feedback.entity';

/** Moderators see feedback of every status; anyone else only what was approved. */
export const moderates = ({ viewer }: RequestContext) => viewer.role === Role.ASSESSOR || viewer.role === Role.PROVINCIAL_ADMIN;

export interface FeedbackKey {
  type: FeedbackSubjectType;
  id: string;
  status?: FeedbackStatus | null;
}
const feedbackKey = (k: FeedbackKey) => `${k.type}:${k.id}:${k.status ?? ''}`;

/** The statuses a viewer may read under an optional filter. */
function visibleStatuses(ctx: RequestContext, status?: FeedbackStatus | null): FeedbackStatus[] {
  const allowed = moderates(ctx) ? Object.values(FeedbackStatus) : [FeedbackStatus.APPROVED];
  return status ? allowed.filter((s) => s === status) : allowed;
}

/** Subjects' feedback, newest first: a select per subject type and status filter, sent together. */
export const feedbackOf = defineLoader<FeedbackKey, PublicFeedback[]>(
  'feedbackOf',
  async (keys, ctx) => {
    const groups = groupBy(keys, (key) => `${key.type}|${key.status ?? ''}`);
    const answers = new Map<string, PublicFeedback[]>();
    const read = async (group: FeedbackKey[]) => {
      const statuses = visibleStatuses(ctx, group[0].status);
      const rows =
        statuses.length === 0
          ? []
          : await ctx.reads.entities(
              ctx.db
                .getRepository(PublicFeedback)
                .createQueryBuilder('f')
                .where('f.subject_type = :type AND f.subject_id IN (:...ids) AND f.status IN (:...statuses)', {
                  type: group[0].type,
                  ids: group.map((k) => k.id),
                  statuses,
                })
                .orderBy('f.submitted_on', 'DESC')
                .addOrderBy('f.id', 'ASC'),
            );
      const grouped = groupedByKey(
        group.map((k) => k.id),
        rows,
        (f) => f.subjectId,
      );
      group.forEach((key, i) => answers.set(feedbackKey(key), grouped[i]));
    };
    await Promise.all([...groups.values()].map(read));
    return keys.map((key) => answers.get(feedbackKey(key)) ?? []);
  },
  { cacheKey: feedbackKey },
);

export interface OpinionKey {
  type: FeedbackSubjectType;
  id: string;
  year?: number | null;
}
const opinionKey = (k: OpinionKey) => `${k.type}:${k.id}:${k.year ?? ''}`;

/** The public-opinion score from an average rating of 1–5: 1 → 0, 5 → 100. */
export const opinionScore = (averageRating: number): number => Math.round(((averageRating - 1) / 4) * 1000) / 10;

/** Subjects' public opinion from their APPROVED feedback: a GROUP BY per subject type and year, sent together. */
export const publicOpinionOf = defineLoader<OpinionKey, PublicOpinion>(
  'publicOpinionOf',
  async (keys, { db, reads }) => {
    const groups = groupBy(keys, (key) => `${key.type}|${key.year ?? ''}`);
    const answers = new Map<string, PublicOpinion>();
    const read = async (group: OpinionKey[]) => {
      const { type, year } = group[0];
      const query = db
        .getRepository(PublicFeedback)
        .createQueryBuilder('f')
        .select('f.subject_type', 'subjectType')
        .addSelect('f.subject_id', 'subjectId')
        .addSelect('COUNT(*)', 'ratings')
        .addSelect('AVG(f.rating)', 'average')
        .where('f.subject_type = :type AND f.subject_id IN (:...ids) AND f.status = :approved', {
          type,
          ids: group.map((k) => k.id),
          approved: FeedbackStatus.APPROVED,
        })
        .groupBy('f.subject_type')
        .addGroupBy('f.subject_id');
      if (year != null) query.andWhere('f.submitted_on BETWEEN :first AND :last', yearSpan(year));
      const rows = byKey(
        group.map(subjectKey),
        await reads.rows<{ subjectType: string; subjectId: string; ratings: string | number; average: string | number }>(query),
        subjectKeyOf,
      );
      group.forEach((key, i) => {
        const row = rows[i];
        const average = row ? Math.round(Number(row.average) * 100) / 100 : null;
        answers.set(opinionKey(key), {
          ratings: row ? Number(row.ratings) : 0,
          averageRating: average,
          score: row ? opinionScore(Number(row.average)) : null,
        });
      });
    };
    await Promise.all([...groups.values()].map(read));
    return keys.map((key) => answers.get(opinionKey(key))!);
  },
  { cacheKey: opinionKey },
);

/** One feedback by id, if the viewer may see it. */
export const feedbackById = defineLoader<string, PublicFeedback | null>('feedbackById', async (ids, ctx) =>
  byKey(ids, await ctx.db.getRepository(PublicFeedback).findBy({ id: In([...ids]), status: In(visibleStatuses(ctx)) }), (f) => f.id),
);
