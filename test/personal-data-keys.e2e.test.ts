import type { DataSource } from 'typeorm';
import { secretFromEnv, type ViewerClaims } from '@skills-sichuan/runtime';
import { reencryptLegacyPersonalData } from '../subgraphs/training/src/migrations/1700000003300-ReencryptTraineeData';
import { LegacyV1Vault } from '../subgraphs/training/src/trainee/__tests__/legacy-v1-vault';
import {
  PersonalDataVault,
  personalDataVault,
  TRAINEE_KEY_VARIABLE,
  type PersonalData,
} from '../subgraphs/training/src/trainee/personal-data';
import { startGraph, type Graph } from './graph';

const MIGRATION = 'ReencryptTraineeData1700000003300';
/** records left as v2 when the rest is turned back into v1: the migration must leave them alone */
const ALREADY_V2 = 50;

interface StoredRecord {
  id: string;
  program_id: string;
  identity_hash: string;
  personal_cipher: string;
}

/** Rewrites records' protected columns, 2,000 to a statement. */
async function overwrite(db: DataSource, rows: { id: string; personalCipher: string; identityHash: string }[]) {
  const postgres = db.options.type === 'postgres';
  for (let i = 0; i < rows.length; i += 2_000) {
    const values: string[] = [];
    const tuples = rows.slice(i, i + 2_000).map((r) => {
      values.push(r.id, r.personalCipher, r.identityHash);
      const n = values.length;
      return postgres ? `($${n - 2}, $${n - 1}, $${n})` : '(?, ?, ?)';
    });
    await db.query(
      `WITH old (id, personal_cipher, identity_hash) AS (VALUES ${tuples.join(', ')}) ` +
        'UPDATE training_record SET personal_cipher = old.personal_cipher, identity_hash = old.identity_hash FROM old WHERE training_record.id = old.id',
      values,
    );
  }
}

/**
 * A database written before v2 (every record as the v1 vault wrote it: keys from a bare
 * HMAC of TRAINEE_DATA_KEY) after migration ReencryptTraineeData, through the gateway:
 * one format left, identity numbers and phones decrypt for the roles that may see them,
 * lookup by identity number finds the old records and the same person is still refused
 * twice in a program.
 */
describe('trainee personal data from v1 to v2 keys', () => {
  let graph: Graph;
  let db: DataSource;
  const vault = personalDataVault();
  const legacy = new LegacyV1Vault(secretFromEnv(TRAINEE_KEY_VARIABLE));
  const admin: ViewerClaims = { role: 'PROVINCIAL_ADMIN' as never };
  /** seeded records, as v1, with what they hold */
  let subjects: (StoredRecord & PersonalData & { organizationId: string; cityCode: string })[] = [];
  let keptV2: StoredRecord[] = [];
  let total = 0;

  const stored = async (): Promise<StoredRecord[]> =>
    db.query('SELECT id, program_id, identity_hash, personal_cipher FROM training_record ORDER BY id');
  const BY_IDENTITY = `query ($id: String) { trainingRecords(identityNumber: $id) { totalCount nodes { id trainee { identityNumber phone masked } } } }`;
  const BY_PROGRAM = `query ($programId: ID) { trainingRecords(programId: $programId, first: 500) { nodes { id trainee { identityNumber phone masked } } } }`;
  const RECORD = `mutation ($input: RecordTrainingInput!) { recordTraining(input: $input) { id } }`;

  beforeAll(async () => {
    graph = await startGraph();
    db = graph.subgraphs.training.db;
    const rows = await stored();
    total = rows.length;
    keptV2 = rows.slice(0, ALREADY_V2);
    const turned = rows.slice(ALREADY_V2).map((r) => ({ ...r, data: vault.reveal(r.personal_cipher) }));
    await overwrite(
      db,
      turned.map((r) => ({ id: r.id, ...legacy.protect(r.data) })),
    );
    const byId = new Map((await stored()).map((r) => [r.id, r]));
    const picked = turned
      .filter((r) => r.data.phone !== null)
      .filter((_, i) => i % 1000 === 0)
      .slice(0, 5);
    const programs: { id: string; provider_organization_id: string; city_code: string }[] = await db.query(
      'SELECT id, provider_organization_id, city_code FROM training_program',
    );
    const programOf = new Map(programs.map((p) => [p.id, p]));
    subjects = picked.map((r) => ({
      ...byId.get(r.id)!,
      ...r.data,
      organizationId: programOf.get(r.program_id)!.provider_organization_id,
      cityCode: programOf.get(r.program_id)!.city_code,
    }));
  });
  afterAll(() => graph?.stop());

  it('starts from a database of v1 records (a few already v2) that the service still reads', async () => {
    expect(total).toBeGreaterThan(10_000);
    expect(subjects).toHaveLength(5);
    const rows = await stored();
    expect(rows.filter((r) => PersonalDataVault.isLegacy(r.personal_cipher))).toHaveLength(total - ALREADY_V2);
    for (const s of subjects) {
      expect(s.personal_cipher).toMatch(/^v1\./);
      expect(s.identity_hash).toBe(legacy.identityHash(s.identityNumber));
      const { body } = await graph.query<{ trainingRecords: { nodes: { id: string; trainee: Record<string, unknown> }[] } }>(
        BY_PROGRAM,
        { programId: s.program_id },
        admin,
      );
      expect(body.errors).toBeUndefined();
      expect(body.data!.trainingRecords.nodes.find((n) => n.id === s.id)!.trainee).toEqual({
        identityNumber: s.identityNumber,
        phone: s.phone,
        masked: false,
      });
    }
    // the lookup hash changed with the key: without the migration old records are not found
    const { body } = await graph.query<{ trainingRecords: { totalCount: number } }>(BY_IDENTITY, { id: subjects[0].identityNumber }, admin);
    expect(body.data!.trainingRecords.totalCount).toBe(0);
  });

  it('fails on the first record under a wrong key, writing nothing', async () => {
    const before = await stored();
    const runner = db.createQueryRunner();
    try {
      await expect(reencryptLegacyPersonalData(runner, new PersonalDataVault('a wrong key of forty characters, at least'))).rejects.toThrow(
        /does not decrypt with this TRAINEE_DATA_KEY/,
      );
    } finally {
      await runner.release();
    }
    expect(await stored()).toEqual(before);
  });

  it('migrates as the service does at start: every record v2 with the v2 hash, nothing else touched', async () => {
    await db.query(`DELETE FROM schema_migrations WHERE name = '${MIGRATION}'`);
    const ran = await db.runMigrations({ transaction: 'each' });
    expect(ran.map((m) => m.name)).toEqual([MIGRATION]);
    const rows = await stored();
    expect(rows).toHaveLength(total);
    expect(rows.filter((r) => !r.personal_cipher.startsWith('v2.'))).toEqual([]);
    for (const r of rows) expect(r.identity_hash).toBe(vault.identityHash(vault.reveal(r.personal_cipher).identityNumber));
    const byId = new Map(rows.map((r) => [r.id, r]));
    for (const r of keptV2) expect(byId.get(r.id)).toEqual(r);
    // run again, it finds nothing to do
    await db.query(`DELETE FROM schema_migrations WHERE name = '${MIGRATION}'`);
    await db.runMigrations({ transaction: 'each' });
    expect(await stored()).toEqual(rows);
  });

  it('finds the old records by identity number, unmasked for PROVINCIAL_ADMIN and the running organisation; the city lists them masked', async () => {
    for (const s of subjects) {
      const as = async (viewer: ViewerClaims) => {
        const { body } = await graph.query<{
          trainingRecords: { totalCount: number; nodes: { id: string; trainee: Record<string, unknown> }[] };
        }>(BY_IDENTITY, { id: s.identityNumber }, viewer);
        expect(body.errors).toBeUndefined();
        return body.data!.trainingRecords.nodes.find((n) => n.id === s.id)?.trainee;
      };
      const clear = { identityNumber: s.identityNumber, phone: s.phone, masked: false };
      expect(await as(admin)).toEqual(clear);
      expect(await as({ role: 'BASE_OPERATOR' as never, org: s.organizationId })).toEqual(clear);
      // the city reads them masked, by program (lookup by number is not for a viewer who sees masks)
      const { body } = await graph.query<{ trainingRecords: { nodes: { id: string; trainee: Record<string, unknown> }[] } }>(
        BY_PROGRAM,
        { programId: s.program_id },
        { role: 'CITY_ADMIN' as never, city: s.cityCode },
      );
      expect(body.data!.trainingRecords.nodes.find((n) => n.id === s.id)?.trainee).toEqual({
        identityNumber: `**************${s.identityNumber.slice(-4)}`,
        phone: `${s.phone!.slice(0, 3)}****${s.phone!.slice(-4)}`,
        masked: true,
      });
    }
  });

  it('still refuses the same person twice in a program, and writes nothing', async () => {
    for (const s of subjects) {
      const { body } = await graph.query(
        RECORD,
        { input: { programId: s.program_id, traineeName: '王小川', identityNumber: s.identityNumber } },
        admin,
      );
      expect(body.errors?.[0].extensions?.code).toBe('CONFLICT');
      expect(body.errors?.[0].message).toMatch(/already recorded/);
    }
    expect(await stored()).toHaveLength(total);
  });
});
