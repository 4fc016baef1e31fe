import { type ViewerClaims } from '@skills-sichuan/runtime';
import { generateProgram } from './program';
import { Assessment, AssessmentResult } from '../subgraphs/evaluation/src/assessment/assessment.entity';
import { CreditCommitment, CreditEvent, IntegrityInvestigation } from '../subgraphs/evaluation/src/credit/credit.entity';
import { FeedbackStatus, PublicFeedback } from '../subgraphs/evaluation/src/feedback/feedback.entity';
import { flagCandidates, FlagReason } from '../subgraphs/evaluation/src/flag/flag.service';
import { ProgressReport } from '../subgraphs/evaluation/src/report/progress-report.entity';
import { sqlDuring, startGraph, TEST_PROGRAM, type Graph } from './graph';

const ADMIN = { role: 'PROVINCIAL_ADMIN', sub: 'admin' } as ViewerClaims;
const ASSESSOR = { role: 'ASSESSOR', sub: 'ann' } as ViewerClaims;
const operatorOf = (org: string) => ({ role: 'BASE_OPERATOR', sub: 'op', org }) as ViewerClaims;
const cityAdminOf = (city: string) => ({ role: 'CITY_ADMIN', sub: 'city', city }) as ViewerClaims;
const UNKNOWN = '00000000-0000-4000-8000-000000000000';

/** Evaluation & credit through the gateway: assessments, public opinion, credit and its consequences, progress reports. */
describe('evaluation & credit', () => {
  let graph: Graph;
  const program = generateProgram(TEST_PROGRAM);
  const db = () => graph.subgraphs.evaluation.db;
  const counts = async () => ({
    assessments: await db().getRepository(Assessment).count(),
    feedback: await db().getRepository(PublicFeedback).count(),
    events: await db().getRepository(CreditEvent).count(),
    commitments: await db().getRepository(CreditCommitment).count(),
    investigations: await db().getRepository(IntegrityInvestigation).count(),
    reports: await db().getRepository(ProgressReport).count(),
  });
  const errorOf = (body: { errors?: { extensions?: Record<string, unknown>; message: string }[] }) => body.errors?.[0];

  // a base designated in 2025: it has no assessment for 2024, so one can be recorded
  const fresh = program.bases.find((b) => b.designatedOn.startsWith('2025') && b.status === 'ACTIVE')!;
  const other = program.bases.find((b) => b.operatorId !== fresh.operatorId && b.cityCode !== fresh.cityCode)!;

  beforeAll(async () => {
    graph = await startGraph();
  });
  afterAll(() => graph?.stop());

  describe('the seed', () => {
    it('holds excellent, passing and failing latest results, dishonest subjects, feedback and reports of every status', async () => {
      const { body } = await graph.query<{
        brands: { bases: { latestAssessment: { result: string } | null; credit: { dishonest: boolean; level: string } }[] }[];
      }>(`{ brands { bases { latestAssessment { result } credit { dishonest level } } } }`, {}, ASSESSOR);
      expect(body.errors).toBeUndefined();
      const bases = body.data!.brands.flatMap((b) => b.bases);
      const results = new Set(bases.map((b) => b.latestAssessment?.result));
      expect([...results].filter(Boolean).sort()).toEqual(['EXCELLENT', 'FAIL', 'PASS']);
      const dishonest = bases.filter((b) => b.credit.dishonest);
      expect(dishonest.length).toBeGreaterThanOrEqual(1);
      expect(dishonest.every((b) => b.credit.level === 'D')).toBe(true);

      const statuses = await db().getRepository(PublicFeedback).createQueryBuilder('f').select('DISTINCT f.status', 'status').getRawMany();
      expect(statuses.map((s) => s.status).sort()).toEqual(['APPROVED', 'PENDING', 'REJECTED']);
      const reports = await graph.query<{ [k: string]: { totalCount: number } }>(
        `{ s: progressReports(filter: { status: SUBMITTED }) { totalCount } l: progressReports(filter: { status: LATE }) { totalCount }
           m: progressReports(filter: { status: MISSING }) { totalCount } d: progressReports(filter: { status: DUE }) { totalCount } }`,
        {},
        ASSESSOR,
      );
      expect(reports.body.errors).toBeUndefined();
      for (const alias of ['s', 'l', 'm', 'd']) expect(reports.body.data![alias].totalCount).toBeGreaterThan(0);
      const c = await counts();
      expect(c.commitments).toBeGreaterThan(0);
      expect(c.investigations).toBeGreaterThan(0);
      expect(c.events).toBeGreaterThan(0);
    });
  });

  describe('assessments', () => {
    const record = (input: Record<string, unknown>, as: ViewerClaims = ASSESSOR) =>
      graph.query<{ recordAssessment: { id: string; result: string; publicScore: number | null; publishedOn: string | null } }>(
        `mutation ($input: RecordAssessmentInput!) { recordAssessment(input: $input) { id result publicScore publishedOn } }`,
        { input },
        as,
      );
    const input = (overrides: Record<string, unknown> = {}) => ({
      subjectType: 'BASE',
      subjectId: fresh.id,
      year: 2024,
      qualityScore: 95,
      trustScore: 92,
      publicScore: 90,
      assessedOn: '2024-11-20',
      assessor: '测试评估组',
      findings: '测试',
      ...overrides,
    });

    it.each([
      ['a quality score above 100', { qualityScore: 100.5 }, 'BAD_USER_INPUT', /qualityScore must be from 0 to 100/],
      ['a negative trust score', { trustScore: -1 }, 'BAD_USER_INPUT', /trustScore must be from 0 to 100/],
      ['a public score above 100', { publicScore: 101 }, 'BAD_USER_INPUT', /publicScore/],
      ['an assessment date outside its year', { assessedOn: '2025-01-02' }, 'BAD_USER_INPUT', /not in 2024/],
      ['an unknown subject', { subjectId: UNKNOWN }, 'NOT_FOUND', /no base has id/],
      [
        'a second assessment for the same subject and year',
        {
          subjectId: program.assessments[0].subjectId,
          subjectType: program.assessments[0].subjectType.toUpperCase(),
          year: program.assessments[0].year,
          assessedOn: `${program.assessments[0].year}-11-20`,
        },
        'CONFLICT',
        /already has its assessment/,
      ],
    ])('refuses %s with a stable code and writes nothing', async (_case, overrides, code, message) => {
      const before = await counts();
      const { body } = await record(input(overrides));
      expect(errorOf(body)?.extensions?.code).toBe(code);
      expect(errorOf(body)?.message).toMatch(message);
      expect(await counts()).toEqual(before);
    });

    it('lets only assessors record', async () => {
      const before = await counts();
      const anonymous = await graph.query(`mutation ($input: RecordAssessmentInput!) { recordAssessment(input: $input) { id } }`, {
        input: input(),
      });
      expect(errorOf(anonymous.body)?.extensions?.code).toBe('UNAUTHENTICATED');
      expect(errorOf((await record(input(), operatorOf(fresh.operatorId))).body)?.extensions?.code).toBe('FORBIDDEN');
      expect(await counts()).toEqual(before);
    });

    it('applies the scoring rule, hides the assessment from the public until published, and keeps findings for assessors', async () => {
      const { body } = await record(input());
      expect(body.errors).toBeUndefined();
      const recorded = body.data!.recordAssessment;
      expect(recorded).toMatchObject({ result: 'EXCELLENT', publicScore: 90, publishedOn: null });

      const read = `query ($id: ID!) { assessment(id: $id) { year result } base(id: "${fresh.id}") { assessments { year } } }`;
      const publicView = await graph.query<{ assessment: unknown; base: { assessments: { year: number }[] } }>(read, { id: recorded.id });
      expect(publicView.body.data!.assessment).toBeNull();
      expect(publicView.body.data!.base.assessments.map((a) => a.year)).not.toContain(2024);
      const assessorView = await graph.query<{ assessment: { year: number } }>(read, { id: recorded.id }, ASSESSOR);
      expect(assessorView.body.data!.assessment).toEqual({ year: 2024, result: 'EXCELLENT' });

      const publish = `mutation ($id: ID!) { publishAssessment(id: $id) { publishedOn } }`;
      expect((await graph.query(publish, { id: recorded.id }, ASSESSOR)).body.errors).toBeUndefined();
      expect(errorOf((await graph.query(publish, { id: recorded.id }, ASSESSOR)).body)?.extensions?.code).toBe('INVALID_TRANSITION');
      expect((await graph.query(read, { id: recorded.id })).body.data!.assessment).toEqual({ year: 2024, result: 'EXCELLENT' });

      const findings = `query ($id: ID!) { assessment(id: $id) { findings } }`;
      expect(errorOf((await graph.query(findings, { id: recorded.id })).body)?.extensions?.code).toBe('UNAUTHENTICATED');
      expect((await graph.query(findings, { id: recorded.id }, ASSESSOR)).body.data).toEqual({ assessment: { findings: '测试' } });
    });

    it.each([
      [{ qualityScore: 70, trustScore: 80, publicScore: 75 }, 'PASS'],
      [{ qualityScore: 49.9, trustScore: 95, publicScore: 95 }, 'FAIL'],
      [{ qualityScore: 88, trustScore: 84.9, publicScore: 100 }, 'PASS'],
    ])('gives %j the result %s', async (scores, result) => {
      const institution = program.institutions.find((i) => !program.assessments.some((a) => a.subjectId === i.id && a.year === 2023))!;
      const { body } = await record(
        input({ subjectType: 'INSTITUTION', subjectId: institution.id, year: 2023, assessedOn: '2023-12-01', ...scores }),
      );
      expect(body.data?.recordAssessment.result).toBe(result);
      await db().getRepository(Assessment).delete({ id: body.data!.recordAssessment.id });
    });
  });

  describe('public feedback', () => {
    const submit = (input: Record<string, unknown>, as?: ViewerClaims) =>
      graph.query<{ submitFeedback: { id: string; status: string; rating: number } }>(
        `mutation ($input: SubmitFeedbackInput!) { submitFeedback(input: $input) { id status rating } }`,
        { input },
        as,
      );

    it.each([
      ['an unknown base', { subjectType: 'BASE', subjectId: UNKNOWN, rating: 4 }, 'NOT_FOUND'],
      ['an unknown institution', { subjectType: 'INSTITUTION', subjectId: UNKNOWN, rating: 4 }, 'NOT_FOUND'],
      ['an unknown brand', { subjectType: 'BRAND', subjectId: UNKNOWN, rating: 4 }, 'NOT_FOUND'],
      ['a rating of 6', { subjectType: 'BASE', subjectId: fresh.id, rating: 6 }, 'BAD_USER_INPUT'],
      [
        'a comment of 2,001 characters',
        { subjectType: 'BASE', subjectId: fresh.id, rating: 3, comment: '差'.repeat(2001) },
        'BAD_USER_INPUT',
      ],
    ])('refuses feedback on %s and writes nothing', async (_case, input, code) => {
      const before = await counts();
      const { body } = await submit(input);
      expect(errorOf(body)?.extensions?.code).toBe(code);
      expect(await counts()).toEqual(before);
    });

    it('takes the public’s feedback as PENDING, shows it once approved, and counts it toward public opinion', async () => {
      const brand = program.brands.find((b) => b.code === 'SICHUAN_CHEF')!;
      const opinion = `{ base(id: "${fresh.id}") { publicOpinion { score ratings averageRating } feedback { id comment } } brand(id: "${brand.id}") { publicOpinion { ratings } } }`;
      const before = (await graph.query<{ base: { publicOpinion: { ratings: number }; feedback: { id: string }[] } }>(opinion)).body.data!
        .base;

      const { body } = await submit({ subjectType: 'BASE', subjectId: fresh.id, rating: 1, comment: '  实训课经常取消  ' });
      expect(body.data!.submitFeedback).toMatchObject({ status: 'PENDING', rating: 1 });
      const id = body.data!.submitFeedback.id;
      expect((await submit({ subjectType: 'BRAND', subjectId: brand.id, rating: 5 })).body.errors).toBeUndefined();

      // pending: not shown to the public, not counted; in the moderators' queue
      const pending = (await graph.query<{ base: { feedback: { id: string }[]; publicOpinion: { ratings: number } } }>(opinion)).body.data!
        .base;
      expect(pending.feedback.map((f) => f.id)).not.toContain(id);
      expect(pending.publicOpinion.ratings).toBe(before.publicOpinion.ratings);
      const queue = await graph.query<{ feedbackQueue: { nodes: { id: string }[]; totalCount: number } }>(
        `{ feedbackQueue(first: 500) { nodes { id } totalCount } }`,
        {},
        ASSESSOR,
      );
      expect(queue.body.data!.feedbackQueue.nodes.map((f) => f.id)).toContain(id);
      expect(errorOf((await graph.query(`{ feedbackQueue { totalCount } }`)).body)?.extensions?.code).toBe('UNAUTHENTICATED');

      const moderate = `mutation ($id: ID!, $decision: FeedbackDecision!, $note: String) { moderateFeedback(id: $id, decision: $decision, note: $note) { status moderatedOn } }`;
      expect(
        errorOf((await graph.query(moderate, { id, decision: 'APPROVED' }, operatorOf(fresh.operatorId))).body)?.extensions?.code,
      ).toBe('FORBIDDEN');
      expect(errorOf((await graph.query(moderate, { id, decision: 'REJECTED' }, ASSESSOR)).body)?.extensions?.code).toBe('BAD_USER_INPUT');
      expect((await graph.query(moderate, { id, decision: 'APPROVED' }, ASSESSOR)).body.data).toMatchObject({
        moderateFeedback: { status: 'APPROVED' },
      });
      expect(errorOf((await graph.query(moderate, { id, decision: 'REJECTED', note: 'x' }, ASSESSOR)).body)?.extensions?.code).toBe(
        'INVALID_TRANSITION',
      );
      expect(errorOf((await graph.query(moderate, { id: UNKNOWN, decision: 'APPROVED' }, ASSESSOR)).body)?.extensions?.code).toBe(
        'NOT_FOUND',
      );

      const after = (
        await graph.query<{ base: { feedback: { id: string; comment: string }[]; publicOpinion: { ratings: number; score: number } } }>(
          opinion,
        )
      ).body.data!.base;
      expect(after.feedback.find((f) => f.id === id)?.comment).toBe('实训课经常取消');
      expect(after.publicOpinion.ratings).toBe(before.publicOpinion.ratings + 1);
      const approved = await db()
        .getRepository(PublicFeedback)
        .findBy({ subjectType: 'Base', subjectId: fresh.id, status: FeedbackStatus.APPROVED });
      const average = approved.reduce((s, f) => s + f.rating, 0) / approved.length;
      expect(after.publicOpinion.score).toBeCloseTo(((average - 1) / 4) * 100, 1);
    });

    it('feeds an assessment recorded without a public score from the year’s approved feedback', async () => {
      const year = Number(new Date().toISOString().slice(0, 4));
      const subject = program.bases.find(
        (b) => b.id !== fresh.id && !program.assessments.some((a) => a.subjectId === b.id && a.year === year),
      )!;
      const { body: fb } = await submit({ subjectType: 'BASE', subjectId: subject.id, rating: 4 });
      await graph.query(`mutation { moderateFeedback(id: "${fb.data!.submitFeedback.id}", decision: APPROVED) { status } }`, {}, ASSESSOR);
      const approved = await db()
        .getRepository(PublicFeedback)
        .findBy({ subjectType: 'Base', subjectId: subject.id, status: FeedbackStatus.APPROVED });
      const thisYear = approved.filter((f) => f.submittedOn.startsWith(String(year)));
      const expected = Math.round(((thisYear.reduce((s, f) => s + f.rating, 0) / thisYear.length - 1) / 4) * 1000) / 10;
      const { body } = await graph.query<{ recordAssessment: { publicScore: number } }>(
        `mutation ($input: RecordAssessmentInput!) { recordAssessment(input: $input) { publicScore } }`,
        {
          input: {
            subjectType: 'BASE',
            subjectId: subject.id,
            year,
            qualityScore: 80,
            trustScore: 80,
            assessedOn: new Date().toISOString().slice(0, 10),
            assessor: '测试',
          },
        },
        ASSESSOR,
      );
      expect(body.errors).toBeUndefined();
      expect(body.data!.recordAssessment.publicScore).toBe(expected);
    });
  });

  describe('credit', () => {
    const recordEvent = (input: Record<string, unknown>, as: ViewerClaims = ADMIN) =>
      graph.query<{ recordCreditEvent: { id: string; kind: string } }>(
        `mutation ($input: RecordCreditEventInput!) { recordCreditEvent(input: $input) { id kind } }`,
        { input },
        as,
      );
    const event = (overrides: Record<string, unknown> = {}) => ({
      organizationId: fresh.operatorId,
      subjectType: 'BASE',
      subjectId: fresh.id,
      kind: 'DISHONESTY',
      points: -40,
      reason: '虚报培训人次',
      occurredOn: '2026-01-15',
      ...overrides,
    });
    const credit = `{ base(id: "${fresh.id}") { credit { score level dishonest events { kind reason } } } organization(id: "${fresh.operatorId}") { credit { dishonest level } } }`;

    it.each([
      ['without a reason', { reason: '   ' }, 'BAD_USER_INPUT', /reason is required/],
      ['with points of the wrong sign', { points: 10 }, 'BAD_USER_INPUT', /takes points away/],
      ['with points beyond 100', { kind: 'COMMENDATION', points: 101 }, 'BAD_USER_INPUT', /-100 to 100/],
      ['dated in the future', { occurredOn: '2999-01-01' }, 'BAD_USER_INPUT', /future/],
      ['on a subject of another organisation', { subjectId: other.id }, 'BAD_USER_INPUT', /belongs to organization/],
      ['on an unknown organisation', { organizationId: UNKNOWN, subjectType: null, subjectId: null }, 'NOT_FOUND', /no organization/],
      ['with a subject type but no subject', { subjectId: null }, 'BAD_USER_INPUT', /go together/],
    ])('refuses an event %s and writes nothing', async (_case, overrides, code, message) => {
      const before = await counts();
      const { body } = await recordEvent(event(overrides));
      expect(errorOf(body)?.extensions?.code).toBe(code);
      expect(errorOf(body)?.message).toMatch(message);
      expect(await counts()).toEqual(before);
    });

    it('refuses an event without the reason field at all, and anyone but the province', async () => {
      const before = await counts();
      const { reason: _omitted, ...withoutReason } = event();
      expect((await recordEvent(withoutReason)).status).toBe(400);
      expect(errorOf((await recordEvent(event(), ASSESSOR)).body)?.extensions?.code).toBe('FORBIDDEN');
      expect(await counts()).toEqual(before);
    });

    it('lists a subject and its organisation as dishonest, at level D, until remediated', async () => {
      // the score the rule gives: 100 plus every point recorded against the base, within 0–100 — as an assessor
      // reads it, who may read every event (the public's score counts only the events it is shown)
      const expectedScore = async () => {
        const points = (await db().getRepository(CreditEvent).findBy({ subjectType: 'Base', subjectId: fresh.id })).reduce(
          (sum, e) => sum + e.points,
          100,
        );
        return Math.min(100, Math.max(0, points));
      };
      const clean = (await graph.query<{ base: { credit: { dishonest: boolean } } }>(credit)).body.data!;
      expect(clean).toMatchObject({ base: { credit: { dishonest: false } }, organization: { credit: { dishonest: false } } });
      expect((await recordEvent(event())).body.errors).toBeUndefined();
      const listed = (await graph.query<{ base: { credit: { score: number; level: string; dishonest: boolean } } }>(credit, {}, ASSESSOR))
        .body.data!;
      expect(listed).toMatchObject({
        base: { credit: { score: await expectedScore(), level: 'D', dishonest: true } },
        organization: { credit: { dishonest: true, level: 'D' } },
      });

      expect(
        (await recordEvent(event({ kind: 'REMEDIATION', points: 10, reason: '完成整改', occurredOn: '2026-03-01' }))).body.errors,
      ).toBeUndefined();
      const remediated = (await graph.query<{ base: { credit: { score: number; level: string } } }>(credit, {}, ASSESSOR)).body.data!;
      expect(remediated).toMatchObject({
        base: { credit: { score: await expectedScore(), dishonest: false } },
        organization: { credit: { dishonest: false } },
      });
      expect(remediated.base.credit.level).not.toBe('D');
    });

    it('shows every viewer the dishonesty record, and violations only to those who supervise the organisation', async () => {
      await recordEvent(event({ kind: 'VIOLATION', points: -1, reason: '未按规定使用品牌标识', occurredOn: '2026-03-02' }));
      const kinds = async (as?: ViewerClaims) =>
        (await graph.query<{ base: { credit: { events: { kind: string }[] } } }>(credit, {}, as)).body
          .data!.base.credit.events.map((e) => e.kind)
          .sort();
      const recorded = (await db().getRepository(CreditEvent).findBy({ subjectType: 'Base', subjectId: fresh.id }))
        .map((e) => e.kind as string)
        .sort();
      expect(recorded).toContain('VIOLATION');
      const listKinds = recorded.filter((k) => k === 'DISHONESTY' || k === 'REMEDIATION');
      expect(await kinds()).toEqual(listKinds);
      expect(await kinds(operatorOf(other.operatorId))).toEqual(listKinds);
      expect(await kinds(cityAdminOf(other.cityCode))).toEqual(listKinds);
      for (const supervisor of [operatorOf(fresh.operatorId), cityAdminOf(fresh.cityCode), ASSESSOR]) {
        expect(await kinds(supervisor)).toEqual(recorded);
      }
      const recordedBy = `{ base(id: "${fresh.id}") { credit { events { recordedBy } } } }`;
      expect(errorOf((await graph.query(recordedBy, {}, ASSESSOR)).body)?.extensions?.code).toBe('FORBIDDEN');
      expect((await graph.query(recordedBy, {}, ADMIN)).body.errors).toBeUndefined();
    });

    it('resolves a credit event by id, as the roster’s decisions reference it', async () => {
      const dishonesty = await db()
        .getRepository(CreditEvent)
        .findOneByOrFail({ subjectId: fresh.id, kind: 'DISHONESTY' as never });
      const { body } = await graph.query(
        `{ creditEvent(id: "${dishonesty.id}") { id kind points subject { ... on Base { id name } } organization { id name } } }`,
      );
      expect(body.errors).toBeUndefined();
      expect(body.data).toEqual({
        creditEvent: {
          id: dishonesty.id,
          kind: 'DISHONESTY',
          points: -40,
          subject: { id: fresh.id, name: fresh.name },
          organization: { id: fresh.operatorId, name: program.organizations.find((o) => o.id === fresh.operatorId)!.name },
        },
      });
    });

    it('lets an organisation sign its own commitment once a year', async () => {
      const sign = (org: string, as: ViewerClaims, year = 2027) =>
        graph.query<{ signCreditCommitment: { year: number; pledge: string } }>(
          `mutation ($input: SignCreditCommitmentInput!) { signCreditCommitment(input: $input) { year pledge } }`,
          { input: { organizationId: org, year, pledge: '诚信经营，如实报送' } },
          as,
        );
      const before = await counts();
      expect(errorOf((await sign(other.operatorId, operatorOf(fresh.operatorId))).body)?.extensions?.code).toBe('FORBIDDEN');
      expect(errorOf((await sign(UNKNOWN, ADMIN)).body)?.extensions?.code).toBe('NOT_FOUND');
      expect(errorOf((await sign(fresh.operatorId, operatorOf(fresh.operatorId), 1999)).body)?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(await counts()).toEqual(before);
      expect((await sign(fresh.operatorId, operatorOf(fresh.operatorId))).body.data).toEqual({
        signCreditCommitment: { year: 2027, pledge: '诚信经营，如实报送' },
      });
      expect(errorOf((await sign(fresh.operatorId, operatorOf(fresh.operatorId))).body)?.extensions?.code).toBe('CONFLICT');
      const { body } = await graph.query<{ organization: { creditCommitments: { year: number }[] } }>(
        `{ organization(id: "${fresh.operatorId}") { creditCommitments { year } } }`,
      );
      expect(body.data!.organization.creditCommitments[0].year).toBe(2027);
    });

    it('opens and closes an integrity investigation once, and shows it to its supervisors only', async () => {
      const opened = await graph.query<{ openInvestigation: { id: string; status: string } }>(
        `mutation { openInvestigation(input: { organizationId: "${fresh.operatorId}", subjectType: BASE, subjectId: "${fresh.id}", scope: "补贴申领核查" }) { id status } }`,
        {},
        ADMIN,
      );
      const id = opened.body.data!.openInvestigation.id;
      const close = `mutation { closeInvestigation(id: "${id}", finding: CLEARED, summary: "未发现问题") { status finding closedOn } }`;
      expect((await graph.query(close, {}, ADMIN)).body.data).toMatchObject({
        closeInvestigation: { status: 'CLOSED', finding: 'CLEARED' },
      });
      expect(errorOf((await graph.query(close, {}, ADMIN)).body)?.extensions?.code).toBe('INVALID_TRANSITION');
      const read = `{ organization(id: "${fresh.operatorId}") { investigations { id } } }`;
      const ids = async (as?: ViewerClaims) =>
        (await graph.query<{ organization: { investigations: { id: string }[] } }>(read, {}, as)).body;
      expect((await ids(operatorOf(fresh.operatorId))).data!.organization.investigations.map((i) => i.id)).toContain(id);
      expect((await ids(operatorOf(other.operatorId))).data!.organization.investigations).toEqual([]);
      expect(errorOf(await ids())?.extensions?.code).toBe('UNAUTHENTICATED');
    });
  });

  describe('progress reports', () => {
    const submit = (org: string, as: ViewerClaims, period = '2026-H1') =>
      graph.query<{ submitProgressReport: { period: string; status: string; figures: { personTimes: number } } }>(
        `mutation ($input: SubmitProgressReportInput!) { submitProgressReport(input: $input) { period status figures { personTimes } } }`,
        { input: { organizationId: org, period, personTimes: 320, competitionsHosted: 1, promotionEvents: 2, employmentPlaced: 200 } },
        as,
      );
    const list = (as: ViewerClaims, filter: Record<string, unknown> = {}) =>
      graph.query<{ progressReports: { nodes: { organization: { id: string }; status: string; period: string }[]; totalCount: number } }>(
        `query ($filter: ProgressReportFilter) { progressReports(filter: $filter, first: 500) { nodes { organization { id } status period } totalCount } }`,
        { filter },
        as,
      );

    it('shows a BASE_OPERATOR its own reports and a CITY_ADMIN its city’s only', async () => {
      const own = (await list(operatorOf(fresh.operatorId))).body.data!.progressReports;
      expect(own.totalCount).toBeGreaterThan(0);
      expect(own.nodes.every((r) => r.organization.id === fresh.operatorId)).toBe(true);
      const asking = (await list(operatorOf(fresh.operatorId), { organizationId: other.operatorId })).body.data!.progressReports;
      expect(asking.totalCount).toBe(0);

      const city = (await list(cityAdminOf(fresh.cityCode))).body.data!.progressReports;
      const expected = await db().getRepository(ProgressReport).countBy({ cityCode: fresh.cityCode });
      expect(city.totalCount).toBe(expected);
      expect((await list(cityAdminOf(fresh.cityCode), { cityCode: other.cityCode })).body.data!.progressReports.totalCount).toBe(0);
      expect(errorOf((await graph.query(`{ progressReports { totalCount } }`)).body)?.extensions?.code).toBe('UNAUTHENTICATED');
      expect(errorOf((await list(ASSESSOR, { period: '2025-Q1' })).body)?.extensions?.code).toBe('BAD_USER_INPUT');
    });

    it('takes a report once, dated by the server, late after its due date', async () => {
      const before = await counts();
      expect(errorOf((await submit(other.operatorId, operatorOf(fresh.operatorId))).body)?.extensions?.code).toBe('FORBIDDEN');
      expect(errorOf((await submit(fresh.operatorId, operatorOf(fresh.operatorId), '2026-H3')).body)?.extensions?.code).toBe(
        'BAD_USER_INPUT',
      );
      expect(await counts()).toEqual(before);

      const row = await db().getRepository(ProgressReport).findOneBy({ organizationId: fresh.operatorId, period: '2026-H1' });
      await db().getRepository(ProgressReport).delete({ organizationId: fresh.operatorId, period: '2026-H1' });
      const { body } = await submit(fresh.operatorId, operatorOf(fresh.operatorId));
      expect(body.errors).toBeUndefined();
      // 2026-H1 was due on 2026-07-31: submitted today, it is late
      expect(body.data!.submitProgressReport).toEqual({
        period: '2026-H1',
        status: new Date().toISOString().slice(0, 10) > '2026-07-31' ? 'LATE' : 'SUBMITTED',
        figures: { personTimes: 320 },
      });
      expect(errorOf((await submit(fresh.operatorId, operatorOf(fresh.operatorId))).body)?.extensions?.code).toBe('CONFLICT');
      expect(row).not.toBeUndefined();
    });

    it('answers requests racing for the same reports with the reports or CONFLICT, keeping one report each', async () => {
      const mutation = `mutation { requestProgressReports(period: "2098-H2", organizationIds: ["${fresh.operatorId}", "${other.operatorId}"]) { period } }`;
      const answers = await Promise.all(
        Array.from({ length: 6 }, () => graph.query<{ requestProgressReports: { period: string }[] }>(mutation, {}, ADMIN)),
      );
      for (const { body } of answers) {
        if (body.errors) expect(errorOf(body)?.extensions).toMatchObject({ code: 'CONFLICT', reason: 'CONCURRENT_REQUEST' });
        else expect(body.data!.requestProgressReports).toHaveLength(2);
      }
      expect(answers.some(({ body }) => !body.errors)).toBe(true);
      expect(await db().getRepository(ProgressReport).countBy({ period: '2098-H2' })).toBe(2);
    });

    it('shows a requested report MISSING once its due date passes', async () => {
      const missing = (await list(ASSESSOR, { status: 'MISSING' })).body.data!.progressReports;
      const today = new Date().toISOString().slice(0, 10);
      const rows = await db().getRepository(ProgressReport).find();
      expect(missing.totalCount).toBe(rows.filter((r) => r.submittedOn === null && r.dueOn < today).length);
      const requested = await graph.query<{ requestProgressReports: { status: string; period: string }[] }>(
        `mutation { requestProgressReports(period: "2098-H1", organizationIds: ["${fresh.operatorId}", "${other.operatorId}"]) { status period } }`,
        {},
        ADMIN,
      );
      expect(requested.body.data!.requestProgressReports).toEqual([
        { status: 'DUE', period: '2098-H1' },
        { status: 'DUE', period: '2098-H1' },
      ]);
      const before = await counts();
      const unknown = await graph.query(
        `mutation { requestProgressReports(period: "2098-H1", organizationIds: ["${fresh.operatorId}", "${UNKNOWN}"]) { status } }`,
        {},
        ADMIN,
      );
      expect(errorOf(unknown.body)?.extensions?.code).toBe('NOT_FOUND');
      expect(await counts()).toEqual(before);
    });
  });

  describe('flagged subjects', () => {
    it('computes every subject whose latest assessment failed or that is dishonest, citing the cause', async () => {
      const candidates = await flagCandidates(db().manager);
      const assessments = await db().getRepository(Assessment).find();
      const latest = new Map<string, Assessment>();
      for (const a of assessments) if ((latest.get(a.subjectId)?.year ?? 0) < a.year) latest.set(a.subjectId, a);
      const failing = [...latest.values()]
        .filter((a) => a.result === AssessmentResult.FAIL)
        .map((a) => a.subjectId)
        .sort();
      expect(failing.length).toBeGreaterThan(0);
      expect(
        candidates
          .filter((c) => c.reasons.includes(FlagReason.FAILED_ASSESSMENT))
          .map((c) => c.subjectId)
          .sort(),
      ).toEqual(failing);
      expect(
        candidates
          .filter((c) => c.reasons.includes(FlagReason.FAILED_ASSESSMENT))
          .every((c) => c.assessment?.id === latest.get(c.subjectId)!.id),
      ).toBe(true);

      const { body } = await graph.query<{ base: { credit: { dishonest: boolean } } }>(
        `{ ${candidates.map((c, i) => `s${i}: ${c.subjectType === 'Base' ? 'base' : 'institution'}(id: "${c.subjectId}") { credit { dishonest } }`).join(' ')} }`,
        {},
        ASSESSOR,
      );
      const dishonest = candidates.filter((c) => c.reasons.includes(FlagReason.DISHONEST));
      expect(dishonest.length).toBeGreaterThan(0);
      candidates.forEach((c, i) =>
        expect((body.data as Record<string, { credit: { dishonest: boolean } }>)[`s${i}`].credit.dishonest).toBe(
          c.reasons.includes(FlagReason.DISHONEST),
        ),
      );
      expect(dishonest.every((c) => c.creditEvent?.kind === 'DISHONESTY')).toBe(true);
    });

    it('is for assessors and the province only', async () => {
      expect(errorOf((await graph.query(`{ flaggedSubjects { reasons } }`)).body)?.extensions?.code).toBe('UNAUTHENTICATED');
      expect(errorOf((await graph.query(`{ flaggedSubjects { reasons } }`, {}, operatorOf(fresh.operatorId))).body)?.extensions?.code).toBe(
        'FORBIDDEN',
      );
    });
  });

  describe('batching', () => {
    it('reads assessments, credit and public opinion of a roster in the same statements whatever its size', async () => {
      const query = (code: string) =>
        `{ brand(code: "${code}") { bases { latestAssessment { result } assessments { year } credit { score dishonest events { kind } } feedback { rating } publicOpinion { score } } } }`;
      const sizes = new Map<string, number>();
      const statements = new Map<string, number>();
      for (const code of ['SICHUAN_CHEF.HOTPOT', 'CONSTRUCTION_WORKER']) {
        if (!program.brands.some((b) => b.code === code)) continue;
        const sql = await sqlDuring(graph, async () => {
          const { body } = await graph.query<{ brand: { bases: unknown[] } }>(query(code), {}, ASSESSOR);
          expect(body.errors).toBeUndefined();
          sizes.set(code, body.data!.brand.bases.length);
        });
        statements.set(code, sql.evaluation);
      }
      const [small, large] = [...sizes.values()];
      expect(large).toBeGreaterThan(small);
      const [a, b] = [...statements.values()];
      expect(b).toBe(a);
      // latest, all assessments, credit, feedback, opinion: one fetch, its five selects sent as one statement
      expect(a).toBe(1);
    });
  });

  describe('flagged subjects through the graph', () => {
    it('lists every ACTIVE flagged subject, and only ACTIVE ones, with the assessment or credit event that caused it', async () => {
      const candidates = await flagCandidates(db().manager);
      expect(candidates.length).toBeGreaterThan(1);
      const rosterOf = async () => {
        const ids = candidates.map((c) => c.subjectId);
        const { body } = await graph.query<{
          bases: { nodes: { id: string; status: string }[] };
          institutions: { nodes: { id: string; status: string }[] };
        }>(
          `query ($ids: [ID!]) { bases(filter: { ids: $ids }, first: 500) { nodes { id status } } institutions(filter: { ids: $ids }, first: 500) { nodes { id status } } }`,
          { ids },
          ADMIN,
        );
        return new Map([...body.data!.bases.nodes, ...body.data!.institutions.nodes].map((n) => [n.id, n.status]));
      };
      // the bases subgraph suspends one flagged base: the list must drop it
      const target = candidates.find((c) => c.subjectType === 'Base' && c.assessment)!;
      expect((await rosterOf()).get(target.subjectId)).toBe('ACTIVE');
      const suspended = await graph.query(
        `mutation ($input: RosterAdjustmentInput!) { adjustRoster(input: $input) { toStatus causeAssessment { id } } }`,
        {
          input: {
            subjectType: 'BASE',
            subjectId: target.subjectId,
            action: 'SUSPEND',
            reason: 'FAILED_ASSESSMENT',
            causeAssessmentId: target.assessment!.id,
            explanation: '年度评估验收不合格，暂停资格整改',
            decisionReference: '川人社函〔2026〕8号',
            decidedOn: '2026-02-01',
          },
        },
        ADMIN,
      );
      expect(suspended.body.data).toEqual({ adjustRoster: { toStatus: 'SUSPENDED', causeAssessment: { id: target.assessment!.id } } });

      const status = await rosterOf();
      const { body } = await graph.query<{
        flaggedSubjects: {
          subject: { id: string };
          reasons: string[];
          assessment: { id: string } | null;
          creditEvent: { id: string } | null;
        }[];
      }>(
        `{ flaggedSubjects { subject { ... on Base { id } ... on Institution { id } } reasons assessment { id } creditEvent { id } } }`,
        {},
        ASSESSOR,
      );
      expect(body.errors).toBeUndefined();
      const expected = candidates.filter((c) => status.get(c.subjectId) === 'ACTIVE');
      expect(expected.map((c) => c.subjectId)).not.toContain(target.subjectId);
      expect(body.data!.flaggedSubjects.map((f) => f.subject.id)).toEqual(expected.map((c) => c.subjectId));
      expect(body.data!.flaggedSubjects.map((f) => f.assessment?.id ?? null)).toEqual(expected.map((c) => c.assessment?.id ?? null));
    });
  });

  describe('an organisation on the dishonesty list through an event of its own', () => {
    it('flags its ACTIVE bases and institutions DISHONEST and makes their credit dishonest, until the organisation is remediated', async () => {
      const flaggedQuery =
        '{ flaggedSubjects { reasons creditEvent { id } subject { __typename ... on Base { id } ... on Institution { id } } } }';
      type Flagged = { reasons: string[]; creditEvent: { id: string } | null; subject: { __typename: string; id: string } };
      const flagged = async () => (await graph.query<{ flaggedSubjects: Flagged[] }>(flaggedQuery, {}, ADMIN)).body.data!.flaggedSubjects;
      const before = await flagged();
      const dishonestBefore = new Set(before.filter((f) => f.reasons.includes('DISHONEST')).map((f) => f.subject.id));
      const organization = program.organizations.find(
        (o) =>
          o.id !== fresh.operatorId &&
          program.bases.some((b) => b.operatorId === o.id && b.status === 'ACTIVE' && !dishonestBefore.has(b.id)),
      )!;
      const active = [
        ...program.bases.filter((b) => b.operatorId === organization.id && b.status === 'ACTIVE').map((b) => b.id),
        ...program.institutions.filter((i) => i.organizationId === organization.id && i.status === 'ACTIVE').map((i) => i.id),
      ].sort();
      const inactive = program.bases.filter((b) => b.operatorId === organization.id && b.status !== 'ACTIVE').map((b) => b.id);
      const base = program.bases.find((b) => b.operatorId === organization.id && b.status === 'ACTIVE')!;
      const baseCredit = async () =>
        (
          await graph.query<{ base: { credit: { dishonest: boolean; level: string } } }>(
            `{ base(id: "${base.id}") { credit { dishonest level } } }`,
            {},
            ASSESSOR,
          )
        ).body.data!.base.credit;
      expect((await baseCredit()).dishonest).toBe(false);

      const recorded = await graph.query<{ recordCreditEvent: { id: string } }>(
        'mutation ($input: RecordCreditEventInput!) { recordCreditEvent(input: $input) { id } }',
        {
          input: {
            organizationId: organization.id,
            kind: 'DISHONESTY',
            points: -40,
            reason: '骗取培训补贴，列入失信名单',
            occurredOn: '2026-01-20',
          },
        },
        ADMIN,
      );
      expect(recorded.body.errors).toBeUndefined();
      const eventId = recorded.body.data!.recordCreditEvent.id;

      const listed = (await flagged()).filter((f) => active.includes(f.subject.id));
      expect(listed.map((f) => f.subject.id).sort()).toEqual(active);
      expect(listed.every((f) => f.reasons.includes('DISHONEST'))).toBe(true);
      expect(listed.filter((f) => !dishonestBefore.has(f.subject.id)).every((f) => f.creditEvent?.id === eventId)).toBe(true);
      expect((await flagged()).some((f) => inactive.includes(f.subject.id))).toBe(false);
      expect(await baseCredit()).toEqual({ dishonest: true, level: 'D' });

      const remediated = await graph.query(
        'mutation ($input: RecordCreditEventInput!) { recordCreditEvent(input: $input) { id } }',
        {
          input: {
            organizationId: organization.id,
            kind: 'REMEDIATION',
            points: 20,
            reason: '完成整改，经审定予以信用修复',
            occurredOn: '2026-02-01',
          },
        },
        ADMIN,
      );
      expect(remediated.body.errors).toBeUndefined();
      expect((await baseCredit()).dishonest).toBe(false);
      expect(
        (await flagged())
          .filter((f) => f.reasons.includes('DISHONEST'))
          .map((f) => f.subject.id)
          .sort(),
      ).toEqual([...dishonestBefore].sort());
    });
  });
});
