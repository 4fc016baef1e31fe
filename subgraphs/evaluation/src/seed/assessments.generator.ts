import { ASSESSED_YEARS, Random, type ProgramOptions } from '@skills-sichuan/subgraph-kit';
import { generateRoster, RosterStatus, standingOn } from '@skills-sichuan/bases/seed';
import type { SubjectType } from '../subject/subject.enums';

export interface AssessmentSeed {
  id: string;
  subjectType: SubjectType;
  subjectId: string;
  year: number;
  qualityScore: number;
  trustScore: number;
  publicScore: number | null;
  assessedOn: string;
  findings: string | null;
  assessor: string;
}

const FINDINGS_PASS = [
  '课程体系完善，实训设备保障到位',
  '培训组织规范，学员满意度较高',
  '产训结合成效明显，就业带动作用较强',
  '管理制度健全，台账资料齐全',
];
const FINDINGS_FAIL = [
  '实训场地不足，部分课程未按计划开展',
  '培训台账不完整，存在虚报人次问题',
  '师资力量薄弱，学员投诉较多',
  '年度培育进展未按期报送',
];
const ASSESSORS = ['省人社厅职业能力建设处', '四川省职业技能鉴定指导中心', '第三方评估机构（四川省人才发展研究会）'];

function clamp(n: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, n));
}

/** A normally distributed draw (Box–Muller), rounded to one decimal and kept within 0–100. */
function score(rng: Random, mean: number, spread: number): number {
  const u = 1 - rng.next();
  const v = rng.next();
  const z = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  return Math.round(clamp(mean + z * spread, 0, 100) * 10) / 10;
}

/**
 * The program's assessments, the same for the same options: every base and institution of
 * the bases subgraph's roster, every year from its designation to 2025 while it is on the
 * roster (none once it is suspended, revoked or gone); about one subject in ten is a chronic
 * under-performer that fails, and the spot check a FAILED_ASSESSMENT decision cites fails,
 * with the id the roster generator gave it.
 */
export function generateAssessments(options: ProgramOptions): AssessmentSeed[] {
  const { bases, institutions } = generateRoster(options);
  const rng = new Random(options.seed, 'assessments');
  const assessments: AssessmentSeed[] = [];
  const subjects = [
    ...bases.map((b) => ({ subjectType: 'Base' as const, subjectId: b.id, subject: b })),
    ...institutions.map((i) => ({ subjectType: 'Institution' as const, subjectId: i.id, subject: i })),
  ];
  for (const { subjectType, subjectId, subject } of subjects) {
    const weak = rng.chance(0.1);
    const strong = !weak && rng.chance(0.25);
    for (const year of ASSESSED_YEARS.filter((y) => y >= Number(subject.designatedOn.slice(0, 4)))) {
      const cause = subject.changes.find((c) => c.causeAssessment?.year === year)?.causeAssessment;
      const assessedOn = rng.date(`${year}-11-01`, `${year}-12-20`);
      if (standingOn(subject, assessedOn) !== RosterStatus.ACTIVE) continue;
      const mean = cause ? 44 : weak ? 56 : strong ? 92 : 80;
      const quality = cause ? Math.min(49.9, score(rng, mean, 3)) : score(rng, mean, weak ? 6 : 4);
      assessments.push({
        id: cause?.id ?? rng.uuid(),
        subjectType,
        subjectId,
        year,
        qualityScore: quality,
        trustScore: score(rng, mean + 2, 4),
        publicScore: rng.chance(0.2) ? null : score(rng, mean + 1, 5),
        assessedOn,
        findings: rng.pick(quality < 60 ? FINDINGS_FAIL : FINDINGS_PASS),
        assessor: rng.pick(ASSESSORS),
      });
    }
  }
  return assessments;
}
