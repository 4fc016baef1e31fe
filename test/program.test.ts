import { addDays, DEFAULT_PROGRAM, PLAN_ISSUED_ON } from '@skills-sichuan/subgraph-kit';
import { RosterStatus, standingOn } from '@skills-sichuan/bases/seed';
import { generateProgram } from './program';

/**
 * The province the four subgraphs generate separately is one province: no id of one
 * subgraph's records is reused by another's, and every id one subgraph points at is another's.
 */
describe.each([
  ['the default program', DEFAULT_PROGRAM],
  ['seed 7 at scale 0.3', { seed: 7, scale: 0.3 }],
])('%s, composed from the four generators', (_label, options) => {
  const program = generateProgram(options);

  it('has every id unique across all four subgraphs', () => {
    const ids = [
      ...program.brands,
      ...program.organizations,
      ...program.bases,
      ...program.institutions,
      ...program.assessments,
      ...program.trainingPrograms,
    ].map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('points only at records another subgraph generates', () => {
    const brands = new Set(program.brands.map((b) => b.id));
    const subjects = new Set([...program.bases.map((b) => `Base ${b.id}`), ...program.institutions.map((i) => `Institution ${i.id}`)]);
    expect(program.bases.filter((b) => !brands.has(b.brandId))).toEqual([]);
    expect(program.assessments.filter((a) => !subjects.has(`${a.subjectType} ${a.subjectId}`))).toEqual([]);
    expect(program.trainingPrograms.filter((p) => !subjects.has(`${p.providerType} ${p.providerId}`) || !brands.has(p.brandId))).toEqual(
      [],
    );
  });
});

/**
 * The generators keep the plan's calendar at any scale (the seeded databases are walked in
 * test/seed-calendar.e2e.test.ts): designated after the plan, assessed and training only
 * while on the roster, each failed assessment a decision cites failing before it.
 */
describe.each([1, 10])('the generators at scale %s', (scale) => {
  const program = generateProgram({ seed: DEFAULT_PROGRAM.seed, scale });
  const subjects = new Map([...program.bases, ...program.institutions].map((s) => [s.id, s]));

  it('designates every subject after the plan, each decision after the one before', () => {
    const late = [...subjects.values()].filter(
      (s) =>
        s.designatedOn < PLAN_ISSUED_ON || s.changes.some((c, i) => c.decidedOn <= (i === 0 ? s.designatedOn : s.changes[i - 1].decidedOn)),
    );
    expect(subjects.size).toBeGreaterThan(scale * 100);
    expect(late).toEqual([]);
  });

  it('assesses a subject and trains at it only while it is ACTIVE on the roster', () => {
    const off = [
      ...program.assessments.map((a) => [a.subjectId, a.assessedOn] as const),
      ...program.trainingPrograms.map((p) => [p.providerId, p.startOn] as const),
    ].filter(([id, on]) => standingOn(subjects.get(id)!, on) !== RosterStatus.ACTIVE);
    expect(off).toEqual([]);
  });

  it('has every FAILED_ASSESSMENT decision cite a failing assessment of the subject, published before it', () => {
    const assessments = new Map(program.assessments.map((a) => [a.id, a]));
    const causes = [...subjects.values()].flatMap((s) => s.changes.filter((c) => c.causeAssessment).map((c) => [s, c] as const));
    const broken = causes.filter(([s, c]) => {
      const a = assessments.get(c.causeAssessment!.id);
      return !a || a.subjectId !== s.id || a.qualityScore >= 50 || addDays(a.assessedOn, 14) >= c.decidedOn;
    });
    expect(causes.length).toBeGreaterThan(0);
    expect(broken).toEqual([]);
  });
});
