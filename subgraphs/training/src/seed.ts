import type { EntityManager } from 'typeorm';
import { insertMany, type Logger, type Program } from '@skills-sichuan/kit';
import { TrainingProgram } from './program/training-program.entity';
import { TrainingRecord } from './record/training-record.entity';

export async function seedTraining(manager: EntityManager, program: Program, log: Logger): Promise<void> {
  await insertMany(
    manager,
    TrainingProgram,
    program.trainingPrograms.map(({ enrolled: _enrolled, ...p }) => Object.assign(new TrainingProgram(), { ...p, year: Number(p.startOn.slice(0, 4)) })),
  );
  const records = await insertMany(
    manager,
    TrainingRecord,
    (function* () {
      for (const r of program.trainingRecords()) yield Object.assign(new TrainingRecord(), r);
    })(),
  );
  log.info({ programs: program.trainingPrograms.length, records }, 'training seeded');
}
