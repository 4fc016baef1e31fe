import { Arg, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '@skills-sichuan/kit';
import { Brand } from '../brand/brand.stub';
import { TrainingProgram } from './training-program.entity';

@Resolver(() => TrainingProgram)
export class TrainingProgramResolver {
  @Query(() => TrainingProgram, { nullable: true })
  trainingProgram(@Ctx() { db }: RequestContext, @Arg('id', () => ID) id: string): Promise<TrainingProgram | null> {
    return db.getRepository(TrainingProgram).findOneBy({ id });
  }

  @FieldResolver(() => Brand)
  brand(@Root() program: TrainingProgram): Brand {
    return Brand.reference(program.brandId);
  }
}
