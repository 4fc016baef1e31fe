import { randomUUID } from 'node:crypto';
import { badInput, DomainError, ErrorCode, notFound } from '@skills-sichuan/runtime';
import {
  checkCityCode,
  checkYear,
  paginate,
  type Page,
  type PageArgs,
  type RequestContext,
  Workflow,
  requireText,
  checkCount,
  checkPeriod,
} from '@skills-sichuan/subgraph-kit';
import { activeProvider, assertMayActFor } from '../provider/provider.service';
import { programById } from './training-program.loader';
import { TrainingProgram, TrainingProgramStatus } from './training-program.entity';
import type { RegisterTrainingProgramInput, TrainingProgramFilterArgs } from './training-program.input';

export const MAX_CAPACITY = 10_000;

/** The moves a program's status may make; COMPLETED and CANCELLED are final. */
export const trainingProgramWorkflow = new Workflow<TrainingProgramStatus>('training program', {
  PLANNED: [TrainingProgramStatus.ONGOING, TrainingProgramStatus.CANCELLED],
  ONGOING: [TrainingProgramStatus.COMPLETED, TrainingProgramStatus.CANCELLED],
  COMPLETED: [],
  CANCELLED: [],
});

export async function registerTrainingProgram(ctx: RequestContext, input: RegisterTrainingProgramInput): Promise<TrainingProgram> {
  const occupation = requireText(input.occupation, 'occupation', 1, 60);
  checkCount('level', input.level, 1, 5);
  checkCount('capacity', input.capacity, 1, MAX_CAPACITY);
  checkPeriod(input.startOn, input.endOn);
  const provider = await activeProvider(ctx, input, 'registerTrainingProgram');
  assertMayActFor(ctx, provider, 'registerTrainingProgram');
  if (!provider.services.includes('TRAINING'))
    throw badInput('the institution is not selected for TRAINING', { reason: 'NOT_A_TRAINING_PROVIDER' });
  if (!provider.brandIds.includes(input.brandId)) {
    throw badInput(`the ${provider.type === 'Base' ? 'base' : 'institution'} does not serve brand ${input.brandId}`, {
      field: 'brandId',
      reason: 'BRAND_NOT_SERVED',
    });
  }
  const program = Object.assign(new TrainingProgram(), {
    id: randomUUID(),
    brandId: input.brandId,
    providerType: provider.type,
    providerId: provider.id,
    providerOrganizationId: provider.organizationId,
    cityCode: provider.cityCode,
    occupation,
    level: input.level,
    year: Number(input.startOn.slice(0, 4)),
    startOn: input.startOn,
    endOn: input.endOn,
    capacity: input.capacity,
    status: TrainingProgramStatus.PLANNED,
    personTimes: 0,
  });
  await ctx.db.getRepository(TrainingProgram).insert(program);
  return program;
}

export async function changeTrainingProgramStatus(
  ctx: RequestContext,
  id: string,
  status: TrainingProgramStatus,
): Promise<TrainingProgram> {
  return ctx.db.transaction(async (manager) => {
    const program = await manager.getRepository(TrainingProgram).findOneBy({ id });
    if (!program) throw notFound(`no training program has id ${id}`);
    assertMayActFor(ctx, { organizationId: program.providerOrganizationId, cityCode: program.cityCode }, 'changeTrainingProgramStatus');
    trainingProgramWorkflow.assertMove(program.status, status);
    // the WHERE on the old status refuses a concurrent move made since the read
    const result = await manager
      .createQueryBuilder()
      .update(TrainingProgram)
      .set({ status })
      .where('id = :id AND status = :from', { id, from: program.status })
      .execute();
    if (result.affected === 0) throw new DomainError(ErrorCode.INVALID_TRANSITION, 'the program changed meanwhile; read it again');
    return Object.assign(program, { status });
  });
}

export function listTrainingPrograms(
  ctx: RequestContext,
  filter: TrainingProgramFilterArgs,
  page: PageArgs,
): Promise<Page<TrainingProgram>> {
  checkCityCode(filter.cityCode);
  checkYear(filter.year);
  const query = ctx.db.getRepository(TrainingProgram).createQueryBuilder('p');
  if (filter.brandId) query.andWhere('p.brand_id = :brandId', { brandId: filter.brandId });
  if (filter.providerId) query.andWhere('p.provider_id = :providerId', { providerId: filter.providerId });
  if (filter.cityCode) query.andWhere('p.city_code = :cityCode', { cityCode: filter.cityCode });
  if (filter.year != null) query.andWhere('p.year = :year', { year: filter.year });
  if (filter.status) query.andWhere('p.status = :status', { status: filter.status });
  return paginate(
    query,
    [
      { column: 'p.start_on', property: 'startOn', direction: 'DESC' },
      { column: 'p.id', property: 'id', direction: 'ASC' },
    ],
    page,
  ).then((result) => {
    for (const program of result.nodes) ctx.loaders.of(programById).prime(program.id, program);
    return result;
  });
}
