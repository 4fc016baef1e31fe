import type { DataSource, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { entityRead, selectTogether, type Row } from '@skills-sichuan/database';

/**
 * One request's reads, sent together: the selects its loaders send in one turn of the event
 * loop go to the database as one statement (selectTogether). DataLoader dispatches every
 * loader's batch after the promise jobs of the turn that asked, so a fetch asking a base's
 * assessments and its credit, or a brand's progress, outcomes and competitions, is one
 * statement, not one per table. The statement is sent on the next turn (setImmediate), once
 * every batch of this one has been dispatched.
 */
export class Reads {
  private pending: { query: SelectQueryBuilder<ObjectLiteral>; resolve: (rows: Row[]) => void; reject: (err: unknown) => void }[] = [];

  constructor(private readonly db: DataSource) {}

  /** the raw rows of a select whose every column is aliased, as getRawMany would answer them */
  rows<R extends object = Row>(query: SelectQueryBuilder<ObjectLiteral>): Promise<R[]> {
    return new Promise<Row[]>((resolve, reject) => {
      if (this.pending.push({ query, resolve, reject }) === 1) setImmediate(this.send);
    }) as Promise<R[]>;
  }

  /** the entities of a select of one plain entity, as getMany would answer them */
  async entities<E extends ObjectLiteral>(query: SelectQueryBuilder<E>): Promise<E[]> {
    const read = entityRead(query);
    return read.entities(await this.rows(read.query));
  }

  private readonly send = () => {
    const sent = this.pending;
    this.pending = [];
    selectTogether(
      this.db,
      sent.map((s) => s.query),
    ).then(
      (answers) => sent.forEach((s, i) => s.resolve(answers[i])),
      (err: unknown) => sent.forEach((s) => s.reject(err)),
    );
  };
}
