import { Role, type ViewerClaims } from '@skills-sichuan/runtime';
import { identityCheckCharacter } from '../subgraphs/training/src/trainee/identity-number';
import { generateProgram } from './program';
import { sqlDuring, startGraph, TEST_PROGRAM, type Graph } from './graph';

const PERIOD = '2026-H2';
const DAYS = { from: '2026-07-01', to: '2026-12-31' };
const ASSESSOR: ViewerClaims = { role: Role.ASSESSOR, sub: 'assessor' };

interface Reconciliation {
  countedFrom: string;
  countedTo: string;
  reportedPersonTimes: number | null;
  recordedPersonTimes: number;
  discrepancy: number | null;
  discrepancyRatio: number | null;
  allowedDiscrepancy: number;
  discrepancyFlagged: boolean;
  threshold: { ratio: number; personTimes: number; source: string };
}
const RECONCILIATION = `reconciliation { countedFrom countedTo reportedPersonTimes recordedPersonTimes discrepancy discrepancyRatio allowedDiscrepancy discrepancyFlagged threshold { ratio personTimes source } }`;

/**
 * 定期提交培育进展 checked against the training recorded: the evaluation subgraph's report, the
 * training subgraph's count for the same organisation and half-year (@requires, neither reading
 * the other's database), flagged when the report overstates it beyond the program office's threshold.
 */
describe('progress reports reconciled with recorded training', () => {
  let graph: Graph;
  const program = generateProgram(TEST_PROGRAM);
  const bases = program.bases.filter((b) => b.status === 'ACTIVE' && b.tier === 'MAIN');
  const honest = bases[0];
  const overstating = bases.find((b) => b.operatorId !== honest.operatorId)!;
  const operatorOf = (organizationId: string): ViewerClaims => ({ role: Role.BASE_OPERATOR, org: organizationId });
  const brandOf = (id: string) => program.brands.find((b) => b.id === id)!;
  let sequence = 0;
  const identity = () => {
    const first17 = `51010419880202${String((sequence += 1)).padStart(3, '0')}`;
    return first17 + identityCheckCharacter(first17);
  };

  /** records the organisation's programs starting within the period hold, counted record by record */
  const recordsInPeriod = async (organizationId: string) =>
    Number(
      (
        await graph.subgraphs.training.db.query(
          `SELECT COUNT(*) AS n FROM training_record r JOIN training_program p ON p.id = r.program_id
           WHERE p.provider_organization_id = '${organizationId}' AND p.start_on >= '${DAYS.from}' AND p.start_on <= '${DAYS.to}'`,
        )
      )[0].n,
    );

  /** a program of the base starting in the period, with `trainees` person-times recorded */
  const train = async (base: (typeof bases)[number], trainees: number) => {
    const as = operatorOf(base.operatorId);
    const registered = await graph.query<{ registerTrainingProgram: { id: string } }>(
      `mutation ($input: RegisterTrainingProgramInput!) { registerTrainingProgram(input: $input) { id } }`,
      {
        input: {
          brandId: base.brandId,
          baseId: base.id,
          occupation: brandOf(base.brandId).occupations[0],
          level: 4,
          startOn: '2026-08-03',
          endOn: '2026-08-28',
          capacity: trainees,
        },
      },
      as,
    );
    expect(registered.body.errors).toBeUndefined();
    const programId = registered.body.data!.registerTrainingProgram.id;
    const started = await graph.query(
      `mutation ($id: ID!) { changeTrainingProgramStatus(id: $id, status: ONGOING) { status } }`,
      { id: programId },
      as,
    );
    expect(started.body.errors).toBeUndefined();
    for (let n = 0; n < trainees; n++) {
      const recorded = await graph.query(
        `mutation ($input: RecordTrainingInput!) { recordTraining(input: $input) { id } }`,
        { input: { programId, traineeName: `核对测试学员${n}`, identityNumber: identity(), completedOn: '2026-08-28' } },
        as,
      );
      expect(recorded.body.errors).toBeUndefined();
    }
  };

  const submit = (organizationId: string, personTimes: number) =>
    graph.query<{ submitProgressReport: { id: string; reconciliation: Reconciliation } }>(
      `mutation ($input: SubmitProgressReportInput!) { submitProgressReport(input: $input) { id ${RECONCILIATION} } }`,
      { input: { organizationId, period: PERIOD, personTimes, competitionsHosted: 0, promotionEvents: 1, employmentPlaced: 0 } },
      operatorOf(organizationId),
    );

  const reportOf = async (organizationId: string) => {
    const { body } = await graph.query<{
      progressReports: { nodes: { figures: { personTimes: number } | null; reconciliation: Reconciliation }[] };
    }>(
      `query ($filter: ProgressReportFilter) { progressReports(filter: $filter) { nodes { figures { personTimes } ${RECONCILIATION} } } }`,
      { filter: { organizationId, period: PERIOD } },
      ASSESSOR,
    );
    expect(body.errors).toBeUndefined();
    return body.data!.progressReports.nodes[0];
  };

  beforeAll(async () => {
    graph = await startGraph();
    await train(honest, 6);
    await train(overstating, 4);
  });
  afterAll(() => graph?.stop());

  it('shows the recorded training on a report not yet submitted, unflagged', async () => {
    const report = await reportOf(honest.operatorId);
    expect(report.figures).toBeNull();
    expect(report.reconciliation).toMatchObject({
      countedFrom: DAYS.from,
      countedTo: DAYS.to,
      reportedPersonTimes: null,
      recordedPersonTimes: await recordsInPeriod(honest.operatorId),
      discrepancy: null,
      discrepancyFlagged: false,
    });
  });

  it('does not flag a report whose person-times match the training recorded', async () => {
    const recorded = await recordsInPeriod(honest.operatorId);
    expect(recorded).toBeGreaterThanOrEqual(6);
    const { body } = await submit(honest.operatorId, recorded);
    expect(body.errors).toBeUndefined();
    expect(body.data!.submitProgressReport.reconciliation).toEqual({
      countedFrom: DAYS.from,
      countedTo: DAYS.to,
      reportedPersonTimes: recorded,
      recordedPersonTimes: recorded,
      discrepancy: 0,
      discrepancyRatio: 0,
      allowedDiscrepancy: Math.max(10, Math.floor(recorded * 0.1)),
      discrepancyFlagged: false,
      threshold: { ratio: 0.1, personTimes: 10, source: expect.stringMatching(/项目办配置/) },
    });
    expect((await reportOf(honest.operatorId)).reconciliation.discrepancyFlagged).toBe(false);
  });

  it('flags a report that overstates the training recorded beyond the threshold, and says by how much', async () => {
    const recorded = await recordsInPeriod(overstating.operatorId);
    expect(recorded).toBeGreaterThanOrEqual(4);
    const { body } = await submit(overstating.operatorId, recorded + 60);
    expect(body.errors).toBeUndefined();
    const reconciliation = (await reportOf(overstating.operatorId)).reconciliation;
    expect(reconciliation).toMatchObject({
      reportedPersonTimes: recorded + 60,
      recordedPersonTimes: recorded,
      discrepancy: 60,
      discrepancyRatio: Math.round((60 / recorded) * 10_000) / 10_000,
      discrepancyFlagged: true,
    });
    expect(reconciliation.allowedDiscrepancy).toBeLessThan(60);
    expect(body.data!.submitProgressReport.reconciliation).toEqual(reconciliation);
    // the evaluation subgraph keeps what was reported, the training subgraph what was recorded
    const [row] = await graph.subgraphs.evaluation.db.query(
      `SELECT person_times FROM progress_report WHERE organization_id = '${overstating.operatorId}' AND period = '${PERIOD}'`,
    );
    expect(Number(row.person_times)).toBe(recorded + 60);
  });

  it('reconciles a page of reports of one period with one statement in the training subgraph', async () => {
    let nodes: { reconciliation: Reconciliation }[] = [];
    const sql = await sqlDuring(graph, async () => {
      const { body } = await graph.query<{ progressReports: { nodes: typeof nodes } }>(
        `{ progressReports(filter: { period: "${PERIOD}" }, first: 100) { nodes { ${RECONCILIATION} } } }`,
        {},
        ASSESSOR,
      );
      expect(body.errors).toBeUndefined();
      nodes = body.data!.progressReports.nodes;
    });
    expect(nodes.length).toBeGreaterThan(2);
    expect(nodes.filter((n) => n.reconciliation.discrepancyFlagged).length).toBeGreaterThanOrEqual(1);
    expect(sql.training).toBe(1);
    expect(sql.brands + sql.bases).toBe(0);
  });
});
