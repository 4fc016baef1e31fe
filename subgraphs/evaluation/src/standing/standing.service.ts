import type { EntityManager } from 'typeorm';
import { DomainError, ErrorCode } from '@skills-sichuan/runtime';
import type { EventHandler } from '@skills-sichuan/subgraph-kit';
import { SubjectStanding } from './subject-standing.entity';

async function follow(manager: EntityManager, row: SubjectStanding): Promise<void> {
  const repository = manager.getRepository(SubjectStanding);
  const known = await repository.findOneBy({ subjectId: row.subjectId });
  if (known && known.subjectSeq >= row.subjectSeq) return;
  await repository.save(row);
}

export const applyDisqualification: EventHandler<'roster.subject-disqualified'> = (manager, event) =>
  follow(
    manager,
    Object.assign(new SubjectStanding(), {
      subjectId: event.subjectId,
      subjectType: event.subjectType,
      disqualifiedOn: event.decidedOn,
      decisionId: event.decisionId,
      subjectSeq: event.subjectSeq,
    }),
  );

export const applyRestoration: EventHandler<'roster.subject-restored'> = (manager, event) =>
  follow(
    manager,
    Object.assign(new SubjectStanding(), {
      subjectId: event.subjectId,
      subjectType: event.subjectType,
      disqualifiedOn: null,
      decisionId: event.decisionId,
      subjectSeq: event.subjectSeq,
    }),
  );

/** Refuses an assessment of a disqualified subject for a year after its disqualification's (that year's own stays possible: it may be its cause). */
export async function assertAssessable(manager: EntityManager, subjectId: string, year: number): Promise<void> {
  const standing = await manager.getRepository(SubjectStanding).findOneBy({ subjectId });
  if (!standing?.disqualifiedOn || year <= Number(standing.disqualifiedOn.slice(0, 4))) return;
  throw new DomainError(
    ErrorCode.SUBJECT_DISQUALIFIED,
    `the subject was taken off the roster on ${standing.disqualifiedOn}: it is not assessed for ${year}`,
    { disqualifiedOn: standing.disqualifiedOn, decisionId: standing.decisionId },
  );
}
