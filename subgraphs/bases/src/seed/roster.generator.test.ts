import { isIsoDate } from '@skills-sichuan/runtime';
import { CITIES, DEFAULT_PROGRAM, type ProgramOptions } from '@skills-sichuan/subgraph-kit';
import { BrandLevel, generateBrands } from '@skills-sichuan/brands/seed';
import { BaseTier } from '../base/base.enums';
import { creditCodeProblem } from '../organization/credit-code';
import { OrganizationKind } from '../organization/organization.enums';
import { generateRoster, type RosterSeed } from './roster.generator';

// GB 32100 registration authority and category for each kind of organisation
const CATEGORY_OF_KIND: Record<string, string> = {
  CITY_BUREAU: '11',
  COLLEGE: '12',
  ENTERPRISE: '91',
  INDUSTRY_ASSOCIATION: '51',
  TRAINING_INSTITUTION: '52',
};

/** Values that occur more than once. */
function duplicates<T>(values: readonly T[]): T[] {
  const seen = new Set<T>();
  return values.filter((v) => (seen.has(v) ? true : (seen.add(v), false)));
}

const ids = (roster: RosterSeed) => [...roster.organizations, ...roster.bases, ...roster.institutions].map((r) => r.id);

const plan = generateRoster(DEFAULT_PROGRAM);

/** The same seed and scale give the same roster in every process: the ids other subgraphs' seeds point at. */
describe('generateRoster determinism', () => {
  it('gives a deep-equal roster for the same seed and scale', () => {
    expect(generateRoster({ ...DEFAULT_PROGRAM })).toEqual(plan);
  });

  it('gives different ids and credit codes for a different seed', () => {
    const other = generateRoster({ seed: DEFAULT_PROGRAM.seed + 1, scale: 1 });
    const mine = new Set(ids(plan));
    expect(ids(other).filter((id) => mine.has(id))).toEqual([]);
    const codes = new Set(plan.organizations.map((o) => o.creditCode));
    expect(other.organizations.filter((o) => codes.has(o.creditCode))).toEqual([]);
  });
});

/** Every generated roster keeps the rules of DOMAIN.md, on the brands subgraph's brands. */
describe.each([
  ['the default program', DEFAULT_PROGRAM],
  ['seed 7 at scale 0.3', { seed: 7, scale: 0.3 }],
])('%s', (_label, options: ProgramOptions) => {
  const roster = generateRoster(options);
  const brands = generateBrands(options);
  const brandById = new Map(brands.map((b) => [b.id, b]));
  const orgById = new Map(roster.organizations.map((o) => [o.id, o]));
  const cityCodes = new Set(CITIES.map((c) => c.code));

  it('has every id unique across its records', () => {
    expect(duplicates(ids(roster))).toEqual([]);
  });

  it('gives every organisation a valid, unique credit code of its kind and city, and a unique name', () => {
    const problems = roster.organizations
      .map((o) => [o.creditCode, creditCodeProblem(o.creditCode)])
      .filter(([, problem]) => problem !== null);
    expect(problems).toEqual([]);
    expect(duplicates(roster.organizations.map((o) => o.creditCode))).toEqual([]);
    expect(duplicates(roster.organizations.map((o) => o.name))).toEqual([]);
    const misplaced = roster.organizations.filter(
      (o) => o.creditCode.slice(0, 2) !== CATEGORY_OF_KIND[o.kind] || o.creditCode.slice(2, 8) !== o.cityCode || !cityCodes.has(o.cityCode),
    );
    expect(misplaced).toEqual([]);
    // one HR bureau per city
    expect(
      roster.organizations
        .filter((o) => o.kind === OrganizationKind.CITY_BUREAU)
        .map((o) => o.cityCode)
        .sort(),
    ).toEqual(CITIES.map((c) => c.code));
  });

  it('points every base at a brand and an organisation of the program, in a known city', () => {
    expect(roster.bases.length).toBeGreaterThan(0);
    const dangling = roster.bases.filter(
      (b) => !brandById.has(b.brandId) || !orgById.has(b.operatorId) || !cityCodes.has(b.cityCode) || !isIsoDate(b.designatedOn),
    );
    expect(dangling).toEqual([]);
  });

  it('has at most one main base per brand per city', () => {
    const mains = roster.bases.filter((b) => b.tier === BaseTier.MAIN).map((b) => `${b.brandId} ${b.cityCode}`);
    expect(mains.length).toBeGreaterThan(0);
    expect(duplicates(mains)).toEqual([]);
  });

  it('gives every public brand main and auxiliary bases', () => {
    for (const brand of brands.filter((b) => b.level === BrandLevel.PUBLIC_BRAND)) {
      const tiers = new Set(roster.bases.filter((b) => b.brandId === brand.id).map((b) => b.tier));
      expect([brand.code, [...tiers].sort()]).toEqual([brand.code, [BaseTier.AUXILIARY, BaseTier.MAIN]]);
    }
  });

  it('points every institution at its organisation, its city and brands of the program', () => {
    expect(roster.institutions.length).toBeGreaterThan(0);
    const dangling = roster.institutions.filter(
      (i) =>
        orgById.get(i.organizationId)?.cityCode !== i.cityCode ||
        i.brandIds.length === 0 ||
        !i.brandIds.every((id) => brandById.has(id)) ||
        i.services.length === 0,
    );
    expect(dangling).toEqual([]);
  });
});

/** The scale knob grows the auxiliary bases and the institutions roughly in proportion. */
describe('scale', () => {
  it('roughly doubles the auxiliary bases when the scale doubles', () => {
    const half = generateRoster({ seed: DEFAULT_PROGRAM.seed, scale: 0.5 });
    const double = generateRoster({ seed: DEFAULT_PROGRAM.seed, scale: 2 });
    const auxiliary = (r: RosterSeed) => r.bases.filter((b) => b.tier === BaseTier.AUXILIARY).length;
    for (const [small, large] of [
      [half, plan],
      [plan, double],
    ]) {
      expect(auxiliary(large) / auxiliary(small)).toBeGreaterThan(1.6);
      expect(auxiliary(large) / auxiliary(small)).toBeLessThan(2.4);
    }
    expect(double.institutions.length).toBeGreaterThan(half.institutions.length * 2.5);
  });
});
