import { Arg, Args, Authorized, Ctx, Directive, FieldResolver, ID, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { Role } from '@skills-sichuan/runtime';
import { Cached, CacheFor, Connection, CountAsked, type Page, PageArgs, type RequestContext } from '@skills-sichuan/subgraph-kit';
import { Brand, City } from '../brand/brand.stub';
import { Provider, providerReference } from '../provider/provider.stub';
import { Competition, CompetitionResult } from './competition.entity';
import { CompetitionFilterArgs, RecordCompetitionResultsArgs, RegisterCompetitionInput } from './competition.input';
import { resultsOfCompetition } from './competition.loader';
import { findCompetition, listCompetitions, recordCompetitionResults, registerCompetition } from './competition.service';

@ObjectType()
@Cached(CacheFor.program)
export class CompetitionConnection extends Connection(Competition) {}

@Resolver(() => Competition)
export class CompetitionResolver {
  @Query(() => Competition, { nullable: true })
  competition(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string): Promise<Competition | null> {
    return findCompetition(ctx, id);
  }

  @Query(() => CompetitionConnection, { description: 'Competitions, newest first' })
  competitions(
    @Ctx() ctx: RequestContext,
    @Args() filter: CompetitionFilterArgs,
    @Args() page: PageArgs,
    @CountAsked() counted: boolean,
  ): Promise<Page<Competition>> {
    return listCompetitions(ctx, filter, { ...page, counted });
  }

  @Authorized(Role.BASE_OPERATOR, Role.CITY_ADMIN)
  @Mutation(() => Competition)
  registerCompetition(@Ctx() ctx: RequestContext, @Arg('input') input: RegisterCompetitionInput): Promise<Competition> {
    return registerCompetition(ctx, input);
  }

  @Authorized(Role.BASE_OPERATOR, Role.CITY_ADMIN)
  @Mutation(() => Competition, { description: 'Adds published results (rank unique within the competition)' })
  recordCompetitionResults(
    @Ctx() ctx: RequestContext,
    @Args() { competitionId, results }: RecordCompetitionResultsArgs,
  ): Promise<Competition> {
    return recordCompetitionResults(ctx, competitionId, results);
  }

  @FieldResolver(() => Brand, { nullable: true })
  brand(@Root() competition: Competition): Brand {
    return Brand.reference(competition.brandId);
  }

  @FieldResolver(() => Provider, {
    nullable: true,
    description: 'the base or institution that hosted it; null for one the department or a city held itself',
  })
  host(@Root() competition: Competition) {
    return competition.hostType && competition.hostId ? providerReference(competition.hostType, competition.hostId) : null;
  }

  @FieldResolver(() => City, { nullable: true })
  city(@Root() competition: Competition): City {
    return City.reference(competition.cityCode);
  }

  @Directive('@listSize(assumedSize: 20, requireOneSlicingArgument: false)')
  @FieldResolver(() => [CompetitionResult], { description: 'by rank' })
  results(@Root() competition: Competition, @Ctx() { loaders }: RequestContext): Promise<CompetitionResult[]> {
    return loaders.of(resultsOfCompetition).load(competition.id);
  }
}
