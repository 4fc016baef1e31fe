import type { SubgraphDefinition } from '@skills-sichuan/kit';
import { Brand, City } from './brand/brand.stub';
import { BrandProgressResolver, resolveBrandReference } from './brand/brand.resolver';
import { CreateTraining1700000003000 } from './migrations/1700000003000-CreateTraining';
import { TrainingProgram } from './program/training-program.entity';
import { TrainingProgramResolver } from './program/training-program.resolver';
import { TrainingRecord } from './record/training-record.entity';
import { seedTraining } from './seed';

/** training & competitions: programs, person-times and the progress against the plan's targets. */
export const training: SubgraphDefinition = {
  name: 'training',
  defaultPort: 4003,
  entities: [TrainingProgram, TrainingRecord],
  migrations: [CreateTraining1700000003000],
  schema: {
    resolvers: [TrainingProgramResolver, BrandProgressResolver],
    orphanedTypes: [Brand, City],
    references: { Brand: resolveBrandReference },
  },
  seed: seedTraining,
};
