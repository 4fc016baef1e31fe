import { Arg, Args, Authorized, Ctx, Field, FieldResolver, Int, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { Role } from '@skills-sichuan/runtime';
import { Connection, CountAsked, type Page, PageArgs, type RequestContext } from '@skills-sichuan/subgraph-kit';
import { TrainingProgram } from '../program/training-program.entity';
import { programById } from '../program/training-program.loader';
import { RecordTrainingInput, TrainingRecordFilterArgs, UpdateTrainingOutcomeInput } from './training-record.input';
import { importTrainingRecords, listTrainingRecords, recordTraining, updateTrainingOutcome } from './training-record.service';
import { TrainingRecordView } from './training-record.view';

/**
 * Counting every record is the heaviest read a client can ask for: at plan scale (332,504
 * records) one unfiltered COUNT took 72 ms on SQLite alone and 130–155 ms with another graph
 * seeding beside it (PostgreSQL alike), against 5–9 ms by program. MAX_COST 50,000 stands for
 * the 2,000 ms one request may hold a database (DATABASE_REQUEST_BUDGET_MS), 25 per ms: 155 ms
 * is 3,875, so 4,000. Thirty aliased counts weigh 30 × (4,000 + 1) = 120,030 and are refused
 * before they run; a dashboard's few (up to 12, 48,012) pass.
 */
const RECORD_COUNT_WEIGHT = 4_000;

@ObjectType()
export class TrainingRecordConnection extends Connection(TrainingRecordView, { countWeight: RECORD_COUNT_WEIGHT }) {}

@ObjectType({ description: 'What an import wrote' })
export class TrainingImport {
  @Field(() => Int, { description: 'records written' })
  imported: number;

  @Field(() => Int, { description: 'programs they went to' })
  programs: number;
}

@Resolver(() => TrainingRecordView)
export class TrainingRecordResolver {
  @Authorized(Role.BASE_OPERATOR, Role.CITY_ADMIN)
  @Query(() => TrainingRecordConnection, {
    description: 'Records in id order: a BASE_OPERATOR’s organisation’s, a CITY_ADMIN’s city’s, every one for PROVINCIAL_ADMIN',
  })
  trainingRecords(
    @Ctx() ctx: RequestContext,
    @Args() filter: TrainingRecordFilterArgs,
    @Args() page: PageArgs,
    @CountAsked() counted: boolean,
  ): Promise<Page<TrainingRecordView>> {
    return listTrainingRecords(ctx, filter, { ...page, counted });
  }

  // Not a CITY_ADMIN, who sees numbers masked: "this trainee is already recorded" would confirm
  // a guessed identity number (issue 12, finding 5). Writing by number is for who may read it.
  @Authorized(Role.BASE_OPERATOR)
  @Mutation(() => TrainingRecordView, { description: 'One person-time, for an ONGOING or COMPLETED program the viewer manages' })
  recordTraining(@Ctx() ctx: RequestContext, @Arg('input') input: RecordTrainingInput): Promise<TrainingRecordView> {
    return recordTraining(ctx, input);
  }

  @Authorized(Role.BASE_OPERATOR, Role.CITY_ADMIN)
  @Mutation(() => TrainingRecordView, {
    description:
      'Completion, certificate and employment outcome of a record, for a program the viewer manages; fields left out keep what is stored',
  })
  updateTrainingOutcome(@Ctx() ctx: RequestContext, @Arg('input') input: UpdateTrainingOutcomeInput): Promise<TrainingRecordView> {
    return updateTrainingOutcome(ctx, input);
  }

  // Not a CITY_ADMIN, for the reason recordTraining gives; a CONFLICT per line would be a batch oracle
  @Authorized(Role.BASE_OPERATOR)
  @Mutation(() => TrainingImport, {
    description:
      'A CSV file of records (header: program_id,trainee_name,identity_number,phone,completed_on,certificate,certificate_number,employment, or the Chinese names); all rows or none',
  })
  importTrainingRecords(@Ctx() ctx: RequestContext, @Arg('csv') csv: string): Promise<TrainingImport> {
    return importTrainingRecords(ctx, csv);
  }

  @FieldResolver(() => TrainingProgram)
  program(@Root() record: TrainingRecordView, @Ctx() { loaders }: RequestContext): Promise<TrainingProgram | null> {
    return loaders.of(programById).load(record.programId);
  }
}
