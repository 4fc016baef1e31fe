import { Args, ArgsType, Ctx, Directive, Field, FieldResolver, Int, Resolver, Root, type ClassType } from 'type-graphql';
import { checkYear, type ReferenceResolver, type RequestContext } from '@skills-sichuan/subgraph-kit';
import { Competition } from '../competition/competition.entity';
import { competitionsOfHost } from '../competition/competition.loader';
import { TrainingProgram } from '../program/training-program.entity';
import { personTimesOfProvider, programsOfProvider } from '../program/training-program.loader';
import { Base, Institution, providerReference } from './provider.stub';
import type { ProviderType } from './provider.enums';

@ArgsType()
export class ProviderYearArgs {
  @Field(() => Int, { nullable: true, description: 'a plan year; omitted: every year' })
  year?: number | null;
}

/** The same training fields on a base and an institution, each batched across every provider asked for. */
function providerResolver(provider: ClassType<Base | Institution> & { providerType: ProviderType }) {
  @Resolver(() => provider)
  class ProviderResolver {
    @Directive('@listSize(assumedSize: 250, requireOneSlicingArgument: false)')
    @FieldResolver(() => [TrainingProgram], { nullable: true, description: 'Its programs, newest start first' })
    trainingPrograms(
      @Root() { id }: Base,
      @Ctx() { loaders }: RequestContext,
      @Args() { year }: ProviderYearArgs,
    ): Promise<TrainingProgram[]> {
      checkYear(year);
      return loaders.of(programsOfProvider).load({ type: provider.providerType, id, year });
    }

    @FieldResolver(() => Int, { nullable: true, description: 'Person-times (人次) its programs recorded' })
    personTimes(@Root() { id }: Base, @Ctx() { loaders }: RequestContext, @Args() { year }: ProviderYearArgs): Promise<number> {
      checkYear(year);
      return loaders.of(personTimesOfProvider).load({ type: provider.providerType, id, year });
    }

    @Directive('@listSize(assumedSize: 10, requireOneSlicingArgument: false)')
    @FieldResolver(() => [Competition], { nullable: true, description: 'Competitions it hosted, newest first' })
    competitionsHosted(@Root() { id }: Base, @Ctx() { loaders }: RequestContext): Promise<Competition[]> {
      return loaders.of(competitionsOfHost).load({ type: provider.providerType, id });
    }
  }
  return ProviderResolver;
}

export const BaseTrainingResolver = providerResolver(Base);
export const InstitutionTrainingResolver = providerResolver(Institution);

/** Any id is a provider reference here: one that never trained has no programs. */
export const resolveBaseReference: ReferenceResolver<{ id: string }> = ({ id }) => providerReference('Base', id);
export const resolveInstitutionReference: ReferenceResolver<{ id: string }> = ({ id }) => providerReference('Institution', id);
