import { Arg, Args, Authorized, Ctx, Field, FieldResolver, Int, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { Role } from '@skills-sichuan/runtime';
import { Connection, PageArgs, type Page, type RequestContext } from '@skills-sichuan/subgraph-kit';
import { TrainingProgram } from '../program/training-program.entity';
import { programById } from '../program/training-program.loader';
import { RecordTrainingInput, TrainingRecordFilterArgs, UpdateTrainingOutcomeInput } from './training-record.input';
import { importTrainingRecords, listTrainingRecords, recordTraining, updateTrainingOutcome } from './training-record.service';
import { TrainingRecordView } from './training-record.view';

@ObjectType()
export class TrainingRecordConnection extends Connection(TrainingRecordView) {}

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
  ): Promise<Page<TrainingRecordView>> {
    return listTrainingRecords(ctx, filter, page);
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
