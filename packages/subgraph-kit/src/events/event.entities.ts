import { Column, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn, Table, type MigrationInterface, type QueryRunner } from 'typeorm';

/** An event written in the same transaction as the change it reports, until the relay has delivered it. */
@Entity('event_outbox')
@Index('ix_event_outbox_pending', ['publishedAt', 'seq'])
export class OutboxEvent {
  /** the order events are delivered in */
  @PrimaryGeneratedColumn()
  seq: number;

  @Index('uq_event_outbox_id', { unique: true })
  @Column('varchar', { length: 36 })
  id: string;

  @Column('varchar', { length: 80 })
  type: string;

  /** JSON */
  @Column('text')
  payload: string;

  @Column('varchar', { name: 'occurred_at', length: 32 })
  occurredAt: string;

  @Column('varchar', { name: 'published_at', length: 32, nullable: true })
  publishedAt: string | null;

  @Column('integer')
  attempts: number;
}

/** An event this subgraph has applied: applying it again is a no-op, so at-least-once delivery has its effect once. */
@Entity('event_inbox')
export class InboxEvent {
  @PrimaryColumn('varchar', { length: 36 })
  id: string;

  @Column('varchar', { length: 80 })
  type: string;

  @Column('varchar', { length: 40 })
  producer: string;

  @Column('varchar', { name: 'applied_at', length: 32 })
  appliedAt: string;
}

/** Every subgraph's outbox and inbox (the kit's, like program_seed). */
export class CreateEventTables1700000000100 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'event_outbox',
        columns: [
          { name: 'seq', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
          { name: 'id', type: 'varchar', length: '36' },
          { name: 'type', type: 'varchar', length: '80' },
          { name: 'payload', type: 'text' },
          { name: 'occurred_at', type: 'varchar', length: '32' },
          { name: 'published_at', type: 'varchar', length: '32', isNullable: true },
          { name: 'attempts', type: 'integer', default: 0 },
        ],
        uniques: [{ name: 'uq_event_outbox_id', columnNames: ['id'] }],
        indices: [{ name: 'ix_event_outbox_pending', columnNames: ['published_at', 'seq'] }],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'event_inbox',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'type', type: 'varchar', length: '80' },
          { name: 'producer', type: 'varchar', length: '40' },
          { name: 'applied_at', type: 'varchar', length: '32' },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('event_inbox');
    await queryRunner.dropTable('event_outbox');
  }
}
