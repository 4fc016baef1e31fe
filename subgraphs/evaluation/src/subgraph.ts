import { AssessmentListResolver } from './assessment/assessment-list.resolver';
import type { SubgraphDefinition } from '@skills-sichuan/subgraph-kit';
import { Assessment } from './assessment/assessment.entity';
import { AssessmentResolver, resolveAssessmentReference } from './assessment/assessment.resolver';
import { CreditCommitment, CreditEvent, IntegrityInvestigation } from './credit/credit.entity';
import {
  CreditCommitmentResolver,
  CreditEventResolver,
  CreditProfileResolver,
  InvestigationResolver,
  resolveCreditEventReference,
} from './credit/credit.resolver';
import { PublicFeedback } from './feedback/feedback.entity';
import { FeedbackResolver, resolveFeedbackReference } from './feedback/feedback.resolver';
import { FlaggedSubjectResolver } from './flag/flag.resolver';
import { CreateAssessment1700000004000 } from './migrations/1700000004000-CreateAssessment';
import { CreateOpinionCreditReports1700000004100 } from './migrations/1700000004100-CreateOpinionCreditReports';
import { ProgressReport } from './report/progress-report.entity';
import { ProgressReportResolver, resolveProgressReportReference } from './report/progress-report.resolver';
import { seedEvaluation } from './seed';
import { SubjectStanding1700000004600 } from './migrations/1700000004600-SubjectStanding';
import { applyDisqualification, applyRestoration } from './standing/standing.service';
import { SubjectStanding } from './standing/subject-standing.entity';
import { Base, Brand, Institution, Organization } from './subject/subject.stub';
import {
  BaseEvaluationResolver,
  BaseFeedbackResolver,
  BrandFeedbackResolver,
  InstitutionEvaluationResolver,
  InstitutionFeedbackResolver,
  OrganizationCreditResolver,
  resolveBaseReference,
  resolveBrandReference,
  resolveInstitutionReference,
  resolveOrganizationReference,
} from './subject/subject.resolver';

/** evaluation & credit: annual assessments, public feedback, credit and progress reports of the cultivation subjects. */
export const evaluation: SubgraphDefinition = {
  name: 'evaluation',
  defaultPort: 4004,
  entities: [Assessment, PublicFeedback, CreditCommitment, IntegrityInvestigation, CreditEvent, ProgressReport, SubjectStanding],
  migrations: [CreateAssessment1700000004000, CreateOpinionCreditReports1700000004100, SubjectStanding1700000004600],
  schema: {
    resolvers: [
      AssessmentResolver,
      AssessmentListResolver,
      FeedbackResolver,
      CreditProfileResolver,
      CreditEventResolver,
      CreditCommitmentResolver,
      InvestigationResolver,
      ProgressReportResolver,
      FlaggedSubjectResolver,
      BaseEvaluationResolver,
      InstitutionEvaluationResolver,
      BaseFeedbackResolver,
      InstitutionFeedbackResolver,
      BrandFeedbackResolver,
      OrganizationCreditResolver,
    ],
    orphanedTypes: [Base, Institution, Brand, Organization],
    references: {
      Assessment: resolveAssessmentReference,
      CreditEvent: resolveCreditEventReference,
      PublicFeedback: resolveFeedbackReference,
      ProgressReport: resolveProgressReportReference,
      Base: resolveBaseReference,
      Institution: resolveInstitutionReference,
      Brand: resolveBrandReference,
      Organization: resolveOrganizationReference,
    },
  },
  seed: seedEvaluation,
  // a subject off the roster is not assessed for the years after
  events: { 'roster.subject-disqualified': applyDisqualification, 'roster.subject-restored': applyRestoration },
};
