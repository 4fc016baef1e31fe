import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { entityRead, rawSelect, selectTogether, type Row, type Select } from '@skills-sichuan/database';

/**
 * One request's reads, sent together: the selects its loaders send in one turn of the event
 * loop go to the database as one statement (selectTogether). DataLoader dispatches every
 * loader's batch after the promise jobs of the turn that asked, so a fetch asking a base's
 * assessments and its credit, or a brand's progress, outcomes and competitions, is one
 * statement, not one per table. The statement is sent on the next turn (setImmediate), once
 * every batch of this one has been dispatched.
 */
export class Reads {
  private pending: { select: Select<unknown>; resolve: (answers: unknown[]) => void; reject: (err: unknown) => void }[] = [];

  /** the rows of a select whose every column is aliased, by alias as getRawMany names them, values as JSON gives them */
  rows<R extends object = Row>(query: SelectQueryBuilder<ObjectLiteral>): Promise<R[]> {
    return this.read(rawSelect<R>(query));
  }

  /** the entities of a select of one plain entity, as getMany would answer them */
  entities<E extends ObjectLiteral>(query: SelectQueryBuilder<E>): Promise<E[]> {
    return this.read(entityRead(query));
  }

  private read<T>(select: Select<T>): Promise<T[]> {
    return new Promise<unknown[]>((resolve, reject) => {
      if (this.pending.push({ select, resolve, reject }) === 1) setImmediate(this.send);
    }) as Promise<T[]>;
  }

  private readonly send = () => {
    const sent = this.pending;
    this.pending = [];
    selectTogether(sent.map((s) => s.select)).then(
      (answers) => sent.forEach((s, i) => s.resolve(answers[i])),
      (err: unknown) => sent.forEach((s) => s.reject(err)),
    );
  };
}
