import { randomUUID } from 'node:crypto';
import { type ViewerClaims } from '@skills-sichuan/runtime';
import { generateProgram } from './program';
import { identityCheckCharacter } from '../subgraphs/training/src/trainee/identity-number';
import { ServiceType } from '../subgraphs/bases/src/institution/institution.enums';
import { sqlDuring, startGraph, TEST_PROGRAM, usingPostgres, type Graph, type Json } from './graph';

/** 17 digits + GB 11643 check character: a valid identity number born on the given day in 锦江区 */
const identity = (birth: string, sequence: number) => {
  const first17 = `510104${birth.replace(/-/g, '')}${String(sequence).padStart(3, '0')}`;
  return first17 + identityCheckCharacter(first17);
};
const withWrongCheck = (valid: string) => valid.slice(0, 17) + (valid[17] === '0' ? '1' : '0');

/**
 * Training programs and person-time records through the gateway: who may register and
 * record what, personal data stored protected and shown masked, the all-or-nothing CSV
 * import, the progress rollup, and the totals of bases and institutions.
 */
describe('training programs and records', () => {
  let graph: Graph;
  const program = generateProgram(TEST_PROGRAM);
  const brandOf = (id: string) => program.brands.find((b) => b.id === id)!;
  const base = program.bases.find((b) => b.status === 'ACTIVE' && b.tier === 'MAIN')!;
  const otherCityBase = program.bases.find(
    (b) => b.status === 'ACTIVE' && b.cityCode !== base.cityCode && b.operatorId !== base.operatorId,
  )!;
  const inactiveBase = program.bases.find((b) => b.status !== 'ACTIVE' && b.operatorId !== base.operatorId)!;
  const institution = program.institutions.find((i) => i.status === 'ACTIVE' && i.services.includes(ServiceType.TRAINING))!;
  const operator: ViewerClaims = { role: 'BASE_OPERATOR' as never, org: base.operatorId };
  const strangerOperator: ViewerClaims = { role: 'BASE_OPERATOR' as never, org: otherCityBase.operatorId };
  const cityAdmin: ViewerClaims = { role: 'CITY_ADMIN' as never, city: base.cityCode };
  const otherCityAdmin: ViewerClaims = { role: 'CITY_ADMIN' as never, city: otherCityBase.cityCode };
  const admin: ViewerClaims = { role: 'PROVINCIAL_ADMIN' as never };

  const counts = async () => {
    const db = graph.subgraphs.training.db;
    const [{ n: records }] = await db.query('SELECT COUNT(*) AS n FROM training_record');
    const [{ n: programs }] = await db.query('SELECT COUNT(*) AS n FROM training_program');
    const [{ n: rollup }] = await db.query('SELECT SUM(person_times) AS n FROM training_program');
    return { records: Number(records), programs: Number(programs), rollup: Number(rollup) };
  };

  const REGISTER = `mutation ($input: RegisterTrainingProgramInput!) { registerTrainingProgram(input: $input) { id status personTimes year capacity brand { id } provider { __typename ... on Base { id } ... on Institution { id } } } }`;
  const registerInput = (overrides: Record<string, unknown> = {}) => ({
    brandId: base.brandId,
    baseId: base.id,
    occupation: brandOf(base.brandId).occupations[0],
    level: 4,
    startOn: '2025-03-01',
    endOn: '2025-03-20',
    capacity: 3,
    ...overrides,
  });
  const STATUS = `mutation ($id: ID!, $status: TrainingProgramStatus!) { changeTrainingProgramStatus(id: $id, status: $status) { status } }`;
  const RECORD = `mutation ($input: RecordTrainingInput!) { recordTraining(input: $input) { id completed completedOn certificate employment trainee { name identityNumber phone masked } program { id personTimes } } }`;
  const IMPORT = `mutation ($csv: String!) { importTrainingRecords(csv: $csv) { imported programs } }`;

  let programId = '';

  beforeAll(async () => {
    graph = await startGraph();
    const { body } = await graph.query<{ registerTrainingProgram: { id: string } }>(
      REGISTER,
      { input: registerInput({ capacity: 40 }) },
      operator,
    );
    expect(body.errors).toBeUndefined();
    programId = body.data!.registerTrainingProgram.id;
    expect((await graph.query(STATUS, { id: programId, status: 'ONGOING' }, operator)).body.errors).toBeUndefined();
  });
  afterAll(() => graph?.stop());

  describe('registering a program', () => {
    it('lets a BASE_OPERATOR register one for its own ACTIVE base: PLANNED, no person-times, the base as provider', async () => {
      const { body } = await graph.query<{ registerTrainingProgram: Record<string, Json> }>(REGISTER, { input: registerInput() }, operator);
      expect(body.errors).toBeUndefined();
      expect(body.data!.registerTrainingProgram).toMatchObject({
        status: 'PLANNED',
        personTimes: 0,
        year: 2025,
        capacity: 3,
        brand: { id: base.brandId },
        provider: { __typename: 'Base', id: base.id },
      });
    });

    it('lets a CITY_ADMIN register one for an institution in its city', async () => {
      const { body } = await graph.query<{ registerTrainingProgram: Record<string, Json> }>(
        REGISTER,
        { input: registerInput({ baseId: null, institutionId: institution.id, brandId: institution.brandIds[0] }) },
        { role: 'CITY_ADMIN' as never, city: institution.cityCode },
      );
      expect(body.errors).toBeUndefined();
      expect(body.data!.registerTrainingProgram.provider).toEqual({ __typename: 'Institution', id: institution.id });
    });

    it.each([
      ['a BASE_OPERATOR of another organisation', () => strangerOperator, () => registerInput(), 'FORBIDDEN'],
      ['a CITY_ADMIN of another city', () => otherCityAdmin, () => registerInput(), 'FORBIDDEN'],
      ['the PUBLIC', () => undefined, () => registerInput(), 'UNAUTHENTICATED'],
      ['an ASSESSOR', () => ({ role: 'ASSESSOR' }) as ViewerClaims, () => registerInput(), 'FORBIDDEN'],
      ['an unknown base', () => admin, () => registerInput({ baseId: '00000000-0000-4000-8000-000000000000' }), 'NOT_FOUND'],
      [
        'a base that is not ACTIVE',
        () => admin,
        () => registerInput({ baseId: inactiveBase.id, brandId: inactiveBase.brandId }),
        'BAD_USER_INPUT',
      ],
      [
        'a brand the base does not serve',
        () => operator,
        () => registerInput({ brandId: program.brands.find((b) => b.id !== base.brandId)!.id }),
        'BAD_USER_INPUT',
      ],
      ['a negative capacity', () => operator, () => registerInput({ capacity: -5 }), 'BAD_USER_INPUT'],
      ['an end before the start', () => operator, () => registerInput({ endOn: '2025-02-01' }), 'BAD_USER_INPUT'],
      ['both a base and an institution', () => admin, () => registerInput({ institutionId: institution.id }), 'BAD_USER_INPUT'],
    ])('refuses %s and writes nothing', async (_case, viewer, input, code) => {
      const before = await counts();
      const { body } = await graph.query(REGISTER, { input: input() }, viewer());
      expect(body.errors?.[0].extensions?.code).toBe(code);
      expect(await counts()).toEqual(before);
    });

    it('moves a program PLANNED → ONGOING → COMPLETED and refuses a move back', async () => {
      const { body } = await graph.query<{ registerTrainingProgram: { id: string } }>(REGISTER, { input: registerInput() }, operator);
      const id = body.data!.registerTrainingProgram.id;
      expect((await graph.query(STATUS, { id, status: 'ONGOING' }, cityAdmin)).body.data).toEqual({
        changeTrainingProgramStatus: { status: 'ONGOING' },
      });
      expect((await graph.query(STATUS, { id, status: 'COMPLETED' }, operator)).body.data).toEqual({
        changeTrainingProgramStatus: { status: 'COMPLETED' },
      });
      expect((await graph.query(STATUS, { id, status: 'ONGOING' }, operator)).body.errors?.[0].extensions?.code).toBe('INVALID_TRANSITION');
      expect((await graph.query(STATUS, { id, status: 'CANCELLED' }, strangerOperator)).body.errors?.[0].extensions?.code).toBe(
        'FORBIDDEN',
      );
    });
  });

  describe('recording a person-time', () => {
    const trainee = { traineeName: '王小川', identityNumber: identity('1990-05-17', 123), phone: '13812345678' };

    it('stores the trainee protected, counts the person-time and answers unmasked to the base’s own operator', async () => {
      const before = await counts();
      const { body } = await graph.query<{ recordTraining: Record<string, Json> }>(
        RECORD,
        { input: { programId, ...trainee, completedOn: '2025-03-20', certificate: 'SKILL_LEVEL', employment: 'EMPLOYED' } },
        operator,
      );
      expect(body.errors).toBeUndefined();
      expect(body.data!.recordTraining).toMatchObject({
        completed: true,
        completedOn: '2025-03-20',
        certificate: 'SKILL_LEVEL',
        employment: 'EMPLOYED',
        trainee: { name: '王小川', identityNumber: trainee.identityNumber, phone: trainee.phone, masked: false },
        program: { id: programId, personTimes: 1 },
      });
      expect(await counts()).toEqual({ ...before, records: before.records + 1, rollup: before.rollup + 1 });
      // nothing in the table holds the number or the phone in clear
      const rows = await graph.subgraphs.training.db.query(
        'SELECT * FROM training_record WHERE id = $1'.replace('$1', graph.subgraphs.training.db.options.type === 'postgres' ? '$1' : '?'),
        [body.data!.recordTraining.id],
      );
      const stored = JSON.stringify(rows[0]);
      expect(stored).not.toContain(trainee.identityNumber);
      expect(stored).not.toContain(trainee.phone);
      expect(stored).toContain('5101**********');
    });

    it('lists records by program, then id, the same over pages', async () => {
      const LIST = `query ($first: Int!, $after: String) { trainingRecords(first: $first, after: $after) { totalCount pageInfo { endCursor hasNextPage } nodes { id program { id } } } }`;
      type Listed = {
        trainingRecords: {
          totalCount: number;
          pageInfo: { endCursor: string | null; hasNextPage: boolean };
          nodes: { id: string; program: { id: string } }[];
        };
      };
      const paged: Listed['trainingRecords']['nodes'] = [];
      let after: string | null = null;
      let total: number;
      do {
        const page: Listed['trainingRecords'] = (await graph.query<Listed>(LIST, { first: 500, after }, admin)).body.data!.trainingRecords;
        paged.push(...page.nodes);
        total = page.totalCount;
        after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
      } while (after);
      expect(paged).toHaveLength(total);
      expect(new Set(paged.map((r) => r.program.id)).size).toBeGreaterThan(1);
      const key = (r: { id: string; program: { id: string } }) => `${r.program.id} ${r.id}`;
      expect(paged.map(key)).toEqual(paged.map(key).sort());
    });

    it('reads a page in one statement, its count in the same one when totalCount is asked', async () => {
      const page = 'query { trainingRecords(first: 20) { nodes { id } } }';
      const counted = 'query { trainingRecords(first: 20) { totalCount nodes { id } } }';
      const [{ n: records }] = await graph.subgraphs.training.db.query('SELECT COUNT(*) AS n FROM training_record');
      const without = await sqlDuring(graph, async () => expect((await graph.query(page, {}, admin)).body.errors).toBeUndefined());
      const withCount = await sqlDuring(graph, async () => {
        const { body } = await graph.query<{ trainingRecords: { totalCount: number; nodes: unknown[] } }>(counted, {}, admin);
        expect(body.data!.trainingRecords.totalCount).toBe(Number(records));
        expect(body.data!.trainingRecords.nodes).toHaveLength(20);
      });
      expect(without.training).toBe(1);
      expect(withCount.training).toBe(1);
    });

    const byIdentity = `query ($id: String) { trainingRecords(identityNumber: $id) { totalCount nodes { trainee { identityNumber phone masked } } } }`;
    const byProgram = `query ($program: ID) { trainingRecords(programId: $program) { totalCount nodes { trainee { identityNumber phone masked } } } }`;
    it.each([
      ['PROVINCIAL_ADMIN', 'unmasked', () => admin, false],
      ['the program’s own BASE_OPERATOR', 'unmasked', () => operator, false],
      ['the CITY_ADMIN of its city', 'masked', () => cityAdmin, true],
    ])('shows %s the trainee %s', async (_who, _how, viewer, masked) => {
      // a CITY_ADMIN may not look a number up (it would confirm a guess): it lists the program's records
      const { body } = await graph.query<{ trainingRecords: { totalCount: number; nodes: { trainee: Record<string, unknown> }[] } }>(
        masked ? byProgram : byIdentity,
        masked ? { program: programId } : { id: trainee.identityNumber },
        viewer(),
      );
      expect(body.errors).toBeUndefined();
      const shown = masked
        ? body.data!.trainingRecords.nodes.filter((n) => (n.trainee.identityNumber as string).endsWith(trainee.identityNumber.slice(-4)))
        : body.data!.trainingRecords.nodes;
      expect(shown).toHaveLength(1);
      expect(shown[0].trainee).toEqual(
        masked
          ? { identityNumber: `**************${trainee.identityNumber.slice(-4)}`, phone: '138****5678', masked: true }
          : { identityNumber: trainee.identityNumber, phone: trainee.phone, masked: false },
      );
    });

    it('shows another organisation’s operator none of the records, refuses a CITY_ADMIN the lookup, and the PUBLIC all records', async () => {
      const { body } = await graph.query<{ trainingRecords: { totalCount: number } }>(
        byIdentity,
        { id: trainee.identityNumber },
        strangerOperator,
      );
      expect(body.data!.trainingRecords.totalCount).toBe(0);
      expect((await graph.query(byIdentity, { id: trainee.identityNumber }, otherCityAdmin)).body.errors?.[0].extensions?.code).toBe(
        'FORBIDDEN',
      );
      expect((await graph.query(byIdentity, { id: trainee.identityNumber })).body.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    });

    it.each([
      [
        'an identity number whose check character is wrong (GB 11643)',
        () => ({ identityNumber: withWrongCheck(identity('1991-02-03', 7)) }),
        'BAD_USER_INPUT',
        /check character/,
      ],
      [
        'an identity number with an impossible birth date',
        () => ({ identityNumber: identity('1991-02-30', 7) }),
        'BAD_USER_INPUT',
        /birth date/,
      ],
      ['a completion date before the program starts', () => ({ completedOn: '2025-02-28' }), 'BAD_USER_INPUT', /before the program starts/],
      ['a program that does not exist', () => ({ programId: '00000000-0000-4000-8000-000000000000' }), 'NOT_FOUND', /no training program/],
      ['a certificate without completion', () => ({ certificate: 'TRAINING', completedOn: null }), 'BAD_USER_INPUT', /completed/],
      ['a malformed phone', () => ({ phone: '12345' }), 'BAD_USER_INPUT', /mobile/],
      ['the same trainee twice in a program', () => ({ identityNumber: trainee.identityNumber }), 'CONFLICT', /already recorded/],
    ])('refuses %s with a stable code and writes nothing', async (_case, change, code, message) => {
      const before = await counts();
      const input = { programId, traineeName: '李梅', identityNumber: identity('1988-08-08', 42), completedOn: '2025-03-20', ...change() };
      const { body } = await graph.query(RECORD, { input }, operator);
      expect(body.errors?.[0].extensions?.code).toBe(code);
      expect(body.errors?.[0].message).toMatch(message);
      // the message never repeats the identity number
      expect(body.errors?.[0].message).not.toContain(input.identityNumber);
      expect(await counts()).toEqual(before);
    });

    it('refuses a record for a PLANNED program and one beyond the program’s capacity', async () => {
      const { body } = await graph.query<{ registerTrainingProgram: { id: string } }>(
        REGISTER,
        { input: registerInput({ capacity: 1 }) },
        operator,
      );
      const small = body.data!.registerTrainingProgram.id;
      const input = (n: number) => ({ programId: small, traineeName: '张三', identityNumber: identity('1985-01-01', n) });
      expect((await graph.query(RECORD, { input: input(1) }, operator)).body.errors?.[0].extensions?.code).toBe('INVALID_TRANSITION');
      await graph.query(STATUS, { id: small, status: 'ONGOING' }, operator);
      expect((await graph.query(RECORD, { input: input(1) }, operator)).body.errors).toBeUndefined();
      const before = await counts();
      const full = await graph.query(RECORD, { input: input(3) }, operator);
      expect(full.body.errors?.[0].extensions?.code).toBe('CONFLICT');
      expect(full.body.errors?.[0].message).toMatch(/full/);
      expect(await counts()).toEqual(before);
    });

    it('refuses a record for another organisation’s program', async () => {
      const before = await counts();
      const { body } = await graph.query(
        RECORD,
        { input: { programId, traineeName: '赵六', identityNumber: identity('1979-09-09', 9) } },
        strangerOperator,
      );
      expect(body.errors?.[0].extensions?.code).toBe('FORBIDDEN');
      expect(await counts()).toEqual(before);
    });
  });

  describe('updating a record’s outcome', () => {
    const OUTCOME = `mutation ($input: UpdateTrainingOutcomeInput!) { updateTrainingOutcome(input: $input) { id completed completedOn certificate certificateNumber employment } }`;
    let recordId = '';
    const stored = async () => {
      const db = graph.subgraphs.training.db;
      const rows = await db.query(
        `SELECT completed, CAST(completed_on AS VARCHAR(10)) AS completed_on, certificate, certificate_number, employment FROM training_record WHERE id = ${db.options.type === 'postgres' ? '$1' : '?'}`,
        [recordId],
      );
      return { ...rows[0], completed: Boolean(rows[0].completed) };
    };

    beforeAll(async () => {
      const { body } = await graph.query<{ recordTraining: { id: string } }>(
        RECORD,
        { input: { programId, traineeName: '周七', identityNumber: identity('1994-04-04', 77) } },
        operator,
      );
      expect(body.errors).toBeUndefined();
      recordId = body.data!.recordTraining.id;
    });

    it('records completion, the certificate and later the employment outcome, keeping what is left out', async () => {
      const before = await counts();
      const done = await graph.query<{ updateTrainingOutcome: Record<string, unknown> }>(
        OUTCOME,
        { input: { recordId, completedOn: '2025-03-20', certificate: 'SKILL_LEVEL', certificateNumber: 'S5101-0001' } },
        operator,
      );
      expect(done.body.errors).toBeUndefined();
      expect(done.body.data!.updateTrainingOutcome).toEqual({
        id: recordId,
        completed: true,
        completedOn: '2025-03-20',
        certificate: 'SKILL_LEVEL',
        certificateNumber: 'S5101-0001',
        employment: null,
      });
      const later = await graph.query<{ updateTrainingOutcome: Record<string, unknown> }>(
        OUTCOME,
        { input: { recordId, employment: 'EMPLOYED' } },
        cityAdmin,
      );
      expect(later.body.errors).toBeUndefined();
      expect(later.body.data!.updateTrainingOutcome).toMatchObject({
        completed: true,
        completedOn: '2025-03-20',
        certificate: 'SKILL_LEVEL',
        employment: 'EMPLOYED',
      });
      expect(await stored()).toEqual({
        completed: true,
        completed_on: '2025-03-20',
        certificate: 'SKILL_LEVEL',
        certificate_number: 'S5101-0001',
        employment: 'EMPLOYED',
      });
      expect(await counts()).toEqual(before);
    });

    const tomorrow = () => new Date(Date.now() + 36 * 3600_000).toISOString().slice(0, 10);
    it.each([
      [
        'a completion before the program starts',
        () => ({ completedOn: '2025-02-28' }),
        () => operator,
        'BAD_USER_INPUT',
        /before the program starts/,
      ],
      ['a completion after today', () => ({ completedOn: tomorrow() }), () => operator, 'BAD_USER_INPUT', /after today/],
      [
        'a certificate number longer than 40 characters',
        () => ({ certificateNumber: 'N'.repeat(41) }),
        () => operator,
        'BAD_USER_INPUT',
        /40/,
      ],
      ['an unknown record', () => ({ recordId: '00000000-0000-4000-8000-000000000000' }), () => admin, 'NOT_FOUND', /no training record/],
      ['another organisation’s operator', () => ({ employment: 'SEEKING' }), () => strangerOperator, 'FORBIDDEN', /./],
      ['another city’s admin', () => ({ employment: 'SEEKING' }), () => otherCityAdmin, 'FORBIDDEN', /./],
    ])('refuses %s with a stable code and writes nothing', async (_case, change, viewer, code, message) => {
      const before = { counts: await counts(), row: await stored() };
      const { body } = await graph.query(OUTCOME, { input: { recordId, ...change() } }, viewer());
      expect(body.errors?.[0].extensions?.code).toBe(code);
      expect(body.errors?.[0].message).toMatch(message);
      expect({ counts: await counts(), row: await stored() }).toEqual(before);
    });

    it('refuses a certificate for a record not yet completed and writes nothing', async () => {
      const fresh = await graph.query<{ recordTraining: { id: string } }>(
        RECORD,
        { input: { programId, traineeName: '吴八', identityNumber: identity('1995-05-05', 88) } },
        operator,
      );
      const id = fresh.body.data!.recordTraining.id;
      const before = await counts();
      const { body } = await graph.query(OUTCOME, { input: { recordId: id, certificate: 'TRAINING' } }, admin);
      expect(body.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      expect(body.errors?.[0].message).toMatch(/completed/);
      const [row] = await graph.subgraphs.training.db.query(
        `SELECT certificate FROM training_record WHERE id = ${graph.subgraphs.training.db.options.type === 'postgres' ? '$1' : '?'}`,
        [id],
      );
      expect(row.certificate).toBeNull();
      expect(await counts()).toEqual(before);
    });
  });

  describe('importing a CSV file', () => {
    const header = 'program_id,trainee_name,identity_number,phone,completed_on,certificate,certificate_number,employment';
    const row = (n: number, overrides: Partial<Record<'identity' | 'completedOn' | 'certificate' | 'program', string>> = {}) =>
      [
        overrides.program ?? programId,
        `学员${n}`,
        overrides.identity ?? identity('1992-03-04', 200 + n),
        '13900000000',
        overrides.completedOn ?? '2025-03-20',
        overrides.certificate ?? 'TRAINING',
        '',
        'RETAINED',
      ].join(',');

    it('writes every row of a good file and adds them to the program’s person-times', async () => {
      const before = await counts();
      const csv = [header, row(1), row(2), `"${programId}","学员, 三",${identity('1992-03-04', 203)},,2025-03-21,,,`].join('\r\n');
      const { body } = await graph.query(IMPORT, { csv }, operator);
      expect(body.errors).toBeUndefined();
      expect(body.data).toEqual({ importTrainingRecords: { imported: 3, programs: 1 } });
      expect(await counts()).toEqual({ ...before, records: before.records + 3, rollup: before.rollup + 3 });
    });

    it('takes the Chinese headers a base would use', async () => {
      const csv = [
        '培训班编号,姓名,身份证号,手机号,结业日期',
        `${programId},学员甲,${identity('1993-04-05', 300)},13700000000,2025-03-20`,
      ].join('\n');
      const { body } = await graph.query(IMPORT, { csv }, operator);
      expect(body.data).toEqual({ importTrainingRecords: { imported: 1, programs: 1 } });
    });

    it('reports every bad row by its line and writes nothing of the batch', async () => {
      const before = await counts();
      const csv = [
        header,
        row(10),
        row(11, { identity: withWrongCheck(identity('1992-03-04', 211)) }),
        row(12),
        row(13, { completedOn: '2025-01-01' }),
        row(14, { program: '00000000-0000-4000-8000-000000000000' }),
        row(10),
        `${programId},only three fields`,
      ].join('\n');
      const { body } = await graph.query(IMPORT, { csv }, operator);
      const error = body.errors?.[0];
      expect(error?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(error?.message).toMatch(/5 of 7 records are invalid; nothing was imported/);
      expect(error?.extensions?.rows.map((r: { line: number; column: string }) => [r.line, r.column])).toEqual([
        [3, 'identity_number'],
        [5, 'completed_on'],
        [6, 'program_id'],
        [7, 'identity_number'],
        [8, '*'],
      ]);
      expect(error?.extensions?.rows[3].message).toMatch(/line 2/);
      expect(await counts()).toEqual(before);
    });

    it('refuses a file without the required columns, an empty one, and a row for another organisation’s program', async () => {
      const before = await counts();
      expect((await graph.query(IMPORT, { csv: 'name,phone\nx,1' }, operator)).body.errors?.[0].message).toMatch(
        /line 1: the header lacks program_id, trainee_name, identity_number/,
      );
      expect((await graph.query(IMPORT, { csv: '' }, operator)).body.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      expect((await graph.query(IMPORT, { csv: [header, row(30)].join('\n') }, strangerOperator)).body.errors?.[0].extensions?.code).toBe(
        'FORBIDDEN',
      );
      expect(await counts()).toEqual(before);
    });
  });

  describe('the record table’s keys', () => {
    const param = (i: number) => (usingPostgres ? `$${i}` : '?');
    /** a seeded record written straight to the table again, changed as given */
    const recordAgain = async (change: (record: Record<string, unknown>) => Record<string, unknown>) => {
      const db = graph.subgraphs.training.db;
      const [record] = await db.query('SELECT * FROM training_record ORDER BY id LIMIT 1');
      const row = change(record);
      const columns = Object.keys(row);
      return db.query(
        `INSERT INTO training_record (${columns.join(', ')}) VALUES (${columns.map((_, i) => param(i + 1)).join(', ')})`,
        Object.values(row),
      );
    };
    /** one person once per program: the same trainee in the same program under a new id */
    const traineeAgain = () => recordAgain((record) => ({ ...record, id: randomUUID() }));
    /** one record an id: another trainee under a seeded record's id */
    const idAgain = () => recordAgain((record) => ({ ...record, identity_hash: 'another trainee' }));
    const unique = /unique|duplicate/i;

    it('keep one person once per program and one record an id over the seeded records, through their migrations down and up again', async () => {
      const db = graph.subgraphs.training.db;
      const before = (await counts()).records;
      const keys = async () => {
        expect((await counts()).records).toBe(before);
        await expect(traineeAgain()).rejects.toThrow(unique);
        await expect(idAgain()).rejects.toThrow(unique);
      };
      await keys();
      // down RecordIdIndex (SQLite: the primary key it replaced), then TraineeUniqueIndex (the table constraint it replaced)
      await db.undoLastMigration({ transaction: 'each' });
      await keys();
      await db.undoLastMigration({ transaction: 'each' });
      await keys();
      expect((await db.runMigrations({ transaction: 'each' })).map((m) => m.name)).toEqual([
        'TraineeUniqueIndex1700000004000',
        'RecordIdIndex1700000004100',
      ]);
      await keys();
      const indexes: { definition: string }[] = usingPostgres
        ? await db.query(
            `SELECT indexdef AS definition FROM pg_indexes WHERE tablename = 'training_record' AND schemaname = current_schema()`,
          )
        : await db.query(`SELECT sql AS definition FROM sqlite_master WHERE type = 'index' AND tbl_name = 'training_record'`);
      const definitions = indexes.map((i) => i.definition);
      expect(definitions).toContainEqual(expect.stringMatching(/CREATE UNIQUE INDEX "?uq_training_record_trainee"?/));
      // SQLite keeps ids unique by an index it can build after the seed's rows; PostgreSQL by its primary key
      expect(definitions).toContainEqual(
        usingPostgres
          ? expect.stringMatching(/CREATE UNIQUE INDEX "?PK_\w+"? .*\(id\)/)
          : expect.stringMatching(/CREATE UNIQUE INDEX "uq_training_record_id"/),
      );
    });
  });

  describe('totals', () => {
    it('keeps every program’s rollup equal to its records', async () => {
      const rows = await graph.subgraphs.training.db.query(
        'SELECT COUNT(*) AS n FROM training_program p WHERE p.person_times <> (SELECT COUNT(*) FROM training_record r WHERE r.program_id = p.id)',
      );
      expect(Number(rows[0].n)).toBe(0);
    });

    it('keeps every program’s outcome counts equal to its records’, after the writes and outcome changes above', async () => {
      const of = (condition: string) => `(SELECT COUNT(*) FROM training_record r WHERE r.program_id = p.id AND r.completed${condition})`;
      const db = graph.subgraphs.training.db;
      const [{ n: off }] = await db.query(
        `SELECT COUNT(*) AS n FROM training_program p WHERE p.completed_count <> ${of('')}
           OR p.certified_count <> ${of(' AND r.certificate IS NOT NULL')}
           OR p.outcomes_reported_count <> ${of(' AND r.employment IS NOT NULL')}
           OR p.employed_count <> ${of(` AND r.employment IN ('EMPLOYED', 'SELF_EMPLOYED', 'RETAINED')`)}`,
      );
      expect(Number(off)).toBe(0);
      // and the figure a dashboard reads is the records’ own, for the brand whose program was written to
      const [direct] = await db.query(
        `SELECT COUNT(*) AS "personTimes", SUM(CASE WHEN r.completed THEN 1 ELSE 0 END) AS completed,
                SUM(CASE WHEN r.completed AND r.certificate IS NOT NULL THEN 1 ELSE 0 END) AS certified
           FROM training_record r JOIN training_program p ON p.id = r.program_id WHERE p.brand_id = '${base.brandId}'`,
      );
      const { body } = await graph.query<{ brand: { trainingOutcomes: { brand: { id: string } }[] } }>(
        `{ brand(id: "${base.brandId}") { trainingOutcomes(groupBy: [BRAND]) { brand { id } personTimes completed certified } } }`,
      );
      expect(body.errors).toBeUndefined();
      const { brand: _brand, ...figure } = body.data!.brand.trainingOutcomes.find((f) => f.brand.id === base.brandId)!;
      expect(figure).toEqual({
        personTimes: Number(direct.personTimes),
        completed: Number(direct.completed),
        certified: Number(direct.certified),
      });
    });

    it('gives a base and an institution their programs and person-times, by year', async () => {
      const seeded = (providerId: string, year?: number) =>
        program.trainingPrograms
          .filter((p) => p.providerId === providerId && (!year || p.startOn.startsWith(String(year))))
          .reduce((s, p) => s + p.enrolled, 0);
      const trainingBase = program.bases.find((b) => b.id !== base.id && seeded(b.id, 2024) > 0)!;
      const { body } = await graph.query<{
        base: { personTimes: number; in2024: number; trainingPrograms: { personTimes: number; year: number }[] };
      }>(
        `query ($id: ID!) { base(id: $id) { personTimes in2024: personTimes(year: 2024) trainingPrograms(year: 2024) { personTimes year } } }`,
        { id: trainingBase.id },
      );
      expect(body.errors).toBeUndefined();
      expect(body.data!.base.personTimes).toBe(seeded(trainingBase.id));
      expect(body.data!.base.in2024).toBe(seeded(trainingBase.id, 2024));
      expect(body.data!.base.trainingPrograms.reduce((s, p) => s + p.personTimes, 0)).toBe(seeded(trainingBase.id, 2024));
      expect(body.data!.base.trainingPrograms.every((p) => p.year === 2024)).toBe(true);
      const trainingInstitution = program.institutions.find((i) => seeded(i.id) > 0)!;
      const inst = await graph.query<{ institution: { personTimes: number } }>(
        `query ($id: ID!) { institution(id: $id) { personTimes } }`,
        { id: trainingInstitution.id },
      );
      expect(inst.body.data!.institution.personTimes).toBe(seeded(trainingInstitution.id));
    });

    it('answers a roster’s programs, person-times and competitions in a constant number of statements', async () => {
      const query = (code: string) =>
        `{ brand(code: "${code}") { bases { id personTimes(year: 2025) trainingPrograms { id } competitionsHosted { id results { rank } } } } }`;
      const statements: number[] = [];
      const sizes: number[] = [];
      for (const code of ['SICHUAN_CHEF', 'CONSTRUCTION_WORKER']) {
        let size = 0;
        const sql = await sqlDuring(graph, async () => {
          const { body } = await graph.query<{ brand: { bases: unknown[] } }>(query(code));
          expect(body.errors).toBeUndefined();
          size = body.data!.brand.bases.length;
        });
        statements.push(sql.training);
        sizes.push(size);
      }
      expect(sizes[0]).not.toBe(sizes[1]);
      // one fetch: its programs, person-times and competitions in one statement, the competitions' results (asked of them) in a second
      expect(statements).toEqual([2, 2]);
    });

    it('lists a base’s programs to the public, their person-times counting the records just written', async () => {
      const { body } = await graph.query<{ trainingPrograms: { nodes: { personTimes: number }[] } }>(
        `query ($id: ID!) { trainingPrograms(providerId: $id, year: 2025, first: 500) { nodes { personTimes } } }`,
        { id: base.id },
      );
      expect(body.errors).toBeUndefined();
      const ours = body.data!.trainingPrograms.nodes.reduce((s, p) => s + p.personTimes, 0);
      const seeded = program.trainingPrograms
        .filter((p) => p.providerId === base.id && p.startOn.startsWith('2025'))
        .reduce((s, p) => s + p.enrolled, 0);
      expect(ours - seeded).toBe((await counts()).rollup - [...program.trainingRecords()].length);
    });
  });
});
