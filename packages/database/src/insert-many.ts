import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';

/** Inserts rows in statements sized under both SQLite's and PostgreSQL's bound-parameter limits. */
export async function insertMany<T extends ObjectLiteral>(
  manager: EntityManager,
  entity: EntityTarget<T>,
  rows: Iterable<T>,
): Promise<number> {
  const columns = manager.connection.getMetadata(entity).columns.length;
  const size = Math.max(1, Math.floor(30_000 / columns));
  let batch: T[] = [];
  let count = 0;
  const flush = async () => {
    if (batch.length === 0) return;
    await manager
      .createQueryBuilder()
      .insert()
      .into(entity)
      .values(batch as never)
      .updateEntity(false)
      .execute();
    count += batch.length;
    batch = [];
  };
  for (const row of rows) {
    batch.push(row);
    if (batch.length >= size) await flush();
  }
  await flush();
  return count;
}
