import { IsNull } from 'typeorm';
import { Role } from '@skills-sichuan/runtime';
import { OutboxEvent, todayInChina } from '@skills-sichuan/subgraph-kit';
import { generateProgram } from './program';
import { startGraph, TEST_PROGRAM, type Graph, type Json } from './graph';

const ADMIN = { role: Role.PROVINCIAL_ADMIN, sub: 'dept-admin' };
const program = generateProgram(TEST_PROGRAM);
const TODAY = todayInChina();

/**
 * The plan's rules across subgraphs, through the gateway: a dishonest organisation refused at
 * every door with one code (失信惩戒), a disqualification reaching its licences, support and
 * assessments (取消其相关资格和政策支持), licences granted only to the qualified (使用资格条件),
 * 书面说明 then 审定 as two steps, and an event delivered twice applied once.
 */
describe('the plan’s rules across subgraphs', () => {
  let graph: Graph;
  const admin = (query: string, variables: Record<string, unknown> = {}) => graph.query(query, variables, ADMIN);
  const count = async (subgraph: 'bases' | 'brands' | 'evaluation', table: string) =>
    Number((await graph.subgraphs[subgraph].db.query(`SELECT COUNT(*) AS n FROM ${table}`))[0].n);
  const adjust = (input: Record<string, unknown>) =>
    admin('mutation ($input: RosterAdjustmentInput!) { adjustRoster(input: $input) { id } }', {
      input: { subjectType: 'BASE', decisionReference: '川人社函〔2026〕1号', ...input },
    });
  const licencesOf = async (organizationId: string) =>
    (
      await admin(
        `query ($id: ID!) { organization(id: $id) { usageLicences { id status brand { id } suspendedByDecisionId revokedByDecisionId revocationReason } } }`,
        { id: organizationId },
      )
    ).body.data!.organization.usageLicences as Json[];

  beforeAll(async () => {
    graph = await startGraph();
  });
  afterAll(() => graph?.stop());

  /** ACTIVE bases whose organisation runs no other ACTIVE subject and holds an ACTIVE licence: a disqualification is theirs alone */
  const loneBases = () =>
    program.bases.filter(
      (b) =>
        b.status === 'ACTIVE' &&
        b.tier === 'AUXILIARY' &&
        program.bases.filter((o) => o.operatorId === b.operatorId && o.status === 'ACTIVE').length === 1 &&
        !program.institutions.some((i) => i.organizationId === b.operatorId && i.status === 'ACTIVE'),
    );

  describe('a dishonest organisation is refused at every door, with SUBJECT_DISHONEST, and nothing is written', () => {
    const base = loneBases()[0];
    const organizationId = base.operatorId;
    const brand = program.brands.find((b) => b.id === base.brandId)!;
    let pendingApplication: string;
    let dishonesty: string;

    beforeAll(async () => {
      // before it is listed: an application through 初审, and the base suspended
      const submitted = await admin('mutation ($input: SubmitApplicationInput!) { submitApplication(input: $input) { id } }', {
        input: {
          kind: 'BASE',
          organizationId,
          name: '测试辅基地（失信前申报）',
          tier: 'AUXILIARY',
          brandIds: [brand.id],
          conditions: { facilities: '实训车间', courseSystem: '模块化课程', managementSystem: '制度健全' },
          fields: ['MODERN_SERVICES'],
        },
      });
      pendingApplication = submitted.body.data!.submitApplication.id;
      await admin('mutation ($id: ID!) { passPreliminaryReview(input: { id: $id, opinion: "通过初审" }) { id } }', {
        id: pendingApplication,
      });
      expect(
        (await adjust({ subjectId: base.id, action: 'SUSPEND', reason: 'POOR_PERFORMANCE', explanation: '推进不力，暂停资格' })).body
          .errors,
      ).toBeUndefined();
      const listed = await admin('mutation ($input: RecordCreditEventInput!) { recordCreditEvent(input: $input) { id } }', {
        input: { organizationId, kind: 'DISHONESTY', points: -50, reason: '虚报培训人次，骗取培训补贴', occurredOn: TODAY },
      });
      expect(listed.body.errors).toBeUndefined();
      dishonesty = listed.body.data!.recordCreditEvent.id;
      await graph.eventsSettled();
    });

    const doors: [string, () => Promise<Json>, () => Promise<number>][] = [
      [
        'an application (申报)',
        () =>
          admin('mutation ($input: SubmitApplicationInput!) { submitApplication(input: $input) { id } }', {
            input: {
              kind: 'BASE',
              organizationId,
              name: '测试辅基地（失信后申报）',
              tier: 'AUXILIARY',
              brandIds: [brand.id],
              conditions: { facilities: '有', courseSystem: '有', managementSystem: '有' },
              fields: ['MODERN_SERVICES'],
            },
          }),
        () => count('bases', 'application'),
      ],
      [
        'a selection (遴选)',
        () =>
          admin(
            'mutation ($id: ID!) { selectApplication(input: { id: $id, decisionReference: "川人社函〔2026〕9号", opinion: "遴选" }) { id } }',
            {
              id: pendingApplication,
            },
          ),
        () => count('bases', 'base'),
      ],
      [
        'a return to the roster (REINSTATE)',
        () => adjust({ subjectId: base.id, action: 'REINSTATE', explanation: '整改完成，恢复资格' }),
        () => count('bases', 'roster_decision'),
      ],
      [
        'an honour',
        () =>
          admin(
            'mutation ($id: ID!) { awardHonour(input: { baseId: $id, kind: MASTER_STUDIO, level: PROVINCIAL, year: 2026, name: "测试技能大师工作室" }) { id } }',
            {
              id: base.id,
            },
          ),
        () => count('bases', 'honour'),
      ],
      [
        'policy support',
        () =>
          admin(
            'mutation ($id: ID!) { grantSupport(input: { subjectType: BASE, subjectId: $id, kind: TRAINING_SUBSIDY, description: "2026年度培训补贴", grantedBy: "四川省人力资源和社会保障厅", validFrom: "2026-01-01", validTo: "2026-12-31" }) { id } }',
            {
              id: base.id,
            },
          ),
        () => count('bases', 'policy_support'),
      ],
      [
        'a brand usage licence',
        () =>
          admin(
            'mutation ($b: ID!, $o: ID!) { grantUsageLicence(input: { brandId: $b, licenseeId: $o, scope: "培训使用", validFrom: "2026-06-01", validTo: "2027-05-31" }) { id } }',
            {
              b: brand.parentId ?? brand.id,
              o: organizationId,
            },
          ),
        () => count('brands', 'usage_licence'),
      ],
    ];

    it.each(doors)('%s', async (_door, act, rows) => {
      const before = await rows();
      const { body } = await act();
      expect(body.errors?.[0].extensions).toMatchObject({ code: 'SUBJECT_DISHONEST', creditEventId: dishonesty });
      expect(body.errors?.[0].message).toMatch(/dishonesty list \(失信惩戒\)/);
      expect(await rows()).toBe(before);
    });

    it('opens every door again once it is remediated', async () => {
      await admin('mutation ($input: RecordCreditEventInput!) { recordCreditEvent(input: $input) { id } }', {
        input: { organizationId, kind: 'REMEDIATION', points: 20, reason: '完成整改，退回违规补贴', occurredOn: TODAY },
      });
      await graph.eventsSettled();
      const reinstated = await adjust({ subjectId: base.id, action: 'REINSTATE', explanation: '整改完成，恢复资格' });
      expect(reinstated.body.errors).toBeUndefined();
    });
  });

  describe('a disqualification reaches the subject’s licences, support and assessments', () => {
    const base = loneBases()[1];
    let suspension: string;

    it('SUSPEND: its licence suspended and its support withdrawn, both naming the decision', async () => {
      const granted = await admin(
        'mutation ($id: ID!) { grantSupport(input: { subjectType: BASE, subjectId: $id, kind: TRAINING_SUBSIDY, description: "2026年度培训补贴 80 万元", grantedBy: "四川省人力资源和社会保障厅", validFrom: "2026-01-01", validTo: "2027-12-31" }) { id status } }',
        { id: base.id },
      );
      expect(granted.body.data!.grantSupport.status).toBe('ACTIVE');
      const before = (await licencesOf(base.operatorId)).filter((l) => l.status === 'ACTIVE');
      expect(before.length).toBeGreaterThan(0);
      const decided = await adjust({ subjectId: base.id, action: 'SUSPEND', reason: 'MAJOR_PUBLIC_OPINION', explanation: '发生重大舆情' });
      suspension = decided.body.data!.adjustRoster.id;
      await graph.eventsSettled();
      for (const licence of (await licencesOf(base.operatorId)).filter((l) => before.some((b) => b.id === l.id)))
        expect(licence).toMatchObject({ status: 'SUSPENDED', suspendedByDecisionId: suspension });
      const supports = (
        await admin('query ($id: ID!) { base(id: $id) { supports { status withdrawnOn withdrawnBy { id } } } }', { id: base.id })
      ).body.data!.base.supports as Json[];
      expect(supports.every((s) => s.status === 'WITHDRAWN' && s.withdrawnBy.id === suspension)).toBe(true);
    });

    it('REINSTATE: the licence runs again (support stays withdrawn: it is granted anew)', async () => {
      await adjust({ subjectId: base.id, action: 'REINSTATE', explanation: '舆情处置完毕，恢复资格' });
      await graph.eventsSettled();
      const licences = await licencesOf(base.operatorId);
      expect(licences.some((l) => l.status === 'ACTIVE' && l.suspendedByDecisionId === null)).toBe(true);
      expect(licences.every((l) => l.status !== 'SUSPENDED')).toBe(true);
    });

    it('an event delivered twice is applied once', async () => {
      const outbox = graph.subgraphs.bases.db.getRepository(OutboxEvent);
      const suspended = (await outbox.find({ where: { type: 'roster.subject-disqualified' } })).find(
        (e) => JSON.parse(e.payload).decisionId === suspension,
      )!;
      const inbox = async () =>
        Number((await graph.subgraphs.brands.db.query(`SELECT COUNT(*) AS n FROM event_inbox WHERE id = '${suspended.id}'`))[0].n);
      expect(await inbox()).toBe(1);
      // delivered again, as a relay that crashed before marking it would
      await outbox.update({ seq: suspended.seq }, { publishedAt: null });
      await graph.eventsSettled();
      expect(await outbox.countBy({ publishedAt: IsNull() })).toBe(0);
      expect(await inbox()).toBe(1);
      // the older suspension did not undo the reinstatement
      expect((await licencesOf(base.operatorId)).every((l) => l.status !== 'SUSPENDED')).toBe(true);
    });

    it('REVOKE: the licence revoked naming the decision, and no assessment for a year after it', async () => {
      const revoked = await adjust({
        subjectId: base.id,
        action: 'REVOKE',
        reason: 'MAJOR_VIOLATION',
        explanation: '发生重大违规行为，取消资格',
      });
      const decision = revoked.body.data!.adjustRoster.id;
      await graph.eventsSettled();
      const licences = await licencesOf(base.operatorId);
      expect(
        licences.some((l) => l.status === 'REVOKED' && l.revokedByDecisionId === decision && /取消资格/.test(l.revocationReason)),
      ).toBe(true);
      expect(licences.some((l) => l.status === 'ACTIVE')).toBe(false);
    });
  });

  it('a subject revoked last year is not assessed this year: SUBJECT_DISQUALIFIED, nothing written', async () => {
    // a base whose history ends before this year, revoked on the last day of last year
    const year = Number(TODAY.slice(0, 4));
    // past the bases the other cases take
    const base = loneBases()
      .slice(5)
      .find((b) => b.designatedOn < `${year - 1}-06-30` && !program.assessments.some((a) => a.subjectId === b.id && a.year === year))!;
    const history = (await admin('query ($id: ID!) { base(id: $id) { rosterHistory { decidedOn } } }', { id: base.id })).body.data!.base
      .rosterHistory as Json[];
    expect(history.every((d) => d.decidedOn <= `${year - 1}-12-31`)).toBe(true);
    const revoked = await adjust({
      subjectId: base.id,
      action: 'REVOKE',
      reason: 'POOR_PERFORMANCE',
      explanation: '推进不力，取消资格',
      decidedOn: `${year - 1}-12-31`,
    });
    expect(revoked.body.errors).toBeUndefined();
    await graph.eventsSettled();
    const before = await count('evaluation', 'assessment');
    const { body } = await admin('mutation ($input: RecordAssessmentInput!) { recordAssessment(input: $input) { id } }', {
      input: {
        subjectType: 'BASE',
        subjectId: base.id,
        year,
        qualityScore: 80,
        trustScore: 80,
        assessedOn: `${year}-01-15`,
        assessor: '省评估组',
      },
    });
    expect(body.errors?.[0].extensions).toMatchObject({ code: 'SUBJECT_DISQUALIFIED', disqualifiedOn: `${year - 1}-12-31` });
    expect(await count('evaluation', 'assessment')).toBe(before);
  });

  it('keeps a licence another ACTIVE subject of the organisation still carries', async () => {
    const base = loneBases()[3];
    const brand = program.brands.find((b) => b.id === base.brandId)!;
    // a second auxiliary base of the same brand for the same organisation
    const submitted = await admin('mutation ($input: SubmitApplicationInput!) { submitApplication(input: $input) { id } }', {
      input: {
        kind: 'BASE',
        organizationId: base.operatorId,
        name: '测试第二辅基地',
        tier: 'AUXILIARY',
        brandIds: [brand.id],
        conditions: { facilities: '实训车间', courseSystem: '模块化课程', managementSystem: '制度健全' },
        fields: ['MODERN_SERVICES'],
      },
    });
    const id = submitted.body.data!.submitApplication.id;
    await admin('mutation ($id: ID!) { passPreliminaryReview(input: { id: $id, opinion: "通过初审" }) { id } }', { id });
    expect(
      (
        await admin(
          'mutation ($id: ID!) { selectApplication(input: { id: $id, decisionReference: "川人社函〔2026〕10号", opinion: "遴选" }) { id } }',
          { id },
        )
      ).body.errors,
    ).toBeUndefined();
    const before = (await licencesOf(base.operatorId)).filter((l) => l.status === 'ACTIVE').map((l) => l.id);
    await adjust({ subjectId: base.id, action: 'EXIT', reason: 'MARKET_CHANGE', explanation: '市场变化，主动退出' });
    await graph.eventsSettled();
    const after = (await licencesOf(base.operatorId)).filter((l) => l.status === 'ACTIVE').map((l) => l.id);
    expect(after).toEqual(before);
  });

  describe('a licence is granted only to the qualified (使用资格条件)', () => {
    const brand = program.brands.find((b) => b.level === 'PUBLIC_BRAND' && b.code === 'SICHUAN_CHEF')!;
    const holder = program.bases.find(
      (b) => b.status === 'ACTIVE' && (b.brandId === brand.id || program.brands.find((s) => s.id === b.brandId)?.parentId === brand.id),
    )!;
    const stranger = program.organizations.find((o) => !program.bases.some((b) => b.operatorId === o.id))!;
    const grant = (licenseeId: string, attested: string[]) =>
      admin(
        'mutation ($b: ID!, $o: ID!, $a: [ID!]) { grantUsageLicence(input: { brandId: $b, licenseeId: $o, scope: "在菜品和培训中使用品牌标识", validFrom: "2026-09-01", validTo: "2027-08-31", attestedQualificationIds: $a }) { id } }',
        { b: brand.id, o: licenseeId, a: attested },
      );
    let attestable: string[];

    beforeAll(async () => {
      await admin(
        'mutation ($b: ID!) { addUsageQualification(input: { brandId: $b, requirement: "须为品牌培育基地或作业机构的运营主体", effectiveFrom: "2026-08-01", kind: ROSTER_SUBJECT }) { id } }',
        {
          b: brand.id,
        },
      );
      const conditions = (
        await admin('query ($id: ID!) { brand(id: $id) { usageQualifications { id kind effectiveFrom withdrawnOn } } }', { id: brand.id })
      ).body.data!.brand.usageQualifications as Json[];
      attestable = conditions.filter((q) => q.kind === 'ATTESTED' && !q.withdrawnOn).map((q) => q.id);
    });

    it('refuses one that runs no base of the brand, and one whose hand-checked conditions were not attested, listing each unmet', async () => {
      const before = await count('brands', 'usage_licence');
      const strangerGrant = (await grant(stranger.id, attestable)).body;
      expect(strangerGrant.errors?.[0].extensions).toMatchObject({
        code: 'QUALIFICATION_NOT_MET',
        unmet: [
          expect.objectContaining({
            kind: 'ROSTER_SUBJECT',
            why: expect.stringMatching(/runs no ACTIVE base or institution of 川菜大师傅/),
          }),
        ],
      });
      const unattested = (await grant(holder.operatorId, [])).body;
      expect(unattested.errors?.[0].extensions?.code).toBe('QUALIFICATION_NOT_MET');
      expect((unattested.errors?.[0].extensions?.unmet as Json[]).map((u) => u.kind)).toEqual(attestable.map(() => 'ATTESTED'));
      expect(await count('brands', 'usage_licence')).toBe(before);
    });

    it('grants one that runs a base of the brand, its conditions attested', async () => {
      const { body } = await grant(holder.operatorId, attestable);
      expect(body.errors).toBeUndefined();
    });
  });

  describe('书面说明 by the subject, then 审定 by the department', () => {
    const base = loneBases()[4];
    const operator = { role: Role.BASE_OPERATOR, sub: 'operator', org: base.operatorId };
    const submit = () =>
      graph.query(
        'mutation ($input: SubmitRosterStatementInput!) { submitRosterStatement(input: $input) { id status } }',
        {
          input: {
            subjectType: 'BASE',
            subjectId: base.id,
            reason: 'FORCE_MAJEURE',
            explanation: '受洪灾影响，实训场地损毁，无法继续开展培育工作',
          },
        },
        operator,
      );
    let statement: string;

    it('the subject submits its statement; a second while one is pending is refused', async () => {
      const { body } = await submit();
      expect(body.data!.submitRosterStatement.status).toBe('PENDING');
      statement = body.data!.submitRosterStatement.id;
      const before = await count('bases', 'roster_statement');
      expect((await submit()).body.errors?.[0].extensions?.code).toBe('CONFLICT');
      expect(await count('bases', 'roster_statement')).toBe(before);
      // the subject's statement alone changes nothing on the roster
      expect((await admin('query ($id: ID!) { base(id: $id) { status } }', { id: base.id })).body.data!.base.status).toBe('ACTIVE');
    });

    it('the department approves it: the roster decision made with the subject’s statement and the review, one transaction', async () => {
      const { body } = await admin(
        'mutation ($input: ReviewRosterStatementInput!) { reviewRosterStatement(input: $input) { status decision { action reason explanation decisionReference } } }',
        { input: { id: statement, approve: true, action: 'EXIT', note: '情况属实，同意退出', decisionReference: '川人社函〔2026〕20号' } },
      );
      expect(body.errors).toBeUndefined();
      expect(body.data!.reviewRosterStatement).toMatchObject({
        status: 'APPROVED',
        decision: {
          action: 'EXIT',
          reason: 'FORCE_MAJEURE',
          decisionReference: '川人社函〔2026〕20号',
          explanation: expect.stringContaining('受洪灾影响'),
        },
      });
      expect((await admin('query ($id: ID!) { base(id: $id) { status } }', { id: base.id })).body.data!.base.status).toBe('EXITED');
      const again = await admin('mutation ($input: ReviewRosterStatementInput!) { reviewRosterStatement(input: $input) { status } }', {
        input: { id: statement, approve: false, note: '重复审定' },
      });
      expect(again.body.errors?.[0].extensions?.code).toBe('INVALID_TRANSITION');
    });
  });

  // runs last: it stops the training subgraph
  it('revokes a subject’s licences while a subgraph with no use for the event (training) is down', async () => {
    const base = loneBases().at(-1)!;
    await graph.subgraphs.training.stop();
    const revoked = await adjust({ subjectId: base.id, action: 'REVOKE', reason: 'MAJOR_VIOLATION', explanation: '重大违规，取消资格' });
    expect(revoked.body.errors).toBeUndefined();
    const decision = revoked.body.data!.adjustRoster.id;
    const deadline = Date.now() + 10_000;
    let licences = await licencesOf(base.operatorId);
    while (!licences.some((l) => l.revokedByDecisionId === decision) && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
      licences = await licencesOf(base.operatorId);
    }
    expect(licences.filter((l) => l.revokedByDecisionId === decision).map((l) => l.status)).toEqual(['REVOKED']);
  });
});
