import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { Role } from '@skills-sichuan/runtime';
import { Cached, CacheFor, Connection, CountAsked, type Page, PageArgs, type RequestContext } from '@skills-sichuan/subgraph-kit';
import { Brand } from '../brand/brand.stub';
import { Provider, providerReference } from '../provider/provider.stub';
import { TrainingProgram } from './training-program.entity';
import { ChangeTrainingProgramStatusArgs, RegisterTrainingProgramInput, TrainingProgramFilterArgs } from './training-program.input';
import { programById } from './training-program.loader';
import { changeTrainingProgramStatus, listTrainingPrograms, registerTrainingProgram } from './training-program.service';

// 9,207 programs at plan scale: counted like the records (4,000 for 332,504 rows), 9,207 / 332,504 × 4,000 ≈ 111, so 100
@ObjectType()
@Cached(CacheFor.program)
export class TrainingProgramConnection extends Connection(TrainingProgram, { countWeight: 100 }) {}

@Resolver(() => TrainingProgram)
export class TrainingProgramResolver {
  @Query(() => TrainingProgram, { nullable: true })
  trainingProgram(@Ctx() { loaders }: RequestContext, @Arg('id', () => ID) id: string): Promise<TrainingProgram | null> {
    return loaders.of(programById).load(id);
  }

  @Query(() => TrainingProgramConnection, { description: 'Programs, newest start first; public (no personal data)' })
  trainingPrograms(
    @Ctx() ctx: RequestContext,
    @Args() filter: TrainingProgramFilterArgs,
    @Args() page: PageArgs,
    @CountAsked() counted: boolean,
  ): Promise<Page<TrainingProgram>> {
    return listTrainingPrograms(ctx, filter, { ...page, counted });
  }

  @Authorized(Role.BASE_OPERATOR, Role.CITY_ADMIN)
  @Mutation(() => TrainingProgram, {
    description: 'A BASE_OPERATOR for its own organisation’s ACTIVE base or institution, a CITY_ADMIN within its city',
  })
  registerTrainingProgram(@Ctx() ctx: RequestContext, @Arg('input') input: RegisterTrainingProgramInput): Promise<TrainingProgram> {
    return registerTrainingProgram(ctx, input);
  }

  @Authorized(Role.BASE_OPERATOR, Role.CITY_ADMIN)
  @Mutation(() => TrainingProgram, { description: 'PLANNED → ONGOING → COMPLETED; PLANNED or ONGOING → CANCELLED' })
  changeTrainingProgramStatus(
    @Ctx() ctx: RequestContext,
    @Args() { id, status }: ChangeTrainingProgramStatusArgs,
  ): Promise<TrainingProgram> {
    return changeTrainingProgramStatus(ctx, id, status);
  }

  @FieldResolver(() => Brand, { nullable: true })
  brand(@Root() program: TrainingProgram): Brand {
    return Brand.reference(program.brandId);
  }

  @FieldResolver(() => Provider, { nullable: true, description: 'the base or institution that runs it' })
  provider(@Root() program: TrainingProgram) {
    return providerReference(program.providerType, program.providerId);
  }
}
