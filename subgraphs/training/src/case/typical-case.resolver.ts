import { Arg, Args, Authorized, Ctx, Directive, FieldResolver, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { Role } from '@skills-sichuan/runtime';
import { Cached, CacheFor, Connection, CountAsked, type Page, PageArgs, type RequestContext } from '@skills-sichuan/subgraph-kit';
import { Brand } from '../brand/brand.stub';
import { TypicalCase } from './typical-case.entity';
import { PublishTypicalCaseInput, TypicalCaseFilterArgs } from './typical-case.input';
import { brandsOfCase } from './typical-case.loader';
import { listTypicalCases, publishTypicalCase } from './typical-case.service';

@ObjectType()
@Cached(CacheFor.program)
export class TypicalCaseConnection extends Connection(TypicalCase) {}

@Resolver(() => TypicalCase)
export class TypicalCaseResolver {
  @Query(() => TypicalCaseConnection, { description: 'Typical experiences and excellent cases, newest first' })
  typicalCases(
    @Ctx() ctx: RequestContext,
    @Args() filter: TypicalCaseFilterArgs,
    @Args() page: PageArgs,
    @CountAsked() counted: boolean,
  ): Promise<Page<TypicalCase>> {
    return listTypicalCases(ctx, filter, { ...page, counted });
  }

  @Authorized(Role.PROVINCIAL_ADMIN)
  @Mutation(() => TypicalCase, { description: 'The department publishes a case (PROVINCIAL_ADMIN)' })
  publishTypicalCase(@Ctx() ctx: RequestContext, @Arg('input') input: PublishTypicalCaseInput): Promise<TypicalCase> {
    return publishTypicalCase(ctx, input);
  }

  @Directive('@listSize(assumedSize: 10, requireOneSlicingArgument: false)')
  @FieldResolver(() => [Brand], { nullable: true })
  async brands(@Root() typicalCase: TypicalCase, @Ctx() { loaders }: RequestContext): Promise<Brand[]> {
    return (await loaders.of(brandsOfCase).load(typicalCase.id)).map((id) => Brand.reference(id));
  }
}
