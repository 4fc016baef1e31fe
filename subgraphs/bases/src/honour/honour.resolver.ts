import { Arg, Authorized, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import { Role } from '@skills-sichuan/runtime';
import { type RequestContext } from '@skills-sichuan/subgraph-kit';
import { Base } from '../base/base.entity';
import { baseById } from '../base/base.loader';
import { Honour } from './honour.entity';
import { AwardHonourInput } from './honour.input';
import { awardHonour } from './honour.service';

@Resolver(() => Honour)
export class HonourResolver {
  @Authorized(Role.PROVINCIAL_ADMIN)
  @Mutation(() => Honour, { description: 'Records a national or provincial title a base was granted' })
  awardHonour(@Ctx() ctx: RequestContext, @Arg('input', () => AwardHonourInput) input: AwardHonourInput): Promise<Honour> {
    return awardHonour(ctx, input);
  }

  @FieldResolver(() => Base)
  base(@Root() honour: Honour, @Ctx() { loaders }: RequestContext): Promise<Base | null> {
    return loaders.of(baseById).load(honour.baseId);
  }
}
