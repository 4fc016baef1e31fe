import { randomUUID } from 'node:crypto';
import { badInput, conflict, constraintViolated, notFound } from '@skills-sichuan/runtime';
import { checkYear, type RequestContext, requireText, todayInChina } from '@skills-sichuan/subgraph-kit';
import { publicOpinionOf } from '../feedback/feedback.loader';
import { subjectOrganization } from '../subject/subject.graph';
import { Assessment, publicationOf, publicationWorkflow } from './assessment.entity';
import type { RecordAssessmentInput } from './assessment.input';
import { assessmentResult } from './scoring';
import { assertAssessable } from '../standing/standing.service';

function checkScore(name: string, value: number | null | undefined): void {
  if (value != null && !(Number.isFinite(value) && value >= 0 && value <= 100))
    throw badInput(`${name} must be from 0 to 100, got ${value}`, { field: name });
}

const duplicate = (input: RecordAssessmentInput) =>
  conflict(`${input.subjectType.toLowerCase()} ${input.subjectId} already has its assessment for ${input.year}`, {
    subjectId: input.subjectId,
    year: input.year,
  });

/** Records an annual spot check, unpublished; its result comes from the scores by the scoring rule. */
export async function recordAssessment(ctx: RequestContext, input: RecordAssessmentInput): Promise<Assessment> {
  checkYear(input.year);
  checkScore('qualityScore', input.qualityScore);
  checkScore('trustScore', input.trustScore);
  checkScore('publicScore', input.publicScore);
  if (input.assessedOn.slice(0, 4) !== String(input.year)) throw badInput(`assessedOn ${input.assessedOn} is not in ${input.year}`);
  if (input.assessedOn > todayInChina()) throw badInput(`assessedOn ${input.assessedOn} is in the future`);
  const assessor = requireText(input.assessor, 'assessor', 1, 120);
  const repository = ctx.db.getRepository(Assessment);
  if (await repository.existsBy({ subjectType: input.subjectType, subjectId: input.subjectId, year: input.year })) throw duplicate(input);
  await subjectOrganization(ctx, input.subjectType, input.subjectId);

  const publicScore =
    input.publicScore ??
    (await ctx.loaders.of(publicOpinionOf).load({ type: input.subjectType, id: input.subjectId, year: input.year })).score;
  const assessment = Object.assign(new Assessment(), {
    id: randomUUID(),
    subjectType: input.subjectType,
    subjectId: input.subjectId,
    year: input.year,
    qualityScore: input.qualityScore,
    trustScore: input.trustScore,
    publicScore,
    result: assessmentResult(input.qualityScore, input.trustScore, publicScore),
    assessedOn: input.assessedOn,
    findings: input.findings?.trim() || null,
    assessor,
    publishedOn: null,
  });
  try {
    await ctx.db.transaction(async (manager) => {
      // 取消资格: a subject off the roster is not assessed for the years after
      await assertAssessable(manager, input.subjectId, input.year);
      await manager.getRepository(Assessment).insert(assessment);
    });
  } catch (err) {
    // a second assessor writing the same subject and year at the same moment
    if (constraintViolated(err) === 'unique') throw duplicate(input);
    throw err;
  }
  return assessment;
}

/** Publishes (公示) an assessment's result, once: from then on the public sees it. */
export async function publishAssessment(ctx: RequestContext, id: string): Promise<Assessment> {
  return ctx.db.transaction(async (manager) => {
    const repository = manager.getRepository(Assessment);
    const assessment = await repository.findOneBy({ id });
    if (!assessment) throw notFound(`no assessment has id ${id}`);
    publicationWorkflow.assertMove(publicationOf(assessment), 'PUBLISHED');
    const publishedOn = todayInChina();
    const { affected } = await repository
      .createQueryBuilder()
      .update()
      .set({ publishedOn })
      .where('id = :id AND published_on IS NULL', { id })
      .execute();
    // published meanwhile by another assessor: refused as the move it now is
    if (!affected) publicationWorkflow.assertMove('PUBLISHED', 'PUBLISHED');
    return Object.assign(assessment, { publishedOn });
  });
}
