import { Column, Entity, In, Index, PrimaryColumn, Table, type EntityManager, type MigrationInterface, type QueryRunner } from 'typeorm';
import { DomainError, ErrorCode } from '@skills-sichuan/runtime';
import type { EventHandler, RosterSubjectKind } from '../events';

/**
 * The dishonesty list (失信惩戒) as a subgraph that must act on it keeps it: one row per
 * organisation or subject evaluation has put on or taken off the list, kept by the
 * `credit.dishonesty-changed` events, so its doors refuse a dishonest subject without asking
 * another subgraph (which may be down) and with one error code.
 */
@Entity('dishonesty_flag')
@Index('ix_dishonesty_flag_organization', ['organizationId', 'dishonest'])
export class DishonestyFlag {
  /** ORGANIZATION:<id>, BASE:<id> or INSTITUTION:<id> */
  @PrimaryColumn('varchar', { name: 'subject_key', length: 50 })
  subjectKey: string;

  @Column('varchar', { name: 'organization_id', length: 36 })
  organizationId: string;

  @Column('boolean')
  dishonest: boolean;

  @Column('varchar', { name: 'credit_event_id', length: 36 })
  creditEventId: string;

  @Column('date', { name: 'occurred_on' })
  occurredOn: string;

  /** the producer's order for this subject: an older event arriving late changes nothing */
  @Column('integer', { name: 'subject_seq' })
  subjectSeq: number;
}

export class CreateDishonestyFlags1700000000200 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'dishonesty_flag',
        columns: [
          { name: 'subject_key', type: 'varchar', length: '50', isPrimary: true },
          { name: 'organization_id', type: 'varchar', length: '36' },
          { name: 'dishonest', type: 'boolean' },
          { name: 'credit_event_id', type: 'varchar', length: '36' },
          { name: 'occurred_on', type: 'date' },
          { name: 'subject_seq', type: 'integer' },
        ],
        indices: [{ name: 'ix_dishonesty_flag_organization', columnNames: ['organization_id', 'dishonest'] }],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('dishonesty_flag');
  }
}

export const subjectKey = (type: RosterSubjectKind | 'ORGANIZATION', id: string) => `${type}:${id}`;

/** `credit.dishonesty-changed`: the flag follows the newest event of its subject. */
export const applyDishonestyChange: EventHandler<'credit.dishonesty-changed'> = async (manager, payload) => {
  const key = subjectKey(payload.subjectType ?? 'ORGANIZATION', payload.subjectId ?? payload.organizationId);
  const repository = manager.getRepository(DishonestyFlag);
  const known = await repository.findOneBy({ subjectKey: key });
  if (known && known.subjectSeq >= payload.subjectSeq) return;
  await repository.save({
    subjectKey: key,
    organizationId: payload.organizationId,
    dishonest: payload.dishonest,
    creditEventId: payload.creditEventId,
    occurredOn: payload.occurredOn,
    subjectSeq: payload.subjectSeq,
  });
};

/**
 * Refuses an act for a dishonest subject (DOMAIN.md: it cannot be selected, added, licensed,
 * honoured or supported). For an act about an organisation (an application, a licence) that is
 * the organisation or any of its subjects on the list — as the organisation's own credit profile
 * counts them; for an act about one of its subjects, the organisation itself or that subject.
 */
export async function assertNotDishonest(
  manager: EntityManager,
  who: { organizationId: string; subjects?: { type: RosterSubjectKind; id: string }[] },
  act: string,
): Promise<void> {
  const repository = manager.getRepository(DishonestyFlag);
  const flags = who.subjects
    ? await repository.find({
        where: {
          subjectKey: In([subjectKey('ORGANIZATION', who.organizationId), ...who.subjects.map((s) => subjectKey(s.type, s.id))]),
          dishonest: true,
        },
      })
    : await repository.find({ where: { organizationId: who.organizationId, dishonest: true } });
  if (flags.length === 0) return;
  const organizationListed = flags.some((f) => f.subjectKey.startsWith('ORGANIZATION:'));
  throw new DomainError(
    ErrorCode.SUBJECT_DISHONEST,
    `${act}: ${organizationListed ? 'the organisation' : 'the subject'} is on the dishonesty list (失信惩戒) since ${flags[0].occurredOn}`,
    { organizationId: who.organizationId, since: flags[0].occurredOn, creditEventId: flags[0].creditEventId },
  );
}
