import { Role, type ViewerClaims } from '@skills-sichuan/runtime';
import { RosterSubjectType } from '../subgraphs/bases/src/roster/roster-decision.entity';
import { allocate, drawSpotCheck, rosterDigest, type RosterEntry } from '../subgraphs/bases/src/spot-check/spot-check.draw';
import { generateProgram } from './program';
import { startGraph, TEST_PROGRAM, type Graph, type Json } from './graph';

const ADMIN = { role: Role.PROVINCIAL_ADMIN, sub: 'dept-admin' } as ViewerClaims;
const ASSESSOR = { role: Role.ASSESSOR, sub: 'assessor' } as ViewerClaims;
const program = generateProgram(TEST_PROGRAM);
const PUBLIC_BRANDS = program.brands.filter((b) => b.level === 'PUBLIC_BRAND').map((b) => b.id);
const publicBrandOf = (brandId: string) => program.brands.find((b) => b.id === brandId)!.parentId ?? brandId;

const DRAW = `mutation ($input: DrawSpotCheckSampleInput!) {
  drawSpotCheckSample(input: $input) {
    id year seed algorithm rate requestedSize size rosterSize rosterDigest drawnBy drawnAt
    members { rank sortKey subjectType brand { id } subject { __typename ... on Base { id status } ... on Institution { id status } } }
    strata { brand { id } rosterSize sampled }
  }
}`;
const TABLES = ['spot_check_sample', 'spot_check_stratum', 'spot_check_member'];

// drawn after the seeded roster changes: one base suspended, one institution revoked (beforeAll)
const suspendedBase = program.bases.find((b) => b.status === 'ACTIVE')!;
const revokedInstitution = program.institutions.find((i) => i.status === 'ACTIVE')!;

/** the same roster changes in any graph started from the test program */
async function changeRoster(graph: Graph): Promise<void> {
  const adjust = (input: Record<string, unknown>) =>
    graph.query('mutation ($input: RosterAdjustmentInput!) { adjustRoster(input: $input) { toStatus } }', { input }, ADMIN);
  const suspended = await adjust({
    subjectType: 'BASE',
    subjectId: suspendedBase.id,
    action: 'SUSPEND',
    reason: 'POOR_PERFORMANCE',
    explanation: '推进不力，暂停资格',
    decisionReference: '川人社函〔2025〕3号',
  });
  const revoked = await adjust({
    subjectType: 'INSTITUTION',
    subjectId: revokedInstitution.id,
    action: 'REVOKE',
    reason: 'MAJOR_VIOLATION',
    explanation: '重大违规行为，取消资格',
    decisionReference: '川人社函〔2025〕4号',
  });
  expect([suspended.body.errors, revoked.body.errors]).toEqual([undefined, undefined]);
}

/** ids of the bases and institutions ACTIVE in the bases subgraph's database now */
async function activeIds(graph: Graph): Promise<string[]> {
  const rows: { id: string }[] = await graph.subgraphs.bases.db.query(
    `SELECT id FROM base WHERE status = 'ACTIVE' UNION SELECT id FROM institution WHERE status = 'ACTIVE'`,
  );
  return rows.map((r) => r.id).sort();
}

async function rowCounts(graph: Graph): Promise<number[]> {
  const counts: number[] = [];
  for (const table of TABLES) counts.push(Number((await graph.subgraphs.bases.db.query(`SELECT COUNT(*) AS n FROM ${table}`))[0].n));
  return counts;
}

/**
 * 抽查复核 through the gateway: the year's spot-check sample drawn once, by the department,
 * from the subjects ACTIVE at the draw, one per public brand and the rest in proportion,
 * the same again for the same year, seed and roster (in a fresh graph and by the exported
 * function over the roster read through the graph), a second draw and bad input refused
 * with nothing written, and the sample joined to evaluation's latest assessments.
 */
describe('抽查复核: the annual spot-check sample', () => {
  let graph: Graph;
  const draw = (input: Record<string, unknown>) => graph.query(DRAW, { input }, ADMIN);
  const drawAs = (viewer: ViewerClaims | undefined, input: Record<string, unknown>) => graph.query(DRAW, { input }, viewer);
  let sample2025: Json;

  beforeAll(async () => {
    graph = await startGraph();
    await changeRoster(graph);
  });
  afterAll(() => graph?.stop());

  it.each([
    ['PUBLIC', undefined, 'UNAUTHENTICATED'],
    ['ASSESSOR', ASSESSOR, 'FORBIDDEN'],
    ['CITY_ADMIN', { role: Role.CITY_ADMIN, sub: 'city-admin', city: '510100' }, 'FORBIDDEN'],
    ['BASE_OPERATOR', { role: Role.BASE_OPERATOR, sub: 'operator', org: suspendedBase.operatorId }, 'FORBIDDEN'],
  ] as const)('is the department’s alone: %s is refused, nothing written', async (_role, viewer, code) => {
    const { body } = await drawAs(viewer as ViewerClaims | undefined, { year: 2025, rate: 0.2 });
    expect(body.errors?.[0].extensions?.code).toBe(code);
    expect(body.data?.drawSpotCheckSample ?? null).toBeNull();
    expect(await rowCounts(graph)).toEqual([0, 0, 0]);
  });

  it.each([
    ['a year before the plan’s', { year: 2023, rate: 0.2 }, 'year'],
    ['a year after the plan’s', { year: 2026, rate: 0.2 }, 'year'],
    ['no year at all', { year: 1, rate: 0.2 }, 'year'],
    ['a rate of 0', { year: 2025, rate: 0 }, 'rate'],
    ['a negative rate', { year: 2025, rate: -0.1 }, 'rate'],
    ['a rate above 1', { year: 2025, rate: 1.5 }, 'rate'],
    ['a size of 0', { year: 2025, size: 0 }, 'size'],
    ['a size beyond the roster', { year: 2025, size: 10_000 }, 'size'],
    ['a seed with a space', { year: 2025, rate: 0.2, seed: 'two words' }, 'seed'],
    ['a seed of 65 characters', { year: 2025, rate: 0.2, seed: 'x'.repeat(65) }, 'seed'],
  ])('refuses %s with BAD_USER_INPUT, nothing written', async (_what, input, field) => {
    const { body } = await draw(input);
    expect(body.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect(await rowCounts(graph)).toEqual([0, 0, 0]);
  });

  it.each([
    ['both a rate and a size', { year: 2025, rate: 0.2, size: 5 }],
    ['neither a rate nor a size', { year: 2025 }],
  ])('refuses %s with BAD_USER_INPUT, nothing written', async (_what, input) => {
    const { body } = await draw(input);
    expect(body.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(await rowCounts(graph)).toEqual([0, 0, 0]);
  });

  it('draws from the subjects ACTIVE at the draw, and only those (a census at rate 1, its seed generated); of two draws at once one wins', async () => {
    const active = await activeIds(graph);
    expect(active).not.toContain(suspendedBase.id);
    expect(active).not.toContain(revokedInstitution.id);
    // the seeded roster has subjects in every status: the draw must leave the others out
    expect(active.length).toBeLessThan(program.bases.length + program.institutions.length - 2);

    const answers = await Promise.all([draw({ year: 2024, rate: 1 }), draw({ year: 2024, rate: 1 })]);
    const won = answers.filter((a) => !a.body.errors);
    const lost = answers.filter((a) => a.body.errors);
    expect([won.length, lost.length]).toEqual([1, 1]);
    expect(lost[0].body.errors![0].extensions?.code).toBe('CONFLICT');
    expect(Number((await graph.subgraphs.bases.db.query(`SELECT COUNT(*) AS n FROM spot_check_sample WHERE year = 2024`))[0].n)).toBe(1);
    const sample = won[0].body.data!.drawSpotCheckSample;
    expect(sample).toMatchObject({ year: 2024, rate: 1, requestedSize: null, size: active.length, rosterSize: active.length });
    expect(sample.seed).toMatch(/^[0-9a-f]{32}$/);
    expect(sample.members.map((m: Json) => m.subject.id).sort()).toEqual(active);
    expect(sample.members.every((m: Json) => m.subject.status === 'ACTIVE')).toBe(true);
    const rows: { subject_id: string }[] = await graph.subgraphs.bases.db.query(
      `SELECT m.subject_id FROM spot_check_member m JOIN spot_check_sample s ON s.id = m.sample_id WHERE s.year = 2024`,
    );
    expect(rows.map((r) => r.subject_id).sort()).toEqual(active);
  });

  it('draws one per public brand and the rest in proportion to each brand’s ACTIVE subjects, and stores what reproduces it', async () => {
    const active = await activeIds(graph);
    const before = Date.now();
    const { body } = await draw({ year: 2025, rate: 0.2, seed: 'chuan-2025.spot' });
    expect(body.errors).toBeUndefined();
    sample2025 = body.data!.drawSpotCheckSample;
    const size = Math.ceil(0.2 * active.length);
    expect(sample2025).toMatchObject({
      year: 2025,
      seed: 'chuan-2025.spot',
      algorithm: 'HMAC-SHA256/brand-strata/v1',
      rate: 0.2,
      requestedSize: null,
      size,
      rosterSize: active.length,
      drawnBy: 'dept-admin',
    });
    expect(Date.parse(sample2025.drawnAt)).toBeGreaterThanOrEqual(before - 1000);

    // every public brand is a stratum, and each gives what the documented allocation says
    const strata = sample2025.strata.map((s: Json) => ({ stratum: s.brand.id, rosterSize: s.rosterSize, sampled: s.sampled }));
    expect(strata.map((s: Json) => s.stratum).sort()).toEqual([...PUBLIC_BRANDS].sort());
    expect(strata.reduce((n: number, s: Json) => n + s.rosterSize, 0)).toBe(active.length);
    const expected = allocate(strata, size);
    for (const s of strata) {
      expect(s.sampled).toBeGreaterThanOrEqual(1);
      expect(s.sampled).toBe(expected.get(s.stratum));
      expect(sample2025.members.filter((m: Json) => m.brand.id === s.stratum)).toHaveLength(s.sampled);
    }
    // a member is drawn under its own brand's public brand
    for (const m of sample2025.members) {
      const brandId =
        m.subjectType === 'BASE'
          ? program.bases.find((b) => b.id === m.subject.id)!.brandId
          : program.institutions.find((i) => i.id === m.subject.id)!.brandIds[0];
      expect(m.brand.id).toBe(publicBrandOf(brandId));
      expect(active).toContain(m.subject.id);
    }
    expect(sample2025.members.map((m: Json) => m.rank)).toEqual(Array.from({ length: size }, (_, i) => i + 1));

    const [row] = await graph.subgraphs.bases.db.query(
      `SELECT seed, rate, requested_size, size, roster_size, roster_digest, drawn_by FROM spot_check_sample WHERE year = 2025`,
    );
    expect(row).toMatchObject({ seed: 'chuan-2025.spot', size, roster_size: active.length, drawn_by: 'dept-admin' });
    expect(Number(row.rate)).toBe(0.2);
    expect(row.requested_size).toBeNull();
    expect(row.roster_digest).toBe(sample2025.rosterDigest);
  });

  it('refuses a second draw for the same year with CONFLICT, writing nothing and leaving the first as it was', async () => {
    const before = await rowCounts(graph);
    for (const input of [
      { year: 2025, rate: 0.5, seed: 'another' },
      { year: 2025, size: 7 },
    ]) {
      const { body } = await draw(input);
      expect(body.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'ALREADY_DRAWN', year: 2025 });
      expect(body.data?.drawSpotCheckSample ?? null).toBeNull();
    }
    expect(await rowCounts(graph)).toEqual(before);
    const stored: { subject_id: string }[] = await graph.subgraphs.bases.db.query(
      `SELECT m.subject_id FROM spot_check_member m JOIN spot_check_sample s ON s.id = m.sample_id WHERE s.year = 2025 ORDER BY m.rank`,
    );
    expect(stored.map((r) => r.subject_id)).toEqual(sample2025.members.map((m: Json) => m.subject.id));
  });

  it('is reproducible: the exported function over the roster read through the graph gives the same sample and digest', async () => {
    const { body } = await graph.query(
      `{
        brands { id parent { id } }
        bases(filter: { status: ACTIVE }, first: 500) { nodes { id brand { id } } pageInfo { hasNextPage } }
        institutions(filter: { status: ACTIVE }, first: 500) { nodes { id brands { id } } pageInfo { hasNextPage } }
      }`,
      {},
      ADMIN,
    );
    expect(body.errors).toBeUndefined();
    const { brands, bases, institutions } = body.data!;
    expect([bases.pageInfo.hasNextPage, institutions.pageInfo.hasNextPage]).toEqual([false, false]);
    const family = new Map<string, string>(brands.map((b: Json) => [b.id, b.parent?.id ?? b.id]));
    const roster: RosterEntry[] = [
      ...bases.nodes.map((b: Json) => ({ subjectType: RosterSubjectType.BASE, subjectId: b.id, stratum: family.get(b.brand.id)! })),
      ...institutions.nodes.map((i: Json) => ({
        subjectType: RosterSubjectType.INSTITUTION,
        subjectId: i.id,
        // an institution counts with the family whose public brand id sorts first
        stratum: i.brands.map((b: Json) => family.get(b.id)!).sort()[0],
      })),
    ];
    expect(rosterDigest(roster)).toBe(sample2025.rosterDigest);
    const recomputed = drawSpotCheck(roster, { year: 2025, seed: sample2025.seed, size: sample2025.size });
    expect(recomputed.members.map((m) => [m.rank, m.subjectId, m.sortKey])).toEqual(
      sample2025.members.map((m: Json) => [m.rank, m.subject.id, m.sortKey]),
    );
  });

  it('lists the samples for assessors, the subjects joined to their latest assessments from evaluation', async () => {
    const { body } = await graph.query(
      `{
        spotCheckSamples { year size strata { brand { code } sampled } }
        spotCheckSample(year: 2025) {
          members {
            subject {
              __typename
              ... on Base { id name latestAssessment { year result } }
              ... on Institution { id name latestAssessment { year result } }
            }
          }
        }
        none: spotCheckSample(year: 2023) { id }
      }`,
      {},
      ASSESSOR,
    );
    expect(body.errors).toBeUndefined();
    const { spotCheckSamples, spotCheckSample, none } = body.data!;
    expect(spotCheckSamples.map((s: Json) => s.year)).toEqual([2025, 2024]);
    expect(spotCheckSamples[0].strata.map((s: Json) => s.brand.code).sort()).toEqual(
      ['CONSTRUCTION_WORKER', 'DIGITAL_CRAFTSMAN', 'NEW_FARMER', 'SICHUAN_CHEF', 'TECHNICIAN'].sort(),
    );
    expect(none).toBeNull();
    const subjects = spotCheckSample.members.map((m: Json) => m.subject);
    expect(subjects.map((s: Json) => s.id)).toEqual(sample2025.members.map((m: Json) => m.subject.id));
    // evaluation's latest assessment of each, as evaluation itself holds it
    const latest: { subject_id: string; year: number }[] = await graph.subgraphs.evaluation.db.query(
      `SELECT subject_id, MAX(year) AS year FROM assessment GROUP BY subject_id`,
    );
    const latestYear = new Map(latest.map((r) => [r.subject_id, Number(r.year)]));
    for (const s of subjects) expect(s.latestAssessment?.year ?? null).toBe(latestYear.get(s.id) ?? null);
    expect(subjects.some((s: Json) => s.latestAssessment)).toBe(true);
  });

  it('tells who drew a sample to the department only', async () => {
    const asked = '{ spotCheckSample(year: 2025) { year drawnBy } }';
    const assessor = await graph.query(asked, {}, ASSESSOR);
    expect(assessor.body.errors?.[0]).toMatchObject({ path: ['spotCheckSample', 'drawnBy'], extensions: { code: 'FORBIDDEN' } });
    expect((await graph.query(asked, {}, ADMIN)).body).toEqual({ data: { spotCheckSample: { year: 2025, drawnBy: 'dept-admin' } } });
  });

  it.each([
    ['PUBLIC', undefined, 'UNAUTHENTICATED'],
    ['BASE_OPERATOR', { role: Role.BASE_OPERATOR, sub: 'operator', org: suspendedBase.operatorId }, 'FORBIDDEN'],
    ['CITY_ADMIN', { role: Role.CITY_ADMIN, sub: 'city-admin', city: '510100' }, 'FORBIDDEN'],
  ] as const)('keeps the sample from %s, who could see the check coming', async (_role, viewer, code) => {
    for (const query of ['{ spotCheckSamples { year } }', '{ spotCheckSample(year: 2025) { year } }']) {
      const { body } = await graph.query(query, {}, viewer as ViewerClaims | undefined);
      expect(body.errors?.[0].extensions?.code).toBe(code);
    }
  });

  describe('in a fresh graph over the same roster', () => {
    let fresh: Graph;
    beforeAll(async () => {
      fresh = await startGraph();
      await changeRoster(fresh);
    });
    afterAll(() => fresh?.stop());

    it('draws the same sample for the same year and seed', async () => {
      const { body } = await fresh.query(DRAW, { input: { year: 2025, rate: 0.2, seed: 'chuan-2025.spot' } }, ADMIN);
      expect(body.errors).toBeUndefined();
      const again = body.data!.drawSpotCheckSample;
      expect(again.id).not.toBe(sample2025.id);
      expect(again.rosterDigest).toBe(sample2025.rosterDigest);
      expect(again.members.map((m: Json) => [m.rank, m.subject.id, m.sortKey, m.brand.id])).toEqual(
        sample2025.members.map((m: Json) => [m.rank, m.subject.id, m.sortKey, m.brand.id]),
      );
      expect(again.strata).toEqual(sample2025.strata);
    });

    it('answers SERVICE_UNAVAILABLE while the brands subgraph (the brand hierarchy) is down, writing nothing', async () => {
      const before = await rowCounts(fresh);
      await fresh.subgraphs.brands.stop();
      const { body } = await fresh.query(DRAW, { input: { year: 2024, rate: 0.2 } }, ADMIN);
      expect(body.errors?.[0].extensions?.code).toBe('SERVICE_UNAVAILABLE');
      expect(await rowCounts(fresh)).toEqual(before);
    });
  });
});
