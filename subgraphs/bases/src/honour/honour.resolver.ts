import { randomUUID } from 'node:crypto';
import { Arg, Authorized, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import { notFound, Role } from '@skills-sichuan/runtime';
import { checkYear, type RequestContext, requireText } from '@skills-sichuan/subgraph-kit';
import { Base } from '../base/base.entity';
import { baseById } from '../base/base.loader';
import { checkId } from '../checks';
import { refusedWrite } from '../writes';
import { Honour } from './honour.entity';
import { AwardHonourInput } from './honour.input';

@Resolver(() => Honour)
export class HonourResolver {
  @Authorized(Role.PROVINCIAL_ADMIN)
  @Mutation(() => Honour, { description: 'Records a national or provincial title a base was granted' })
  async awardHonour(@Ctx() { db }: RequestContext, @Arg('input', () => AwardHonourInput) input: AwardHonourInput): Promise<Honour> {
    checkId(input.baseId, 'baseId');
    checkYear(input.year);
    const name = requireText(input.name, 'name', 1, 200);
    const base = await db.getRepository(Base).findOneBy({ id: input.baseId });
    if (!base) throw notFound(`no base has id ${input.baseId}`);
    const honour = Object.assign(new Honour(), { id: randomUUID(), baseId: base.id, kind: input.kind, level: input.level, year: input.year, name });
    try {
      await db.getRepository(Honour).insert(honour);
    } catch (err) {
      refusedWrite(err, `the ${input.level} ${input.kind} ${name} of ${base.name}`);
    }
    return honour;
  }

  @FieldResolver(() => Base)
  base(@Root() honour: Honour, @Ctx() { loaders }: RequestContext): Promise<Base | null> {
    return loaders.of(baseById).load(honour.baseId);
  }
}
