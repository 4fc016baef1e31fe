import { signToken, tokenConfigFromEnv, type SecretTokenConfig } from '@skills-sichuan/gateway';
import { type ViewerClaims } from '@skills-sichuan/runtime';
import { generateProgram } from './program';
import { identityCheckCharacter } from '../subgraphs/training/src/trainee/identity-number';
import { startGraph, TEST_PROGRAM, usingPostgres, type Graph, type GraphResponse } from './graph';

/** a valid identity number (GB 11643) of 锦江区, born on the day given */
const identity = (birth: string, sequence: number) => {
  const first17 = `510104${birth.replace(/-/g, '')}${String(sequence).padStart(3, '0')}`;
  return first17 + identityCheckCharacter(first17);
};

const codeOf = (response: GraphResponse<unknown>) => response.body.errors?.[0]?.extensions?.code;

/**
 * Issue 12, findings 5, 7 and 9, tried through the gateway as the penetration test did:
 * identity numbers are neither looked up nor confirmed for a viewer who sees them masked;
 * a CSV import of the documented size gets through; dates after today, control and bidi
 * characters in names, and city codes outside Sichuan's 21 市州 are refused, with nothing written.
 */
describe('input and oracle hardening (issue 12)', () => {
  let graph: Graph;
  const program = generateProgram(TEST_PROGRAM);
  const base = program.bases.find((b) => b.status === 'ACTIVE' && b.tier === 'MAIN')!;
  const brand = program.brands.find((b) => b.id === base.brandId)!;
  const operator: ViewerClaims = { role: 'BASE_OPERATOR' as never, org: base.operatorId };
  const cityAdmin: ViewerClaims = { role: 'CITY_ADMIN' as never, city: base.cityCode };
  const admin: ViewerClaims = { role: 'PROVINCIAL_ADMIN' as never };
  const known = identity('1998-09-26', 825);
  let programId = '';

  const RECORD = `mutation ($input: RecordTrainingInput!) { recordTraining(input: $input) { id trainee { name identityNumber masked } } }`;
  const IMPORT = `mutation ($csv: String!) { importTrainingRecords(csv: $csv) { imported programs } }`;
  const HEADER = 'program_id,trainee_name,identity_number,phone,completed_on';

  const count = async (subgraph: 'training' | 'brands', table: string) => {
    const [{ n }] = await graph.subgraphs[subgraph].db.query(`SELECT COUNT(*) AS n FROM ${table}`);
    return Number(n);
  };
  const records = () => count('training', 'training_record');

  /** A program of the base, registered and ONGOING, as its operator runs one: records can be written to it. */
  const ongoingProgram = async (startOn: string, endOn: string, capacity: number): Promise<string> => {
    const input = { brandId: base.brandId, baseId: base.id, occupation: brand.occupations[0], level: 4, startOn, endOn, capacity };
    const registered = await graph.query<{ registerTrainingProgram: { id: string } }>(
      `mutation ($input: RegisterTrainingProgramInput!) { registerTrainingProgram(input: $input) { id } }`,
      { input },
      operator,
    );
    expect(registered.body.errors).toBeUndefined();
    const id = registered.body.data!.registerTrainingProgram.id;
    const status = `mutation ($id: ID!) { changeTrainingProgramStatus(id: $id, status: ONGOING) { status } }`;
    expect((await graph.query(status, { id }, operator)).body.errors).toBeUndefined();
    return id;
  };

  beforeAll(async () => {
    graph = await startGraph();
    programId = await ongoingProgram('2025-03-01', '2025-03-20', 3000);
    const recorded = await graph.query(RECORD, { input: { programId, traineeName: '王小川', identityNumber: known } }, operator);
    expect(recorded.body.errors).toBeUndefined();
  });
  afterAll(() => graph?.stop());

  describe('finding 5: no identity-number oracle for a CITY_ADMIN', () => {
    const BY_NUMBER = `query ($id: String) { trainingRecords(identityNumber: $id) { totalCount } }`;

    it('refuses a CITY_ADMIN the lookup by number, alike for a recorded and an unrecorded one', async () => {
      const hit = await graph.query(BY_NUMBER, { id: known }, cityAdmin);
      const miss = await graph.query(BY_NUMBER, { id: identity('1998-09-27', 825) }, cityAdmin);
      expect([hit.status, codeOf(hit)]).toEqual([200, 'FORBIDDEN']);
      expect(hit.body.data).toBeNull();
      const answer = (r: typeof hit) => r.body.errors!.map(({ message, extensions }) => ({ message, ...extensions, requestId: undefined }));
      expect(answer(miss)).toEqual(answer(hit));
    });

    it('still answers the lookup to PROVINCIAL_ADMIN and the program’s BASE_OPERATOR, who see the number anyway', async () => {
      for (const viewer of [admin, operator]) {
        const { body } = await graph.query<{ trainingRecords: { totalCount: number } }>(BY_NUMBER, { id: known }, viewer);
        expect(body.data!.trainingRecords.totalCount).toBe(1);
      }
    });

    it('shows a CITY_ADMIN only the last four characters: neither region nor birth date', async () => {
      const { body } = await graph.query<{ trainingRecords: { nodes: { trainee: { identityNumber: string; masked: boolean } }[] } }>(
        `query ($p: ID) { trainingRecords(programId: $p) { nodes { trainee { identityNumber masked } } } }`,
        { p: programId },
        cityAdmin,
      );
      const shown = body.data!.trainingRecords.nodes.map((n) => n.trainee);
      expect(shown).toContainEqual({ identityNumber: `**************${known.slice(-4)}`, masked: true });
      for (const { identityNumber } of shown) expect(identityNumber).toMatch(/^\*{14}[\dX]{4}$/);
    });

    it.each([
      [
        'recordTraining of a recorded number',
        () => graph.query(RECORD, { input: { programId, traineeName: '甲', identityNumber: known } }, cityAdmin),
      ],
      [
        'recordTraining of a new number',
        () => graph.query(RECORD, { input: { programId, traineeName: '甲', identityNumber: identity('1990-01-01', 11) } }, cityAdmin),
      ],
      ['an import of a recorded number', () => graph.query(IMPORT, { csv: `${HEADER}\n${programId},甲,${known},,` }, cityAdmin)],
      [
        'an import of a new number',
        () => graph.query(IMPORT, { csv: `${HEADER}\n${programId},甲,${identity('1990-01-01', 12)},,` }, cityAdmin),
      ],
    ])('refuses a CITY_ADMIN %s (FORBIDDEN, never CONFLICT) and writes nothing', async (_what, send) => {
      const before = await records();
      const response = await send();
      expect([response.status, codeOf(response)]).toEqual([200, 'FORBIDDEN']);
      expect(JSON.stringify(response.body)).not.toContain(known);
      expect(await records()).toBe(before);
    });
  });

  describe('finding 9a: an import of the documented size', () => {
    it('takes a 1,000-row CSV (well past the 10,000-character string limit) in one import', async () => {
      const rows = Array.from(
        { length: 1000 },
        (_, i) =>
          `${programId},学员${i},${identity(`1990-01-${String(1 + (i % 28)).padStart(2, '0')}`, 100 + Math.floor(i / 28))},,2025-03-20`,
      );
      const csv = [HEADER, ...rows].join('\n');
      expect(csv.length).toBeGreaterThan(60_000);
      const before = await records();
      const response = await graph.query(IMPORT, { csv }, operator);
      expect(response.body.errors).toBeUndefined();
      expect(response.body.data).toEqual({ importTrainingRecords: { imported: 1000, programs: 1 } });
      expect(await records()).toBe(before + 1000);
    });

    it('keeps the ordinary limit for every other string, and for a variable that feeds the import and another argument too', async () => {
      const long = 'x'.repeat(10_001);
      const name = await graph.query(
        RECORD,
        { input: { programId, traineeName: long, identityNumber: identity('1990-02-01', 1) } },
        operator,
      );
      expect([name.status, codeOf(name)]).toEqual([400, 'BAD_USER_INPUT']);
      const shared = await graph.query(
        `mutation ($csv: String!) { importTrainingRecords(csv: $csv) { imported } recordTraining(input: { programId: "${programId}", traineeName: $csv, identityNumber: "${identity('1990-02-01', 2)}" }) { id } }`,
        { csv: `${HEADER}\n${'x'.repeat(10_001)}` },
        operator,
      );
      expect([shared.status, codeOf(shared)]).toEqual([400, 'BAD_USER_INPUT']);
    });
  });

  describe('finding 9a: the documented maximum, 5,000 rows with every column, at the default limits', () => {
    const FULL_HEADER = 'program_id,trainee_name,identity_number,phone,completed_on,certificate,certificate_number,employment';
    const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '欧阳', '司马'];
    const GIVEN = ['小川', '建国', '秀英', '子涵', '雨桐', '志强', '丽', '浩然', '思远', '晓燕'];
    const CERTIFICATES = ['SKILL_LEVEL', 'SPECIAL_ABILITY', 'TRAINING'];
    const OUTCOMES = ['EMPLOYED', 'SELF_EMPLOYED', 'RETAINED', 'FURTHER_STUDY', 'SEEKING'];
    /** a base's file: every column filled, 2–4-character names, 22-character certificate numbers (职业技能等级证书 style) */
    const fullCsv = (program: string, rows: number, firstSequence: number) =>
      [
        FULL_HEADER,
        ...Array.from({ length: rows }, (_, i) => {
          const day = new Date(Date.UTC(1985, 0, 1 + (i % 3650))).toISOString().slice(0, 10);
          return [
            program,
            SURNAMES[i % SURNAMES.length] + GIVEN[(i * 7) % GIVEN.length],
            identity(day, firstSequence + Math.floor(i / 3650)),
            `13${String(800_000_000 + i * 37).slice(0, 9)}`,
            '2025-06-20',
            CERTIFICATES[i % 3],
            `S0000510104${String(2025_000_000 + i).padStart(11, '0')}`,
            OUTCOMES[i % 5],
          ].join(',');
        }),
      ].join('\n');
    const bodyBytes = (query: string, variables: Record<string, unknown>) => Buffer.byteLength(JSON.stringify({ query, variables }));
    let bigProgramId = '';
    const recordsOf = async (program: string) => {
      const [{ n }] = await graph.subgraphs.training.db.query(
        `SELECT COUNT(*) AS n FROM training_record WHERE program_id = ${usingPostgres ? '$1' : '?'}`,
        [program],
      );
      return Number(n);
    };

    beforeAll(async () => {
      bigProgramId = await ongoingProgram('2025-06-01', '2025-06-20', 10_000);
    });

    it('refuses 5,001 rows (over MAX_IMPORT_ROWS, not over the body limit), writing nothing', async () => {
      const csv = fullCsv(bigProgramId, 5001, 300);
      expect(bodyBytes(IMPORT, { csv })).toBeGreaterThan(256 * 1024);
      const response = await graph.query(IMPORT, { csv }, operator);
      expect([response.status, codeOf(response)]).toEqual([200, 'BAD_USER_INPUT']);
      expect(response.body.errors![0].message).toMatch(/at most 5000 records/);
      expect(await recordsOf(bigProgramId)).toBe(0);
    });

    it('takes 5,000 rows with every column as the program’s BASE_OPERATOR, about 700 KB of body', async () => {
      const csv = fullCsv(bigProgramId, 5000, 300);
      expect(csv.length).toBeGreaterThan(600_000);
      expect(bodyBytes(IMPORT, { csv })).toBeGreaterThan(650_000);
      const response = await graph.query(IMPORT, { csv }, operator);
      expect(response.body.errors).toBeUndefined();
      expect(response.body.data).toEqual({ importTrainingRecords: { imported: 5000, programs: 1 } });
      expect(await recordsOf(bigProgramId)).toBe(5000);
    });

    it('still refuses a body of that size for anything but an import: another field, an extra variable, another mutation', async () => {
      const csv = fullCsv(bigProgramId, 5000, 400);
      const before = await records();
      const tooLarge = [
        graph.query(
          `mutation ($csv: String!) { importTrainingRecords(csv: $csv) { imported } recordTraining(input: { programId: "${bigProgramId}", traineeName: "王五", identityNumber: "${identity('1970-01-01', 1)}" }) { id } }`,
          { csv },
          operator,
        ),
        graph.query(IMPORT, { csv: `${FULL_HEADER}\n`, pad: csv }, operator),
        graph.query(RECORD, { input: { programId: bigProgramId, traineeName: csv, identityNumber: identity('1970-01-01', 2) } }, operator),
        graph.query(`query ($csv: String) { promotionEvents(first: 1, cityCode: $csv) { totalCount } }`, { csv }),
      ];
      for (const response of await Promise.all(tooLarge)) expect([response.status, codeOf(response)]).toEqual([413, 'PAYLOAD_TOO_LARGE']);
      expect(await records()).toBe(before);
    });
  });

  describe('finding 9b: completion dates after today', () => {
    it('refuses completedOn 9999-12-31 in recordTraining and in an import, writing nothing', async () => {
      const before = await records();
      const single = await graph.query(
        RECORD,
        { input: { programId, traineeName: '李四', identityNumber: identity('1991-05-05', 5), completedOn: '9999-12-31' } },
        operator,
      );
      expect([single.status, codeOf(single)]).toEqual([200, 'BAD_USER_INPUT']);
      expect(single.body.errors![0].message).toMatch(/after today/);
      const file = await graph.query(IMPORT, { csv: `${HEADER}\n${programId},李四,${identity('1991-05-05', 6)},,9999-12-31` }, operator);
      expect([file.status, codeOf(file)]).toEqual([200, 'BAD_USER_INPUT']);
      expect(file.body.errors![0].extensions!.rows).toEqual([expect.objectContaining({ line: 2, column: 'completed_on' })]);
      expect(await records()).toBe(before);
    });
  });

  describe('finding 9c: control, bidi, zero-width characters and lone surrogates in names', () => {
    it.each([
      ['NUL', '王\u0000五'],
      ['a right-to-left override', '王\u202e五'],
      ['a left-to-right isolate', '王\u2066五'],
      ['a zero-width space', '王\u200b五'],
      ['a byte-order mark', '王\ufeff五'],
      ['a lone surrogate', '王\ud800五'],
    ])('refuses %s in a trainee name with BAD_USER_INPUT (not INTERNAL), in recordTraining and an import', async (_what, name) => {
      const before = await records();
      const single = await graph.query(
        RECORD,
        { input: { programId, traineeName: name, identityNumber: identity('1992-06-06', 7) } },
        operator,
      );
      expect([single.status, codeOf(single)]).toEqual([200, 'BAD_USER_INPUT']);
      const file = await graph.query(IMPORT, { csv: `${HEADER}\n${programId},${name},${identity('1992-06-06', 8)},,` }, operator);
      expect(codeOf(file)).toBe('BAD_USER_INPUT');
      expect(await records()).toBe(before);
    });

    it('stores a name NFC-normalised', async () => {
      const response = await graph.query<{ recordTraining: { trainee: { name: string } } }>(
        RECORD,
        { input: { programId, traineeName: 'Rene\u0301', identityNumber: identity('1992-07-07', 9) } },
        operator,
      );
      expect(response.body.data!.recordTraining.trainee.name).toBe('Ren\u00e9');
    });

    it('refuses a bidi override in another subgraph’s free text (a promotion event’s title) through the kit', async () => {
      const before = await count('training', 'promotion_event');
      const response = await graph.query(
        `mutation ($b: ID!) { recordPromotionEvent(input: { kind: FORUM, title: "论坛\u202e", brandId: $b, cityCode: "${base.cityCode}", heldOn: "2025-05-01", reach: 10 }) { id } }`,
        { b: base.brandId },
        admin,
      );
      expect(codeOf(response)).toBe('BAD_USER_INPUT');
      expect(await count('training', 'promotion_event')).toBe(before);
    });
  });

  describe('finding 7: city codes outside Sichuan’s 21 市州', () => {
    it('refuses a promotion event in 999999, writes nothing, and public promotionEvents pages keep answering', async () => {
      const before = await count('training', 'promotion_event');
      const response = await graph.query(
        `mutation ($b: ID!) { recordPromotionEvent(input: { kind: FORUM, title: "毒化", brandId: $b, cityCode: "999999", heldOn: "2025-05-01", reach: 10 }) { id } }`,
        { b: base.brandId },
        admin,
      );
      expect([response.status, codeOf(response)]).toEqual([200, 'BAD_USER_INPUT']);
      expect(await count('training', 'promotion_event')).toBe(before);
      const page = await graph.query<{ promotionEvents: { nodes: unknown[] } }>(
        `{ promotionEvents(first: 100) { nodes { id city { code name } } } }`,
      );
      expect(page.body.errors).toBeUndefined();
      expect(page.body.data!.promotionEvents.nodes.length).toBeGreaterThan(0);
    });

    it('answers a public list whose row (written before codes were checked) names an unknown city, that row’s city a stand-in', async () => {
      const events = graph.subgraphs.training.db.getRepository('PromotionEvent');
      const [first] = await events.find({ order: { heldOn: 'DESC', id: 'ASC' }, take: 1 });
      const poison = { ...first, id: '00000000-0000-4000-8000-000000000999', cityCode: '999999', heldOn: '2099-01-01' };
      await events.insert(poison);
      try {
        const page = await graph.query<{ promotionEvents: { nodes: { id: string; city: { code: string; name: string } }[] } }>(
          `{ promotionEvents(first: 100) { nodes { id city { code name } } } }`,
        );
        expect(page.body.errors).toBeUndefined();
        const nodes = page.body.data!.promotionEvents.nodes;
        expect(nodes.find((n) => n.id === poison.id)?.city).toEqual({ code: '999999', name: '999999' });
        expect(nodes.filter((n) => n.id !== poison.id).every((n) => n.city.name.endsWith('市') || n.city.name.endsWith('州'))).toBe(true);
      } finally {
        await events.delete({ id: poison.id });
      }
    });

    it('refuses an infringement report and a cluster usage standard in 999999, writing nothing', async () => {
      const reports = await count('brands', 'infringement_report');
      const standards = await count('brands', 'cluster_usage_standard');
      const report = await graph.query(
        `mutation ($b: ID!) { fileInfringementReport(input: { brandId: $b, reporter: "群众举报", suspect: "某培训机构", description: "冒用品牌标识招揽学员", cityCode: "999999", filedOn: "2026-02-01" }) { id } }`,
        { b: base.brandId },
        admin,
      );
      expect([report.status, codeOf(report)]).toEqual([200, 'BAD_USER_INPUT']);
      const standard = await graph.query(
        `mutation ($b: ID!) { addClusterUsageStandard(input: { brandId: $b, cluster: "某产业集群", cityCode: "999999", requirements: "共建实训岗位", effectiveFrom: "2026-01-01" }) { id } }`,
        { b: base.brandId },
        admin,
      );
      expect([standard.status, codeOf(standard)]).toEqual([200, 'BAD_USER_INPUT']);
      expect(await count('brands', 'infringement_report')).toBe(reports);
      expect(await count('brands', 'cluster_usage_standard')).toBe(standards);
    });

    it('refuses a CITY_ADMIN token whose city claim is not one of the 21 市州', async () => {
      const token = tokenConfigFromEnv({ JWT_SECRET: graph.secrets.jwt }) as SecretTokenConfig;
      const jwt = await signToken({ sub: 'mallory', role: 'CITY_ADMIN', city: '999999' }, token, 600);
      const response = await fetch(graph.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${jwt}` },
        body: JSON.stringify({ query: '{ promotionEvents(first: 1) { totalCount } }' }),
      });
      const body = (await response.json()) as GraphResponse<unknown>['body'];
      expect([response.status, body.errors?.[0]?.extensions?.code]).toEqual([401, 'UNAUTHENTICATED']);
    });
  });
});
