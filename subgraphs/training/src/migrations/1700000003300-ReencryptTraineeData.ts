import type { MigrationInterface, QueryRunner } from 'typeorm';
import { personalDataVault, PersonalDataVault } from '../trainee/personal-data';

/** Rows read and rewritten per round: 2,000 × 3 parameters stays far under both databases' limits. */
export const REENCRYPTION_BATCH = 2_000;

/**
 * Rewrites every v1 record (keys from a bare HMAC of TRAINEE_DATA_KEY) as v2 (HKDF keys):
 * a new ciphertext and the identity_hash that goes with it, so lookup and the
 * one-person-once-per-program rule see one kind of hash. Rounds of `batch` rows in id
 * order (keyset, never OFFSET), each one SELECT and one UPDATE; v2 rows are left as they are.
 * Returns the number of rows rewritten.
 */
export async function reencryptLegacyPersonalData(
  queryRunner: QueryRunner,
  vault: PersonalDataVault,
  batch = REENCRYPTION_BATCH,
): Promise<number> {
  const postgres = queryRunner.connection.options.type === 'postgres';
  const param = (n: number) => (postgres ? `$${n}` : '?');
  const select = `SELECT id, personal_cipher FROM training_record WHERE id > ${param(1)} AND personal_cipher LIKE 'v1.%' ORDER BY id LIMIT ${batch}`;
  let after = '';
  let rewritten = 0;
  for (;;) {
    const rows = (await queryRunner.query(select, [after])) as { id: string; personal_cipher: string }[];
    if (rows.length === 0) break;
    const values: string[] = [];
    const tuples = rows.map(({ id, personal_cipher }) => {
      const { personalCipher, identityHash } = vault.reprotect(personal_cipher);
      values.push(id, personalCipher, identityHash);
      const n = values.length;
      return `(${param(n - 2)}, ${param(n - 1)}, ${param(n)})`;
    });
    const last = rows[rows.length - 1].id;
    values.push(after, last);
    // one statement a round; SQLite (3.33+) and PostgreSQL both take UPDATE … FROM a named
    // VALUES list. The round's id range keeps PostgreSQL on the primary key: without it, it
    // hash-joins the list against a scan of the whole table, every round.
    await queryRunner.query(
      `WITH v2 (id, personal_cipher, identity_hash) AS (VALUES ${tuples.join(', ')}) ` +
        'UPDATE training_record SET personal_cipher = v2.personal_cipher, identity_hash = v2.identity_hash FROM v2 ' +
        `WHERE training_record.id = v2.id AND training_record.id > ${param(values.length - 1)} AND training_record.id <= ${param(values.length)}`,
      values,
    );
    rewritten += rows.length;
    after = last;
    if (rows.length < batch) break;
  }
  return rewritten;
}

/**
 * Trainee personal data from v1 to v2 (trainee/personal-data.ts). It needs the
 * TRAINEE_DATA_KEY the data was written with, read the way the service reads it; a wrong
 * key fails the first decryption, rolls the migration back and stops the start-up.
 * Instances still running the v1 code must be stopped first: what they write after it
 * runs carries a v1 hash that lookup and the uniqueness rule no longer see.
 */
export class ReencryptTraineeData1700000003300 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    const started = Date.now();
    const rewritten = await reencryptLegacyPersonalData(queryRunner, personalDataVault());
    if (rewritten > 0)
      queryRunner.connection.logger.logMigration(`re-encrypted ${rewritten} trainee records from v1 to v2 in ${Date.now() - started} ms`);
  }

  async down(): Promise<void> {
    // writing v1 again would need v1's keys, which are kept for reading only
    throw new Error('trainee personal data stays v2: to run code older than v2, restore a backup taken before this migration');
  }
}
