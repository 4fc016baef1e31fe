import type { SubgraphDefinition } from '@skills-sichuan/kit';
import { Assessment } from './assessment/assessment.entity';
import { AssessmentResolver, resolveAssessmentReference } from './assessment/assessment.resolver';
import { CreateAssessment1700000004000 } from './migrations/1700000004000-CreateAssessment';
import { seedEvaluation } from './seed';
import { Base, Institution } from './subject/subject.stub';
import { BaseEvaluationResolver, InstitutionEvaluationResolver, resolveBaseReference, resolveInstitutionReference } from './subject/subject.resolver';

/** evaluation & credit: annual assessments of bases and institutions. */
export const evaluation: SubgraphDefinition = {
  name: 'evaluation',
  defaultPort: 4004,
  entities: [Assessment],
  migrations: [CreateAssessment1700000004000],
  schema: {
    resolvers: [AssessmentResolver, BaseEvaluationResolver, InstitutionEvaluationResolver],
    orphanedTypes: [Base, Institution],
    references: {
      Assessment: resolveAssessmentReference,
      Base: resolveBaseReference,
      Institution: resolveInstitutionReference,
    },
  },
  seed: seedEvaluation,
};
