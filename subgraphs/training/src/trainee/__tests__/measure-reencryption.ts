/**
 * How long migration ReencryptTraineeData takes as the service runs it at start: seeds a
 * training database at the scale given (1 = the plan, ~330,000 records), turns every
 * record back into what the v1 vault wrote, and times runMigrations. Not a test: run it
 *   npx tsc -b subgraphs/training && npx ts-node --transpile-only subgraphs/training/src/trainee/__tests__/measure-reencryption.ts [scale] [sqlite|postgres]
 * (PostgreSQL at TEST_DATABASE_URL or postgres://postgres@127.0.0.1:5432/postgres, in a schema dropped afterwards).
 */
import 'reflect-metadata';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DataSource } from 'typeorm';
import { createLogger, secretFromEnv } from '@skills-sichuan/runtime';
import { createDataSource, DEFAULT_PROGRAM, startSubgraph, type DatabaseTarget } from '@skills-sichuan/subgraph-kit';
import { training } from '../../subgraph';
import { personalDataVault, TRAINEE_KEY_VARIABLE } from '../personal-data';
import { LegacyV1Vault } from './legacy-v1-vault';

const MIGRATION = 'ReencryptTraineeData1700000003300';

async function main() {
  const scale = Number(process.argv[2] ?? '1');
  const kind = process.argv[3] ?? 'sqlite';
  const postgresUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'reencryption-')), 'training.sqlite');
  const target: DatabaseTarget =
    kind === 'postgres' ? { kind: 'postgres', url: postgresUrl, schema: `reencryption_${process.pid}` } : { kind: 'sqlite', file };
  const log = createLogger('training');

  let started = Date.now();
  const seeded = await startSubgraph(training, { database: target, program: { seed: DEFAULT_PROGRAM.seed, scale }, log });
  await seeded.stop();
  process.stdout.write(`seeded ${kind} at scale ${scale} in ${Date.now() - started} ms\n`);

  const db = createDataSource({ target, entities: training.entities, migrations: training.migrations, logger: log });
  await db.initialize();
  try {
    started = Date.now();
    const vault = personalDataVault();
    const legacy = new LegacyV1Vault(secretFromEnv(TRAINEE_KEY_VARIABLE));
    const rows: { id: string; personal_cipher: string }[] = await db.query('SELECT id, personal_cipher FROM training_record');
    const postgres = kind === 'postgres';
    await db.transaction(async (manager) => {
      for (let i = 0; i < rows.length; i += 2_000) {
        const values: string[] = [];
        const tuples = rows.slice(i, i + 2_000).map((r) => {
          const old = legacy.protect(vault.reveal(r.personal_cipher));
          values.push(r.id, old.personalCipher, old.identityHash);
          const n = values.length;
          return postgres ? `($${n - 2}, $${n - 1}, $${n})` : '(?, ?, ?)';
        });
        await manager.query(
          `WITH old (id, personal_cipher, identity_hash) AS (VALUES ${tuples.join(', ')}) ` +
            'UPDATE training_record SET personal_cipher = old.personal_cipher, identity_hash = old.identity_hash FROM old WHERE training_record.id = old.id',
          values,
        );
      }
      await manager.query(`DELETE FROM schema_migrations WHERE name = '${MIGRATION}'`);
    });
    process.stdout.write(`turned ${rows.length} records into v1 in ${Date.now() - started} ms\n`);

    started = Date.now();
    // as openDatabase runs them at start
    await db.runMigrations({ transaction: 'each' });
    const ms = Date.now() - started;
    const [{ n }] = await db.query(`SELECT COUNT(*) AS n FROM training_record WHERE personal_cipher LIKE 'v2.%'`);
    process.stdout.write(
      `migration ${MIGRATION}: ${rows.length} records v1 → v2 in ${ms} ms (${Math.round((ms / rows.length) * 1000)} µs a record); v2 now ${n}\n`,
    );
  } finally {
    await db.destroy();
    if (target.kind === 'postgres') {
      const admin = new DataSource({ type: 'postgres', url: postgresUrl });
      await admin.initialize();
      await admin.query(`DROP SCHEMA IF EXISTS "${target.schema}" CASCADE`);
      await admin.destroy();
    } else {
      fs.rmSync(path.dirname(file), { recursive: true, force: true });
    }
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
