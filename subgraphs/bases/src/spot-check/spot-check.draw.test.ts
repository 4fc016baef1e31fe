import { createHmac } from 'node:crypto';
import { RosterSubjectType } from '../roster/roster-decision.entity';
import { allocate, drawSpotCheck, rosterDigest, sampleSize, spotCheckKey, type RosterEntry } from './spot-check.draw';

const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
/** 5 public brands of 30, 12, 5, 2 and 1 subjects */
const ROSTER: RosterEntry[] = [30, 12, 5, 2, 1].flatMap((count, b) =>
  Array.from({ length: count }, (_, i) => ({
    subjectType: i % 3 === 0 ? RosterSubjectType.INSTITUTION : RosterSubjectType.BASE,
    subjectId: uuid(b * 100 + i),
    stratum: `brand-${b}`,
  })),
);

/** The draw as documented: keyed order, one per brand, the rest in proportion. */
describe('the spot-check draw', () => {
  it('keys a subject with HMAC-SHA-256 of "<year>:<id>" under the seed', () => {
    expect(spotCheckKey('川人社2025', 2025, uuid(1))).toBe(
      createHmac('sha256', Buffer.from('川人社2025', 'utf8'))
        .update(`2025:${uuid(1)}`)
        .digest('hex'),
    );
    expect(spotCheckKey('s', 2025, uuid(1))).not.toBe(spotCheckKey('s', 2024, uuid(1)));
  });

  it('sizes a sample: the rate rounded up, at least one per stratum, at most the roster', () => {
    expect(sampleSize(30, 5, { rate: 0.1 })).toBe(5);
    expect(sampleSize(40, 5, { rate: 0.2 })).toBe(8);
    expect(sampleSize(41, 5, { rate: 0.2 })).toBe(9);
    expect(sampleSize(40, 5, { rate: 0.01 })).toBe(5);
    expect(sampleSize(40, 5, { size: 3 })).toBe(5);
    expect(sampleSize(40, 5, { rate: 1 })).toBe(40);
    expect(sampleSize(3, 3, { size: 10 })).toBe(3);
  });

  it('allocates one per stratum, then in proportion to what is left, by largest remainder', () => {
    const strata = [30, 12, 5, 2, 1].map((rosterSize, b) => ({ stratum: `brand-${b}`, rosterSize }));
    // 10 = 5 + 5 spread over 29, 11, 4, 1, 0 of 45 left: quotas 3.22, 1.22, 0.44, 0.11, 0
    expect(Object.fromEntries(allocate(strata, 10))).toEqual({ 'brand-0': 4, 'brand-1': 2, 'brand-2': 2, 'brand-3': 1, 'brand-4': 1 });
    expect(Object.fromEntries(allocate(strata, 5))).toEqual({ 'brand-0': 1, 'brand-1': 1, 'brand-2': 1, 'brand-3': 1, 'brand-4': 1 });
    expect(Object.fromEntries(allocate(strata, 50))).toEqual({ 'brand-0': 30, 'brand-1': 12, 'brand-2': 5, 'brand-3': 2, 'brand-4': 1 });
    for (let size = 5; size <= 50; size++) {
      const counts = allocate(strata, size);
      expect([...counts.values()].reduce((a, b) => a + b, 0)).toBe(size);
      for (const s of strata) expect(counts.get(s.stratum)).toBeGreaterThanOrEqual(1);
      for (const s of strata) expect(counts.get(s.stratum)).toBeLessThanOrEqual(s.rosterSize);
    }
    expect(() => allocate(strata, 4)).toThrow(RangeError);
  });

  it('draws the same sample for the same year, seed and roster, whatever order the roster comes in', () => {
    const one = drawSpotCheck(ROSTER, { year: 2025, seed: 'abc', size: 10 });
    const again = drawSpotCheck([...ROSTER].reverse(), { year: 2025, seed: 'abc', size: 10 });
    expect(again).toEqual(one);
    expect(one.members.map((m) => m.rank)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(one.rosterDigest).toBe(rosterDigest([...ROSTER].reverse()));
    // the first of each stratum by key: nothing in a stratum outside the sample sorts before one inside it
    for (const stratum of one.strata) {
      const keys = ROSTER.filter((e) => e.stratum === stratum.stratum).map((e) => spotCheckKey('abc', 2025, e.subjectId));
      const drawn = one.members.filter((m) => m.stratum === stratum.stratum).map((m) => m.sortKey);
      expect(drawn).toEqual(keys.sort().slice(0, stratum.sampled));
    }
    const otherSeed = drawSpotCheck(ROSTER, { year: 2025, seed: 'abd', size: 10 });
    const otherYear = drawSpotCheck(ROSTER, { year: 2024, seed: 'abc', size: 10 });
    expect(otherSeed.members.map((m) => m.subjectId)).not.toEqual(one.members.map((m) => m.subjectId));
    expect(otherYear.members.map((m) => m.subjectId)).not.toEqual(one.members.map((m) => m.subjectId));
  });

  it('tells rosters apart by their digest', () => {
    expect(rosterDigest(ROSTER.slice(1))).not.toBe(rosterDigest(ROSTER));
    expect(rosterDigest(ROSTER.map((e, i) => (i === 0 ? { ...e, stratum: 'brand-1' } : e)))).not.toBe(rosterDigest(ROSTER));
  });
});
