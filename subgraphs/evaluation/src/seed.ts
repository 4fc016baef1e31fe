import type { EntityManager } from 'typeorm';
import { addDays, insertMany, publishEvent, Random, SEED_DAY, type ProgramOptions } from '@skills-sichuan/subgraph-kit';
import { isDishonest } from './credit/credit.rule';
import { BrandLevel, generateBrands } from '@skills-sichuan/brands/seed';
import { generateRoster, RosterStatus, type RosterChangeSeed } from '@skills-sichuan/bases/seed';
import { generateTraining } from '@skills-sichuan/training/seed';
import { Assessment, AssessmentResult } from './assessment/assessment.entity';
import { assessmentResult } from './assessment/scoring';
import {
  CreditCommitment,
  CreditEvent,
  CreditEventKind,
  IntegrityInvestigation,
  InvestigationFinding,
  InvestigationStatus,
} from './credit/credit.entity';
import { FeedbackStatus, PublicFeedback } from './feedback/feedback.entity';
import { ProgressReport } from './report/progress-report.entity';
import { dueOn } from './report/progress-report.service';
import { generateAssessments } from './seed/assessments.generator';
import type { SubjectType } from './subject/subject.enums';

const min = (a: string, b: string) => (a < b ? a : b);

const PERIODS = ['2024-H1', '2024-H2', '2025-H1', '2025-H2', '2026-H1', '2026-H2'];
const PLEDGE =
  '本单位承诺：严格遵守技能四川公共品牌管理规定，如实报送培育进展和培训数据，不虚报人次、不冒用品牌，自愿接受社会监督和信用惩戒。';
const COMMENTS = {
  good: ['老师很专业，实训设备新，学完就找到了工作', '课程安排合理，考证通过率高', '基地管理规范，值得推荐'],
  fair: ['培训内容还可以，实操时间偏少', '整体满意，希望增加晚班课程'],
  poor: ['宣传与实际不符，实训课经常取消', '培训人次存在虚报，学员名单有冒名', '收费不透明，投诉无人处理'],
};
const VIOLATIONS = ['培训台账不完整，年度进展逾期报送', '未按规定使用品牌标识', '实训场地与申报材料不符'];
const MAJOR_VIOLATIONS = ['违规转包培训项目，套取培训资金', '以品牌名义违规收取高额培训费用', '伪造培训合格证书'];
const DISHONESTY = ['虚报培训人次，骗取培训补贴', '伪造学员签到和结业材料', '冒用技能公共品牌开展收费培训'];

interface SubjectFacts {
  type: SubjectType;
  id: string;
  organizationId: string;
  cityCode: string;
  status: RosterStatus;
  designatedOn: string;
  changes: RosterChangeSeed[];
  latest: Assessment | null;
}

/**
 * The evaluation subgraph's records of the program: its assessments (its generator;
 * published a fortnight after the check) of the bases subgraph's roster (that generator),
 * and, from this subgraph's own stream, public feedback of every moderation status,
 * credit commitments, investigations and events (failing subjects draw violations, a few
 * ACTIVE ones are dishonest, one of them remediated), and half-yearly progress reports on
 * time, late, missing and not yet due.
 */
export async function seedEvaluation(manager: EntityManager, options: ProgramOptions): Promise<void> {
  const brands = generateBrands(options);
  const { bases, institutions } = generateRoster(options);
  const rng = new Random(options.seed, 'evaluation');
  const assessments = generateAssessments(options).map((a) =>
    Object.assign(new Assessment(), {
      ...a,
      result: assessmentResult(a.qualityScore, a.trustScore, a.publicScore),
      publishedOn: min(addDays(a.assessedOn, 14), SEED_DAY),
    }),
  );
  await insertMany(manager, Assessment, assessments);

  const latest = new Map<string, Assessment>();
  for (const a of assessments) if ((latest.get(a.subjectId)?.year ?? 0) < a.year) latest.set(a.subjectId, a);
  const subjects: SubjectFacts[] = [
    ...bases.map((b) => ({
      type: 'Base' as const,
      id: b.id,
      organizationId: b.operatorId,
      cityCode: b.cityCode,
      status: b.status,
      designatedOn: b.designatedOn,
      changes: b.changes,
      latest: latest.get(b.id) ?? null,
    })),
    ...institutions.map((i) => ({
      type: 'Institution' as const,
      id: i.id,
      organizationId: i.organizationId,
      cityCode: i.cityCode,
      status: i.status,
      designatedOn: i.designatedOn,
      changes: i.changes,
      latest: latest.get(i.id) ?? null,
    })),
  ];

  // Public feedback: ratings follow a subject's standing; every moderation status appears
  const feedback: PublicFeedback[] = [];
  const rate = (subjectType: PublicFeedback['subjectType'], subjectId: string, standing: number, count: number, since: string) => {
    for (let i = 0; i < count; i++) {
      const rating = Math.min(5, Math.max(1, Math.round(standing + (rng.next() - 0.5) * 2)));
      const r = rng.next();
      const status = r < 0.7 ? FeedbackStatus.APPROVED : r < 0.85 ? FeedbackStatus.PENDING : FeedbackStatus.REJECTED;
      const submittedOn = rng.date(since < '2024-01-01' ? '2024-01-01' : since, SEED_DAY);
      const moderatedOn = status === FeedbackStatus.PENDING ? null : min(addDays(submittedOn, rng.int(1, 10)), SEED_DAY);
      feedback.push(
        Object.assign(new PublicFeedback(), {
          id: rng.uuid(),
          subjectType,
          subjectId,
          rating,
          submittedOn,
          status,
          moderatedOn,
          comment: rng.chance(0.8) ? rng.pick(rating >= 4 ? COMMENTS.good : rating === 3 ? COMMENTS.fair : COMMENTS.poor) : null,
          moderationNote: status === FeedbackStatus.REJECTED ? '含不实信息或与培育无关，不予公开' : null,
        }),
      );
    }
  };
  for (const s of subjects) {
    const standing = s.latest?.result === AssessmentResult.FAIL ? 2 : s.latest?.result === AssessmentResult.EXCELLENT ? 4.6 : 3.9;
    rate(s.type, s.id, standing, rng.int(1, 4), s.designatedOn);
  }
  for (const brand of brands.filter((b) => b.level === BrandLevel.PUBLIC_BRAND)) rate('Brand', brand.id, 4.2, rng.int(3, 6), '2024-01-01');
  await insertMany(manager, PublicFeedback, feedback);

  // Credit commitments: most cultivation subjects' organisations sign each year from their designation
  const organizations = new Map<string, SubjectFacts>();
  for (const s of subjects) if (!organizations.has(s.organizationId)) organizations.set(s.organizationId, s);
  const commitments: CreditCommitment[] = [];
  for (const s of organizations.values()) {
    for (let year = Number(s.designatedOn.slice(0, 4)); year <= 2026; year++) {
      if (!rng.chance(0.85)) continue;
      const signedOn = rng.date(`${year}-01-05`, `${year}-03-31`);
      commitments.push(
        Object.assign(new CreditCommitment(), {
          id: rng.uuid(),
          organizationId: s.organizationId,
          year,
          signedOn: signedOn > s.designatedOn ? signedOn : s.designatedOn,
          pledge: PLEDGE,
        }),
      );
    }
  }
  await insertMany(manager, CreditCommitment, commitments);

  // Credit: failing subjects draw violations, excellent ones commendations; a few ACTIVE subjects are found dishonest
  const investigations: IntegrityInvestigation[] = [];
  const events: CreditEvent[] = [];
  const event = (
    s: SubjectFacts,
    kind: CreditEventKind,
    points: number,
    reason: string,
    occurredOn: string,
    investigationId: string | null = null,
    onSubject = true,
    id = rng.uuid(),
  ) =>
    events.push(
      Object.assign(new CreditEvent(), {
        id,
        organizationId: s.organizationId,
        cityCode: s.cityCode,
        subjectType: onSubject ? s.type : null,
        subjectId: onSubject ? s.id : null,
        kind,
        points,
        reason,
        occurredOn,
        recordedBy: 'seed:provincial-admin',
        investigationId,
      }),
    );
  const investigate = (s: SubjectFacts, openedOn: string, finding: InvestigationFinding | null, summary: string | null) => {
    const investigation = Object.assign(new IntegrityInvestigation(), {
      id: rng.uuid(),
      organizationId: s.organizationId,
      cityCode: s.cityCode,
      subjectType: s.type,
      subjectId: s.id,
      scope: '培训人次、补贴申领及品牌使用情况诚信调查',
      openedOn,
      status: finding ? InvestigationStatus.CLOSED : InvestigationStatus.OPEN,
      finding,
      summary,
      closedOn: finding ? min(addDays(openedOn, rng.int(20, 60)), SEED_DAY) : null,
    });
    investigations.push(investigation);
    return investigation;
  };
  // the violations roster decisions cite (重大违规行为), with the ids the roster generator gave them, before the decision
  for (const s of subjects)
    for (const { causeCreditEvent: cause } of s.changes)
      if (cause) event(s, CreditEventKind.VIOLATION, -30, rng.pick(MAJOR_VIOLATIONS), cause.occurredOn, null, true, cause.id);
  for (const s of subjects) {
    if (s.latest?.result === AssessmentResult.FAIL)
      event(s, CreditEventKind.VIOLATION, -rng.int(10, 25), rng.pick(VIOLATIONS), addDays(s.latest.assessedOn, 20));
    else if (s.latest?.result === AssessmentResult.EXCELLENT && rng.chance(0.5))
      event(s, CreditEventKind.COMMENDATION, 5, '年度评估优秀，予以通报表扬', addDays(s.latest.assessedOn, 20));
    else if (rng.chance(0.05))
      investigate(s, rng.date('2025-03-01', '2026-06-30'), InvestigationFinding.CLEARED, '经核查，未发现违规失信行为');
  }
  // dishonesty: at least three ACTIVE subjects (one an institution where one exists), the last of them remediated later
  const active = subjects.filter((s) => s.status === RosterStatus.ACTIVE && s.latest?.result !== AssessmentResult.FAIL);
  const dishonest = rng.shuffled(active.filter((s) => s.type === 'Base')).slice(0, Math.max(2, Math.round(subjects.length * 0.03)));
  const institution = active.find((s) => s.type === 'Institution');
  if (institution) dishonest.splice(1, 0, institution);
  dishonest.forEach((s, i) => {
    const openedOn = rng.date(s.designatedOn < '2025-01-10' ? '2025-01-10' : addDays(s.designatedOn, 30), '2025-09-30');
    const investigation = investigate(s, openedOn, InvestigationFinding.VIOLATION_FOUND, rng.pick(DISHONESTY));
    event(s, CreditEventKind.DISHONESTY, -rng.int(40, 60), investigation.summary!, investigation.closedOn!, investigation.id);
    if (i === dishonest.length - 1)
      event(
        s,
        CreditEventKind.REMEDIATION,
        20,
        '完成整改，退回违规补贴，经审定予以信用修复',
        min(addDays(investigation.closedOn!, 120), SEED_DAY),
      );
  });
  // an organisation-level violation and an open investigation, so both kinds appear
  const someone = rng.pick(active);
  event(someone, CreditEventKind.VIOLATION, -5, '年度培育进展逾期报送', '2026-02-20', null, false);
  investigate(rng.pick(active), '2026-10-20', null, null);
  await insertMany(manager, IntegrityInvestigation, investigations);
  await insertMany(manager, CreditEvent, events);
  await announceSeededListChanges(manager, events);

  // Progress reports: every organisation, every half-year from its designation; on time, late, missing, and the current one not yet due
  const operatorOf = new Map<string, string>(subjects.map((s) => [s.id, s.organizationId]));
  const recorded = new Map<string, number>();
  for (const p of generateTraining(options).programs) {
    const key = `${operatorOf.get(p.providerId)} ${p.startOn.slice(0, 4)}-${p.startOn.slice(5, 7) <= '06' ? 'H1' : 'H2'}`;
    recorded.set(key, (recorded.get(key) ?? 0) + p.enrolled);
  }
  const reports: ProgressReport[] = [];
  for (const s of organizations.values()) {
    const diligence = rng.next();
    for (const period of PERIODS) {
      const due = dueOn(period);
      const ends = `${period.slice(0, 4)}-${period.endsWith('H1') ? '06-30' : '12-31'}`;
      if (ends < s.designatedOn) continue;
      const r = rng.next();
      const submittedOn =
        due > SEED_DAY ? null : r < 0.55 + diligence * 0.3 ? addDays(due, -rng.int(1, 25)) : r < 0.92 ? addDays(due, rng.int(3, 45)) : null;
      // most claim what they trained (a little under, while records trail); a few overstate, as 抽查 finds
      const trained = recorded.get(`${s.organizationId} ${period}`) ?? 0;
      const claimed = submittedOn
        ? rng.chance(0.06)
          ? Math.round(trained * (1.3 + rng.next() * 0.5)) + rng.int(30, 120)
          : Math.round(trained * (0.97 + rng.next() * 0.03))
        : null;
      reports.push(
        Object.assign(new ProgressReport(), {
          id: rng.uuid(),
          organizationId: s.organizationId,
          cityCode: s.cityCode,
          period,
          dueOn: due,
          submittedOn: submittedOn && min(submittedOn, SEED_DAY),
          personTimes: claimed,
          competitionsHosted: submittedOn ? rng.int(0, 3) : null,
          promotionEvents: submittedOn ? rng.int(0, 5) : null,
          employmentPlaced: claimed === null ? null : Math.round(claimed * (0.5 + rng.next() * 0.4)),
          summary: submittedOn ? `${period}培育进展：按计划开展培训与评价工作。` : null,
        }),
      );
    }
  }
  await insertMany(manager, ProgressReport, reports);
}

/** The seeded dishonesty list reaches bases and brands as a live change does: each change of a subject's list status, in order, to the outbox. */
async function announceSeededListChanges(manager: EntityManager, events: CreditEvent[]): Promise<void> {
  const listed = events
    .filter((e) => e.kind === CreditEventKind.DISHONESTY || e.kind === CreditEventKind.REMEDIATION)
    .sort((a, b) => (a.occurredOn < b.occurredOn ? -1 : a.occurredOn > b.occurredOn ? 1 : a.id < b.id ? -1 : 1));
  const bySubject = new Map<string, CreditEvent[]>();
  for (const event of listed) {
    const key = `${event.organizationId}:${event.subjectId ?? ''}`;
    const own = [...(bySubject.get(key) ?? []), event];
    bySubject.set(key, own);
    const dishonest = isDishonest(own);
    if (own.length > 1 ? isDishonest(own.slice(0, -1)) === dishonest : !dishonest) continue;
    await publishEvent(manager, 'credit.dishonesty-changed', {
      organizationId: event.organizationId,
      subjectType: event.subjectType === null ? null : event.subjectType === 'Base' ? 'BASE' : 'INSTITUTION',
      subjectId: event.subjectId,
      dishonest,
      creditEventId: event.id,
      occurredOn: event.occurredOn,
      subjectSeq: own.length,
    });
  }
}
