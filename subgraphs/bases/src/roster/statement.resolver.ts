import { Arg, Authorized, Ctx, Directive, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Role } from '@skills-sichuan/runtime';
import { type RequestContext } from '@skills-sichuan/subgraph-kit';
import { RosterDecision } from './roster-decision.entity';
import { decisionById } from './roster.loader';
import { RosterStatement, StatementStatus } from './roster-statement.entity';
import { ReviewRosterStatementInput, SubmitRosterStatementInput } from './statement.input';
import { reviewRosterStatement, submitRosterStatement } from './statement.service';

@Resolver(() => RosterStatement)
export class RosterStatementResolver {
  @Authorized(Role.BASE_OPERATOR, Role.CITY_ADMIN, Role.ASSESSOR)
  @Directive('@listSize(assumedSize: 50, requireOneSlicingArgument: false)')
  @Query(() => [RosterStatement], {
    description:
      '书面说明 to the department, newest first: PROVINCIAL_ADMIN and ASSESSOR all, a CITY_ADMIN its city’s, a BASE_OPERATOR its own',
  })
  rosterStatements(
    @Ctx() { db, viewer }: RequestContext,
    @Arg('status', () => StatementStatus, { nullable: true }) status: StatementStatus | null,
  ): Promise<RosterStatement[]> {
    const query = db.getRepository(RosterStatement).createQueryBuilder('s');
    if (status) query.andWhere('s.status = :status', { status });
    if (viewer.role === Role.CITY_ADMIN) query.andWhere('s.city_code = :city', { city: viewer.cityCode });
    if (viewer.role === Role.BASE_OPERATOR) query.andWhere('s.organization_id = :org', { org: viewer.organizationId });
    return query.orderBy('s.submitted_on', 'DESC').addOrderBy('s.id', 'ASC').take(200).getMany();
  }

  @Authorized(Role.BASE_OPERATOR)
  @Mutation(() => RosterStatement, { description: '书面说明: a base or institution states its situation to the department, which 审定 it' })
  submitRosterStatement(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => SubmitRosterStatementInput) input: SubmitRosterStatementInput,
  ): Promise<RosterStatement> {
    return submitRosterStatement(ctx, input);
  }

  @Authorized(Role.PROVINCIAL_ADMIN)
  @Mutation(() => RosterStatement, { description: '审定: approve (the roster decision is made) or reject a statement' })
  reviewRosterStatement(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => ReviewRosterStatementInput) input: ReviewRosterStatementInput,
  ): Promise<RosterStatement> {
    return reviewRosterStatement(ctx, input);
  }

  @FieldResolver(() => RosterDecision, { nullable: true, description: 'the roster decision its approval made' })
  decision(@Root() statement: RosterStatement, @Ctx() { loaders }: RequestContext): Promise<RosterDecision | null> | null {
    return statement.decisionId ? loaders.of(decisionById).load(statement.decisionId) : null;
  }
}
