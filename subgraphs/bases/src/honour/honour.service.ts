import { randomUUID } from 'node:crypto';
import { DomainError, notFound } from '@skills-sichuan/runtime';
import { assertNotDishonest, checkYear, requireText, type RequestContext, checkId } from '@skills-sichuan/subgraph-kit';
import { Base } from '../base/base.entity';
import { refusedWrite } from '../writes';
import { Honour } from './honour.entity';
import type { AwardHonourInput } from './honour.input';

/** Records a national or provincial title a base was granted (要素保障); the same title twice is a conflict. */
export async function awardHonour(ctx: RequestContext, input: AwardHonourInput): Promise<Honour> {
  checkId(input.baseId, 'baseId');
  checkYear(input.year);
  const name = requireText(input.name, 'name', 1, 200);
  const base = await ctx.db.getRepository(Base).findOneBy({ id: input.baseId });
  if (!base) throw notFound(`no base has id ${input.baseId}`);
  const honour = Object.assign(new Honour(), {
    id: randomUUID(),
    baseId: base.id,
    kind: input.kind,
    level: input.level,
    year: input.year,
    name,
  });
  try {
    await ctx.db.transaction(async (manager) => {
      // 失信惩戒: no honour for a dishonest base or organisation
      await assertNotDishonest(manager, { organizationId: base.operatorId, subjects: [{ type: 'BASE', id: base.id }] }, 'awardHonour');
      await manager.getRepository(Honour).insert(honour);
    });
  } catch (err) {
    if (err instanceof DomainError) throw err;
    refusedWrite(err, `the ${input.level} ${input.kind} ${name} of ${base.name}`);
  }
  return honour;
}
