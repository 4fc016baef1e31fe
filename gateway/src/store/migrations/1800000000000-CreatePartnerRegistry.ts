import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';

const at = (name: string) => ({ name, type: 'varchar', length: '32' });
const by = (name: string) => ({ name, type: 'varchar', length: '160' });

/** The gateway's own tables: the partner registry, the served graph's revisions, and the clients' registered operations. */
export class CreatePartnerRegistry1800000000000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'partner',
        columns: [
          { name: 'name', type: 'varchar', length: '40', isPrimary: true },
          { name: 'routing_url', type: 'varchar', length: '500' },
          { name: 'owner', type: 'varchar', length: '200' },
          { name: 'contact', type: 'varchar', length: '200' },
          { name: 'status', type: 'varchar', length: '16' },
          { name: 'sdl', type: 'text' },
          { name: 'sdl_hash', type: 'varchar', length: '64' },
          { name: 'timeout_ms', type: 'integer' },
          { name: 'grants', type: 'varchar', length: '100' },
          { name: 'secret_generation', type: 'integer' },
          at('added_at'),
          at('updated_at'),
          by('updated_by'),
        ],
        checks: [
          { name: 'ck_partner_status', expression: `status IN ('ACTIVE', 'REMOVED')` },
          { name: 'ck_partner_timeout', expression: 'timeout_ms BETWEEN 100 AND 60000' },
          { name: 'ck_partner_generation', expression: 'secret_generation >= 1' },
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'supergraph_revision',
        columns: [
          { name: 'revision', type: 'integer', isPrimary: true },
          { name: 'supergraph_sdl', type: 'text' },
          { name: 'core_hash', type: 'varchar', length: '64' },
          { name: 'partners', type: 'text' },
          { name: 'reason', type: 'varchar', length: '200' },
          at('created_at'),
          by('created_by'),
        ],
        checks: [{ name: 'ck_supergraph_revision', expression: 'revision >= 1' }],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'client_operation',
        columns: [
          { name: 'client', type: 'varchar', length: '64', isPrimary: true },
          { name: 'hash', type: 'varchar', length: '64', isPrimary: true },
          { name: 'name', type: 'varchar', length: '128' },
          { name: 'document', type: 'text' },
          at('registered_at'),
          by('registered_by'),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('client_operation');
    await queryRunner.dropTable('supergraph_revision');
    await queryRunner.dropTable('partner');
  }
}
