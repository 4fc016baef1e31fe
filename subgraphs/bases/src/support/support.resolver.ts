import { Arg, Authorized, Ctx, Directive, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import { Role } from '@skills-sichuan/runtime';
import { todayInChina, type RequestContext } from '@skills-sichuan/subgraph-kit';
import { Base } from '../base/base.entity';
import { Institution } from '../institution/institution.entity';
import { RosterDecision } from '../roster/roster-decision.entity';
import { decisionById } from '../roster/roster.loader';
import { PolicySupport } from './policy-support.entity';
import { SupportStatus } from './support.enums';
import { GrantSupportInput } from './support.input';
import { supportsOf } from './support.loader';
import { grantSupport, supportStatusOn } from './support.service';

@Resolver(() => PolicySupport)
export class SupportResolver {
  @Authorized(Role.PROVINCIAL_ADMIN)
  @Mutation(() => PolicySupport, {
    description: '政策支持 for an ACTIVE base or institution; refused for a dishonest subject (SUBJECT_DISHONEST)',
  })
  grantSupport(@Ctx() ctx: RequestContext, @Arg('input', () => GrantSupportInput) input: GrantSupportInput): Promise<PolicySupport> {
    return grantSupport(ctx, input);
  }

  @FieldResolver(() => SupportStatus, { description: 'as of today in Sichuan' })
  status(@Root() support: PolicySupport): SupportStatus {
    return supportStatusOn(support, todayInChina());
  }

  @FieldResolver(() => RosterDecision, { nullable: true, description: 'the roster decision that withdrew it' })
  withdrawnBy(@Root() support: PolicySupport, @Ctx() { loaders }: RequestContext): Promise<RosterDecision | null> | null {
    return support.withdrawnByDecisionId ? loaders.of(decisionById).load(support.withdrawnByDecisionId) : null;
  }
}

@Resolver(() => Base)
export class BaseSupportResolver {
  @Directive('@listSize(assumedSize: 10, requireOneSlicingArgument: false)')
  @FieldResolver(() => [PolicySupport], { description: '政策支持 granted to it, newest first, withdrawn ones too' })
  supports(@Root() base: Base, @Ctx() { loaders }: RequestContext): Promise<PolicySupport[]> {
    return loaders.of(supportsOf).load(base.id);
  }
}

@Resolver(() => Institution)
export class InstitutionSupportResolver {
  @Directive('@listSize(assumedSize: 10, requireOneSlicingArgument: false)')
  @FieldResolver(() => [PolicySupport], { description: '政策支持 granted to it, newest first, withdrawn ones too' })
  supports(@Root() institution: Institution, @Ctx() { loaders }: RequestContext): Promise<PolicySupport[]> {
    return loaders.of(supportsOf).load(institution.id);
  }
}
