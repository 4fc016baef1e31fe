import { BrandTrainingFiguresResolver } from './figures/training-figures.resolver';
import type { SubgraphDefinition } from '@skills-sichuan/subgraph-kit';
import { Brand, City } from './brand/brand.stub';
import { BrandProgressResolver, resolveBrandReference } from './brand/brand.resolver';
import { TypicalCase, TypicalCaseBrand } from './case/typical-case.entity';
import { TypicalCaseResolver } from './case/typical-case.resolver';
import { Competition, CompetitionResult } from './competition/competition.entity';
import { CompetitionResolver } from './competition/competition.resolver';
import { CreateTraining1700000003000 } from './migrations/1700000003000-CreateTraining';
import { RecordsCompetitionsPromotion1700000003100 } from './migrations/1700000003100-RecordsCompetitionsPromotion';
import { RecordOrder1700000003200 } from './migrations/1700000003200-RecordOrder';
import { ReencryptTraineeData1700000003300 } from './migrations/1700000003300-ReencryptTraineeData';
import { OutcomeCounts1700000003800 } from './migrations/1700000003800-OutcomeCounts';
import { ProgressWindow1700000003700 } from './migrations/1700000003700-ProgressWindow';
import { RollupWithStart1700000003900 } from './migrations/1700000003900-RollupWithStart';
import { TraineeUniqueIndex1700000004000 } from './migrations/1700000004000-TraineeUniqueIndex';
import { RecordIdIndex1700000004100 } from './migrations/1700000004100-RecordIdIndex';
import { TrainingProgram } from './program/training-program.entity';
import { TrainingProgramResolver } from './program/training-program.resolver';
import { PromotionEvent } from './promotion/promotion-event.entity';
import { PromotionEventResolver } from './promotion/promotion-event.resolver';
import { Base, Institution } from './provider/provider.stub';
import {
  BaseTrainingResolver,
  InstitutionTrainingResolver,
  resolveBaseReference,
  resolveInstitutionReference,
} from './provider/provider.resolver';
import { TrainingRecord } from './record/training-record.entity';
import { Organization, ProgressReport } from './report/progress-report.stub';
import { ProgressReportReconciliationResolver, resolveProgressReportReference } from './report/progress-report.resolver';
import { TrainingRecordResolver } from './record/training-record.resolver';
import { seedTraining } from './seed';

/** training & competitions: programs, person-times and the progress against the plan's targets, progress reports reconciled with them, competitions, promotion, typical cases. */
export const training: SubgraphDefinition = {
  name: 'training',
  defaultPort: 4003,
  entities: [TrainingProgram, TrainingRecord, Competition, CompetitionResult, PromotionEvent, TypicalCase, TypicalCaseBrand],
  migrations: [
    CreateTraining1700000003000,
    RecordsCompetitionsPromotion1700000003100,
    RecordOrder1700000003200,
    ReencryptTraineeData1700000003300,
    ProgressWindow1700000003700,
    OutcomeCounts1700000003800,
    RollupWithStart1700000003900,
    TraineeUniqueIndex1700000004000,
    RecordIdIndex1700000004100,
  ],
  schema: {
    resolvers: [
      TrainingProgramResolver,
      TrainingRecordResolver,
      BrandProgressResolver,
      BaseTrainingResolver,
      InstitutionTrainingResolver,
      CompetitionResolver,
      PromotionEventResolver,
      TypicalCaseResolver,
      ProgressReportReconciliationResolver,
      BrandTrainingFiguresResolver,
    ],
    orphanedTypes: [Brand, City, Base, Institution, Organization, ProgressReport],
    references: {
      Brand: resolveBrandReference,
      Base: resolveBaseReference,
      Institution: resolveInstitutionReference,
      ProgressReport: resolveProgressReportReference,
    },
  },
  seed: seedTraining,
};
