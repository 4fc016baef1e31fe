import { BRAND_FACTS, CITY_FACTS, TARGET_DEADLINE, type CityFact, type Sector } from './catalog';
import { Random } from './random';
import { composeCreditCode } from '../credit-code';

/**
 * The seeded program: one believable province, the same on every machine for the same
 * seed and scale. Each subgraph seeds its own database from its slice of it, so the ids
 * that cross subgraphs (a Base's brandId, an Assessment's subjectId) agree without any
 * subgraph reading another's database.
 */
export interface ProgramOptions {
  seed: number;
  /** 1 = the plan's scale (about 300,000 person-times); bases, institutions and programs grow with it */
  scale: number;
}

export const DEFAULT_PROGRAM: ProgramOptions = { seed: 2023_12_15, scale: 1 };

export type BaseTier = 'MAIN' | 'AUXILIARY';
export type RosterStatus = 'ACTIVE' | 'SUSPENDED' | 'REVOKED' | 'EXITED';
export type OrganizationKind = 'CITY_BUREAU' | 'COLLEGE' | 'ENTERPRISE' | 'INDUSTRY_ASSOCIATION' | 'TRAINING_INSTITUTION';
export type ServiceType = 'TRAINING' | 'EVALUATION' | 'COMPETITION' | 'EMPLOYMENT_PROMOTION';

export interface BrandSeed {
  id: string;
  code: string;
  name: string;
  level: 'PUBLIC_BRAND' | 'SUB_BRAND';
  sector: Sector;
  parentId: string | null;
  targetPersonTimes: number | null;
  targetDeadline: string | null;
  occupations: string[];
}

export interface CitySeed {
  code: string;
  name: string;
}

export interface OrganizationSeed {
  id: string;
  name: string;
  kind: OrganizationKind;
  creditCode: string;
  cityCode: string;
}

export interface BaseSeed {
  id: string;
  name: string;
  tier: BaseTier;
  brandId: string;
  operatorId: string;
  cityCode: string;
  status: RosterStatus;
  designatedOn: string;
}

export interface InstitutionSeed {
  id: string;
  name: string;
  services: ServiceType[];
  brandIds: string[];
  organizationId: string;
  cityCode: string;
  status: RosterStatus;
  designatedOn: string;
}

export interface AssessmentSeed {
  id: string;
  subjectType: 'Base' | 'Institution';
  subjectId: string;
  year: number;
  qualityScore: number;
  trustScore: number;
  publicScore: number | null;
  assessedOn: string;
  findings: string | null;
  assessor: string;
}

export interface TrainingProgramSeed {
  id: string;
  brandId: string;
  providerType: 'Base' | 'Institution';
  providerId: string;
  cityCode: string;
  occupation: string;
  level: number;
  startOn: string;
  endOn: string;
  capacity: number;
  enrolled: number;
}

export interface TrainingRecordSeed {
  id: string;
  programId: string;
  completed: boolean;
  completedOn: string | null;
}

export interface Program {
  options: ProgramOptions;
  brands: BrandSeed[];
  cities: CitySeed[];
  organizations: OrganizationSeed[];
  bases: BaseSeed[];
  institutions: InstitutionSeed[];
  assessments: AssessmentSeed[];
  trainingPrograms: TrainingProgramSeed[];
  /** one per person-time; generated on demand, since there are hundreds of thousands */
  trainingRecords(): Generator<TrainingRecordSeed>;
}

const YEARS = [2023, 2024, 2025] as const;
/** the share of the 2025 target trained in each year: the program ramped up after the plan of 2023-12 */
const YEAR_SHARE: Record<number, number> = { 2023: 0.15, 2024: 0.4, 2025: 0.45 };

const NAME_WORDS = ['锦程', '蜀华', '天华', '嘉禾', '宏远', '川越', '巴蜀', '峨眉', '岷江', '沱江', '青城', '金沙', '蓉城', '凤鸣', '龙泉', '雪峰', '长宁', '瑞丰', '华西', '德润', '兴蜀', '明远', '众诚', '卓越', '匠心', '天府', '博雅', '新川', '西岭', '玉垒'];
const BRAND_INDUSTRY: Record<string, { enterprise: string; college: string; association: string }> = {
  NEW_FARMER: { enterprise: '农业科技', college: '农业', association: '现代农业' },
  CONSTRUCTION_WORKER: { enterprise: '建筑工程', college: '建筑', association: '建筑业' },
  SICHUAN_CHEF: { enterprise: '餐饮管理', college: '烹饪', association: '烹饪' },
  TECHNICIAN: { enterprise: '装备制造', college: '工业', association: '机械工业' },
  DIGITAL_CRAFTSMAN: { enterprise: '数字科技', college: '信息', association: '软件和信息服务业' },
};
const FINDINGS_PASS = ['课程体系完善，实训设备保障到位', '培训组织规范，学员满意度较高', '产训结合成效明显，就业带动作用较强', '管理制度健全，台账资料齐全'];
const FINDINGS_FAIL = ['实训场地不足，部分课程未按计划开展', '培训台账不完整，存在虚报人次问题', '师资力量薄弱，学员投诉较多', '年度培育进展未按期报送'];
const ASSESSORS = ['省人社厅职业能力建设处', '四川省职业技能鉴定指导中心', '第三方评估机构（四川省人才发展研究会）'];

function round(n: number): number {
  return Math.max(0, Math.round(n));
}

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

class OrganizationRegistry {
  readonly all: OrganizationSeed[] = [];
  private readonly names = new Set<string>();
  private readonly codes = new Set<string>();

  constructor(private readonly rng: Random) {}

  add(kind: OrganizationKind, city: CityFact, nameFor: (word: string) => string): OrganizationSeed {
    let name = nameFor(this.rng.pick(NAME_WORDS));
    for (let attempt = 2; this.names.has(name); attempt++) name = nameFor(this.rng.pick(NAME_WORDS) + (attempt > 6 ? String(attempt) : ''));
    this.names.add(name);
    // registration authority and category (GB 32100): 11 government body, 12 public institution, 91 enterprise, 51 social group, 52 private non-enterprise unit
    const prefix = { CITY_BUREAU: '11', COLLEGE: '12', ENTERPRISE: '91', INDUSTRY_ASSOCIATION: '51', TRAINING_INSTITUTION: '52' }[kind];
    let creditCode: string;
    do creditCode = composeCreditCode(prefix, city.code, String(this.rng.int(10_000_000, 99_999_999)));
    while (this.codes.has(creditCode));
    this.codes.add(creditCode);
    const organization = { id: this.rng.uuid(), name, kind, creditCode, cityCode: city.code };
    this.all.push(organization);
    return organization;
  }
}

/** Generates the program for a seed and scale; the same arguments always give the same program. */
export function generateProgram(options: ProgramOptions = DEFAULT_PROGRAM): Program {
  const { seed, scale } = options;
  const stream = (label: string) => new Random(seed, label);

  const brandRng = stream('brands');
  const brands: BrandSeed[] = [];
  for (const fact of BRAND_FACTS) {
    const parent: BrandSeed = {
      id: brandRng.uuid(), code: fact.code, name: fact.name, level: 'PUBLIC_BRAND', sector: fact.sector, parentId: null,
      targetPersonTimes: fact.target ?? null, targetDeadline: fact.target ? TARGET_DEADLINE : null, occupations: fact.occupations,
    };
    brands.push(parent);
    for (const sub of fact.subBrands) {
      brands.push({
        id: brandRng.uuid(), code: `${fact.code}.${sub.suffix}`, name: sub.name, level: 'SUB_BRAND', sector: sub.sector, parentId: parent.id,
        targetPersonTimes: sub.target ?? null, targetDeadline: sub.target ? TARGET_DEADLINE : null, occupations: fact.occupations,
      });
    }
  }
  const familyOf = (brand: BrandSeed) => brand.code.split('.')[0];

  const orgRng = stream('organizations');
  const orgs = new OrganizationRegistry(orgRng);
  for (const city of CITY_FACTS) orgs.add('CITY_BUREAU', city, () => `${city.name}人力资源和社会保障局`);
  for (const fact of BRAND_FACTS) {
    orgs.add('INDUSTRY_ASSOCIATION', CITY_FACTS[0], () => `四川省${BRAND_INDUSTRY[fact.code].association}协会`);
  }
  const operatorFor = (brand: BrandSeed, city: CityFact, tier: BaseTier): OrganizationSeed => {
    const industry = BRAND_INDUSTRY[familyOf(brand)];
    const kind: OrganizationKind = tier === 'MAIN' ? orgRng.pick(['COLLEGE', 'ENTERPRISE'] as const) : orgRng.pick(['COLLEGE', 'ENTERPRISE', 'ENTERPRISE', 'TRAINING_INSTITUTION'] as const);
    if (kind === 'COLLEGE') return orgs.add(kind, city, (w) => `${city.short}${w}${industry.college}职业技术学院`);
    if (kind === 'ENTERPRISE') return orgs.add(kind, city, (w) => `四川${city.short}${w}${industry.enterprise}有限公司`);
    return orgs.add(kind, city, (w) => `${city.short}${w}职业技能培训学校`);
  };

  const rosterRng = stream('roster');
  const rosterStatus = (): RosterStatus => {
    const r = rosterRng.next();
    return r < 0.85 ? 'ACTIVE' : r < 0.91 ? 'SUSPENDED' : r < 0.96 ? 'REVOKED' : 'EXITED';
  };
  const designation = () => rosterRng.pick([['2023-05-01', '2023-06-30'], ['2024-04-01', '2024-06-30'], ['2025-04-01', '2025-06-30']] as const);

  const baseRng = stream('bases');
  const bases: BaseSeed[] = [];
  for (const brand of brands) {
    const isPublic = brand.level === 'PUBLIC_BRAND';
    // at most one main base per brand per city: draw distinct cities, Chengdu always first for public brands
    const mainCount = Math.min(CITY_FACTS.length, isPublic ? Math.max(3, round(baseRng.int(5, 7) * Math.min(scale, 3))) : baseRng.int(0, 1) + (scale >= 1 ? 1 : 0));
    const cities = baseRng.shuffled(CITY_FACTS);
    if (isPublic) cities.unshift(...cities.splice(cities.indexOf(CITY_FACTS[0]), 1));
    const auxCount = Math.max(1, round((isPublic ? baseRng.int(12, 18) : baseRng.int(2, 5)) * scale));
    const plan: [BaseTier, CityFact][] = [
      ...cities.slice(0, mainCount).map((c) => ['MAIN', c] as [BaseTier, CityFact]),
      ...Array.from({ length: auxCount }, () => ['AUXILIARY', baseRng.chance(0.3) ? CITY_FACTS[0] : baseRng.pick(CITY_FACTS)] as [BaseTier, CityFact]),
    ];
    for (const [tier, city] of plan) {
      const operator = operatorFor(brand, city, tier);
      const [from, to] = designation();
      bases.push({
        id: baseRng.uuid(),
        name: `${brand.name}培育${tier === 'MAIN' ? '主' : '辅'}基地（${operator.name}）`,
        tier, brandId: brand.id, operatorId: operator.id, cityCode: city.code,
        status: rosterStatus(), designatedOn: baseRng.date(from, to),
      });
    }
  }

  const institutionRng = stream('institutions');
  const institutions: InstitutionSeed[] = [];
  const serviceSets: ServiceType[][] = [['TRAINING'], ['TRAINING', 'EVALUATION'], ['EVALUATION'], ['COMPETITION', 'TRAINING'], ['EMPLOYMENT_PROMOTION'], ['TRAINING', 'EMPLOYMENT_PROMOTION']];
  for (const brand of brands.filter((b) => b.level === 'PUBLIC_BRAND')) {
    const subs = brands.filter((b) => b.parentId === brand.id);
    const count = Math.max(1, round(institutionRng.int(6, 10) * scale));
    for (let i = 0; i < count; i++) {
      const city = institutionRng.chance(0.35) ? CITY_FACTS[0] : institutionRng.pick(CITY_FACTS);
      const organization = orgs.add('TRAINING_INSTITUTION', city, (w) => `${city.short}${w}职业技能培训学校`);
      const services = institutionRng.pick(serviceSets);
      const [from, to] = designation();
      institutions.push({
        id: institutionRng.uuid(),
        name: `${brand.name}作业机构（${organization.name}）`,
        services,
        brandIds: institutionRng.chance(0.5) ? [brand.id, institutionRng.pick(subs).id] : [brand.id],
        organizationId: organization.id, cityCode: city.code,
        status: rosterStatus(), designatedOn: institutionRng.date(from, to),
      });
    }
  }

  // Assessments: every subject, every year from its designation to 2025; a few chronic under-performers fail
  const assessmentRng = stream('assessments');
  const assessments: AssessmentSeed[] = [];
  const subjects = [
    ...bases.map((b) => ({ subjectType: 'Base' as const, subjectId: b.id, designatedOn: b.designatedOn })),
    ...institutions.map((i) => ({ subjectType: 'Institution' as const, subjectId: i.id, designatedOn: i.designatedOn })),
  ];
  for (const subject of subjects) {
    const weak = assessmentRng.chance(0.1);
    const strong = !weak && assessmentRng.chance(0.25);
    for (const year of YEARS.filter((y) => y >= Number(subject.designatedOn.slice(0, 4)))) {
      const mean = weak ? 56 : strong ? 92 : 80;
      const quality = score(assessmentRng, mean, weak ? 6 : 4);
      assessments.push({
        id: assessmentRng.uuid(), subjectType: subject.subjectType, subjectId: subject.subjectId, year,
        qualityScore: quality,
        trustScore: score(assessmentRng, mean + 2, 4),
        publicScore: assessmentRng.chance(0.2) ? null : score(assessmentRng, mean + 1, 5),
        assessedOn: assessmentRng.date(`${year}-11-01`, `${year}-12-20`),
        findings: assessmentRng.pick(quality < 60 ? FINDINGS_FAIL : FINDINGS_PASS),
        assessor: assessmentRng.pick(ASSESSORS),
      });
    }
  }

  // Training: each public brand's family trains about its target by 2025, spread over its providers by year
  const trainingRng = stream('training');
  const trainingPrograms: TrainingProgramSeed[] = [];
  for (const brand of brands.filter((b) => b.level === 'PUBLIC_BRAND')) {
    const family = new Set(brands.filter((b) => b.id === brand.id || b.parentId === brand.id).map((b) => b.id));
    const providers = [
      ...bases.filter((b) => family.has(b.brandId)).map((b) => ({ providerType: 'Base' as const, id: b.id, brandId: b.brandId, cityCode: b.cityCode, since: b.designatedOn })),
      ...institutions.filter((i) => i.services.includes('TRAINING') && i.brandIds.some((id) => family.has(id)))
        .map((i) => ({ providerType: 'Institution' as const, id: i.id, brandId: trainingRng.pick(i.brandIds), cityCode: i.cityCode, since: i.designatedOn })),
    ];
    const completion = 0.85 + trainingRng.next() * 0.35;
    for (const year of YEARS) {
      const active = providers.filter((p) => Number(p.since.slice(0, 4)) <= year);
      let remaining = round((brand.targetPersonTimes ?? 0) * completion * YEAR_SHARE[year] * scale);
      while (remaining > 0 && active.length > 0) {
        const provider = trainingRng.pick(active);
        const capacity = trainingRng.pick([30, 40, 50, 60]);
        const enrolled = Math.min(remaining, trainingRng.int(Math.round(capacity * 0.6), capacity));
        const startOn = trainingRng.date(`${year}-01-05`, `${year}-11-30`);
        const endOn = new Date(Date.parse(`${startOn}T00:00:00Z`) + trainingRng.int(5, 30) * 86_400_000).toISOString().slice(0, 10);
        trainingPrograms.push({
          id: trainingRng.uuid(), brandId: provider.brandId, providerType: provider.providerType, providerId: provider.id,
          cityCode: provider.cityCode, occupation: trainingRng.pick(brand.occupations), level: trainingRng.int(1, 5),
          startOn, endOn: endOn > `${year}-12-31` ? `${year}-12-31` : endOn, capacity, enrolled,
        });
        remaining -= enrolled;
      }
    }
  }

  return {
    options,
    brands,
    cities: CITY_FACTS.map(({ code, name }) => ({ code, name })),
    organizations: orgs.all,
    bases,
    institutions,
    assessments,
    trainingPrograms,
    *trainingRecords() {
      const rng = stream('training-records');
      for (const program of trainingPrograms) {
        for (let i = 0; i < program.enrolled; i++) {
          const completed = rng.chance(0.96);
          yield { id: rng.uuid(), programId: program.id, completed, completedOn: completed ? program.endOn : null };
        }
      }
    },
  };
}
