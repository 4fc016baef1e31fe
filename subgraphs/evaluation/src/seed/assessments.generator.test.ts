import { isIsoDate } from '@skills-sichuan/runtime';
import { DEFAULT_PROGRAM, type ProgramOptions } from '@skills-sichuan/subgraph-kit';
import { generateRoster } from '@skills-sichuan/bases/seed';
import { generateAssessments } from './assessments.generator';

const plan = generateAssessments(DEFAULT_PROGRAM);

/** The same seed and scale give the same assessments in every process: the bases subgraph's roster decisions name them. */
describe('generateAssessments determinism', () => {
  it('gives deep-equal assessments for the same seed and scale', () => {
    expect(generateAssessments({ ...DEFAULT_PROGRAM })).toEqual(plan);
  });

  it('gives different ids for a different seed', () => {
    const mine = new Set(plan.map((a) => a.id));
    expect(generateAssessments({ seed: DEFAULT_PROGRAM.seed + 1, scale: 1 }).filter((a) => mine.has(a.id))).toEqual([]);
  });
});

/** Every generated set of assessments keeps the rules of DOMAIN.md, on the bases subgraph's roster. */
describe.each([
  ['the default program', DEFAULT_PROGRAM],
  ['seed 7 at scale 0.3', { seed: 7, scale: 0.3 }],
])('%s', (_label, options: ProgramOptions) => {
  const assessments = generateAssessments(options);
  const { bases, institutions } = generateRoster(options);

  it('has every id unique', () => {
    expect(new Set(assessments.map((a) => a.id)).size).toBe(assessments.length);
  });

  it('assesses real subjects at most once a year, 2023–2025, never before designation, scores 0–100', () => {
    const designatedOn = new Map([
      ...bases.map((b) => [`Base ${b.id}`, b.designatedOn] as const),
      ...institutions.map((i) => [`Institution ${i.id}`, i.designatedOn] as const),
    ]);
    const inRange = (s: number) => s >= 0 && s <= 100;
    const broken = assessments.filter((a) => {
      const since = designatedOn.get(`${a.subjectType} ${a.subjectId}`);
      return (
        since === undefined ||
        a.year < 2023 ||
        a.year > 2025 ||
        a.year < Number(since.slice(0, 4)) ||
        !inRange(a.qualityScore) ||
        !inRange(a.trustScore) ||
        (a.publicScore !== null && !inRange(a.publicScore)) ||
        !isIsoDate(a.assessedOn) ||
        !a.assessedOn.startsWith(`${a.year}-`)
      );
    });
    expect(assessments.length).toBeGreaterThan(0);
    expect(broken).toEqual([]);
    const keys = assessments.map((a) => `${a.subjectId} ${a.year}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('includes some weak subjects (quality below 60) among mostly sound ones', () => {
    const weak = new Set(assessments.filter((a) => a.qualityScore < 60).map((a) => a.subjectId));
    const all = new Set(assessments.map((a) => a.subjectId));
    expect(weak.size).toBeGreaterThan(0);
    expect(weak.size).toBeLessThan(all.size / 2);
  });
});
