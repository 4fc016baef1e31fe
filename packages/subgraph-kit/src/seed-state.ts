import { Column, Entity, PrimaryGeneratedColumn, Table, type MigrationInterface, type QueryRunner } from 'typeorm';

/** Which program a database was seeded with; its presence means "do not seed again". */
@Entity('program_seed')
export class ProgramSeed {
  @PrimaryGeneratedColumn()
  id: number;

  @Column('integer')
  seed: number;

  @Column('double precision')
  scale: number;

  @Column('varchar', { name: 'seeded_at', length: 32 })
  seededAt: string;
}

export class CreateProgramSeed1700000000000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'program_seed',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
          { name: 'seed', type: 'integer' },
          { name: 'scale', type: 'double precision' },
          { name: 'seeded_at', type: 'varchar', length: '32' },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('program_seed');
  }
}
