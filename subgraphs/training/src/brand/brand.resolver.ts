import { Args, Ctx, Directive, FieldResolver, Resolver, Root } from 'type-graphql';
import { type ReferenceResolver, type RequestContext } from '@skills-sichuan/subgraph-kit';
import { TypicalCase } from '../case/typical-case.entity';
import { casesOfBrand } from '../case/typical-case.loader';
import { trainingProgressOf } from '../progress/progress.service';
import { TrainingProgress } from '../progress/training-progress';
import { TrainingProgressArgs } from './brand.input';
import { Brand } from './brand.stub';

@Resolver(() => Brand)
export class BrandProgressResolver {
  @FieldResolver(() => TrainingProgress, {
    nullable: true,
    description:
      'Person-times against the 2025 target: the training dated within the target’s window (countsFrom to deadline), or within a year if given; a city if given',
  })
  @Directive(
    '@requires(fields: "trainingTarget { personTimes countsFrom deadline } subBrands { id } parent { trainingTarget { countsFrom deadline } }")',
  )
  trainingProgress(@Root() brand: Brand, @Ctx() ctx: RequestContext, @Args() args: TrainingProgressArgs): Promise<TrainingProgress> {
    return trainingProgressOf(ctx, brand, args);
  }

  @Directive('@listSize(assumedSize: 10, requireOneSlicingArgument: false)')
  @FieldResolver(() => [TypicalCase], {
    nullable: true,
    description: 'Typical experiences and excellent cases about this brand, newest first',
  })
  typicalCases(@Root() brand: Brand, @Ctx() { loaders }: RequestContext): Promise<TypicalCase[]> {
    return loaders.of(casesOfBrand).load(brand.id);
  }
}

export const resolveBrandReference: ReferenceResolver<Brand> = (representation) => Object.assign(new Brand(), representation);
