import { In, IsNull, Not, type FindOptionsWhere } from 'typeorm';
import { Role } from '@skills-sichuan/runtime';
import { byKey, defineLoader, groupedByKey, type RequestContext } from '@skills-sichuan/subgraph-kit';
import { bySubjectType, subjectKey, subjectKeyOf, type SubjectKey } from '../subject/subject-key';
import { Assessment } from './assessment.entity';

/** Assessors (and the province) see every assessment; everyone else only published ones. */
export const seesUnpublished = ({ viewer }: RequestContext) => viewer.role === Role.ASSESSOR || viewer.role === Role.PROVINCIAL_ADMIN;

export const assessmentById = defineLoader<string, Assessment | null>('assessmentById', async (ids, ctx) => {
  const where: FindOptionsWhere<Assessment> = { id: In([...ids]) };
  if (!seesUnpublished(ctx)) where.publishedOn = Not(IsNull());
  return byKey(ids, await ctx.db.getRepository(Assessment).findBy(where), (a) => a.id);
});

/** Every subject's assessments, newest year first: a select per subject type, sent together. */
export const assessmentsOf = defineLoader<SubjectKey, Assessment[]>(
  'assessmentsOf',
  async (keys, ctx) => {
    const ofType = ([type, ids]: [string, string[]]) => {
      const query = ctx.db
        .getRepository(Assessment)
        .createQueryBuilder('a')
        .where('a.subject_type = :type AND a.subject_id IN (:...ids)', { type, ids })
        .orderBy('a.year', 'DESC')
        .addOrderBy('a.assessed_on', 'DESC');
      if (!seesUnpublished(ctx)) query.andWhere('a.published_on IS NOT NULL');
      return ctx.reads.entities(query);
    };
    const rows = (await Promise.all([...bySubjectType(keys)].map(ofType))).flat();
    return groupedByKey(keys.map(subjectKey), rows, subjectKeyOf);
  },
  { cacheKey: subjectKey },
);

/**
 * Each subject's latest assessment the viewer may see — the greatest year (a subject has
 * one per year, so assessedOn never has to break a tie) — in a select per subject type,
 * sent together, however many subjects ask.
 */
export const latestAssessmentOf = defineLoader<SubjectKey, Assessment | null>(
  'latestAssessmentOf',
  async (keys, ctx) => {
    const published = seesUnpublished(ctx) ? '' : ' AND newer.published_on IS NOT NULL';
    const ofType = ([type, ids]: [string, string[]]) => {
      const query = ctx.db
        .getRepository(Assessment)
        .createQueryBuilder('a')
        .where('a.subject_type = :type AND a.subject_id IN (:...ids)', { type, ids })
        .andWhere(
          `NOT EXISTS (SELECT 1 FROM assessment newer WHERE newer.subject_type = a.subject_type AND newer.subject_id = a.subject_id AND newer.year > a.year${published})`,
        );
      if (published) query.andWhere('a.published_on IS NOT NULL');
      return ctx.reads.entities(query);
    };
    const rows = (await Promise.all([...bySubjectType(keys)].map(ofType))).flat();
    return byKey(keys.map(subjectKey), rows, subjectKeyOf);
  },
  { cacheKey: subjectKey },
);
