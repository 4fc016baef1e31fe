import type { EntityManager } from 'typeorm';
import { insertMany, type Program } from '@skills-sichuan/kit';
import { Assessment } from './assessment/assessment.entity';
import { assessmentResult } from './assessment/scoring';

export async function seedEvaluation(manager: EntityManager, program: Program): Promise<void> {
  await insertMany(
    manager,
    Assessment,
    program.assessments.map((a) =>
      Object.assign(new Assessment(), { ...a, result: assessmentResult(a.qualityScore, a.trustScore, a.publicScore) }),
    ),
  );
}
