import { Ctx, Directive, FieldResolver, Resolver, Root } from 'type-graphql';
import type { ReferenceResolver, RequestContext } from '@skills-sichuan/subgraph-kit';
import { ProgressReport } from './progress-report.stub';
import { ProgressReconciliation } from './reconciliation';
import { reconciliationOf } from './reconciliation.service';

@Resolver(() => ProgressReport)
export class ProgressReportReconciliationResolver {
  @FieldResolver(() => ProgressReconciliation, {
    nullable: true,
    description:
      'The report’s person-times against the training recorded for its organisation and period, flagged above the program office’s threshold',
  })
  @Directive('@requires(fields: "period organization { id } figures { personTimes }")')
  reconciliation(@Root() report: ProgressReport, @Ctx() ctx: RequestContext): Promise<ProgressReconciliation | null> {
    return reconciliationOf(ctx, report);
  }
}

export const resolveProgressReportReference: ReferenceResolver<ProgressReport> = (representation) =>
  Object.assign(new ProgressReport(), representation);
