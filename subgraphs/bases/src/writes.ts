import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import { badInput, conflict, constraintViolated, DomainError, notFound } from '@skills-sichuan/runtime';
import type { RequestContext } from '@skills-sichuan/subgraph-kit';

/** Translates a constraint the database refused into the client's terms; anything else is rethrown. */
export function refusedWrite(err: unknown, what: string): never {
  switch (constraintViolated(err)) {
    case 'unique':
      throw conflict(`${what}: another change got there first or the record already exists; read it again`, {
        reason: 'CONCURRENT_OR_DUPLICATE',
      });
    case 'foreign-key':
      throw notFound(`${what}: a record it refers to does not exist`);
    case 'check':
      throw badInput(`${what}: a value is outside what the rules allow`);
    default:
      throw err;
  }
}

/** Runs work in one transaction; a rule it breaks reaches the client as is, a constraint the database refuses as refusedWrite says. */
export async function inTransaction<T>(ctx: RequestContext, what: string, work: (manager: EntityManager) => Promise<T>): Promise<T> {
  try {
    return await ctx.db.transaction(work);
  } catch (err) {
    if (err instanceof DomainError) throw err;
    refusedWrite(err, what);
  }
}

/** One past the greatest seq of the rows matching where: an appended row's place in its history (a unique index refuses a race). */
export async function nextSeq(
  manager: EntityManager,
  entity: EntityTarget<ObjectLiteral>,
  where: string,
  parameters: Record<string, unknown>,
): Promise<number> {
  const row = await manager
    .getRepository(entity)
    .createQueryBuilder('h')
    .select('MAX(h.seq)', 'last')
    .where(where, parameters)
    .getRawOne<{ last: number | string | null }>();
  return Number(row?.last ?? 0) + 1;
}
