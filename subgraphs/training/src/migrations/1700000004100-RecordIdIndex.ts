import { TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

const NAME = 'uq_training_record_id';

/**
 * SQLite only: a record's id is kept unique by an index instead of the table's PRIMARY KEY (issue 17).
 * SQLite stores a text primary key as the table's rows plus an index it owns and nobody can drop, so
 * every seeded record went into that random-order B-tree as it was written: 22 µs a row at ten times
 * the plan's scale, against 9 µs without it and one sorted build of the same index afterwards
 * (indexesBuiltAfter). The same rows, the same NOT NULL unique id, the same lookups; the entity still
 * names id its primary column. PostgreSQL keeps its primary key, which the seed can drop and build
 * again after the rows.
 */
export class RecordIdIndex1700000004100 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    if (queryRunner.connection.options.type === 'postgres') return;
    await queryRunner.dropPrimaryKey('training_record');
    await queryRunner.createIndex('training_record', new TableIndex({ name: NAME, columnNames: ['id'], isUnique: true }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    if (queryRunner.connection.options.type === 'postgres') return;
    await queryRunner.dropIndex('training_record', NAME);
    await queryRunner.createPrimaryKey('training_record', ['id']);
  }
}
