import {
  addDays,
  ASSESSED_YEARS,
  CAPITAL,
  CITIES,
  Random,
  SEED_DAY,
  SELECTION_ROUNDS,
  type ProgramOptions,
  type ProvinceCity,
} from '@skills-sichuan/subgraph-kit';
import { BrandLevel, generateBrands, type BrandSeed } from '@skills-sichuan/brands/seed';
import { BaseTier } from '../base/base.enums';
import { ServiceType } from '../institution/institution.enums';
import { composeCreditCode } from '../organization/credit-code';
import { OrganizationKind } from '../organization/organization.enums';
import { RosterStatus } from '../roster/roster.enums';

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
  /** the decisions after its ADD, oldest first: every other seed follows them */
  changes: RosterChangeSeed[];
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
  /** the decisions after its ADD, oldest first: every other seed follows them */
  changes: RosterChangeSeed[];
}

/** the plan's reasons for a roster decision (三(三), 三(四)), as the bases subgraph's RosterReason names them */
export type RosterReasonSeed =
  | 'MARKET_CHANGE'
  | 'FORCE_MAJEURE'
  | 'POOR_PERFORMANCE'
  | 'MAJOR_GROUP_INCIDENT'
  | 'MAJOR_PUBLIC_OPINION'
  | 'MAJOR_VIOLATION'
  | 'FAILED_ASSESSMENT';

/**
 * A roster decision after a subject's designation (动态调整). Its causes are drawn here, with
 * their ids, so that the subgraph recording each cause (evaluation: the failed spot check,
 * the violation) records it with that id and before the decision.
 */
export interface RosterChangeSeed {
  action: 'SUSPEND' | 'REINSTATE' | 'REVOKE' | 'EXIT';
  toStatus: RosterStatus;
  decidedOn: string;
  reason: RosterReasonSeed | null;
  /** a FAILED_ASSESSMENT decision's cause: the subject's failed spot check of this year, published before the decision */
  causeAssessment: { id: string; year: number } | null;
  /** a MAJOR_VIOLATION decision's cause: a VIOLATION credit event on the subject, this many days before the decision */
  causeCreditEvent: { id: string; occurredOn: string } | null;
}

/** Where a subject stood on the roster on a day: ACTIVE from its designation unless a decision since says otherwise. */
export function standingOn(subject: Pick<BaseSeed, 'designatedOn' | 'changes'>, day: string): RosterStatus | null {
  if (day < subject.designatedOn) return null;
  let status = RosterStatus.ACTIVE;
  for (const change of subject.changes) if (change.decidedOn <= day) status = change.toStatus;
  return status;
}

const ADVERSE: Record<Exclude<RosterStatus, RosterStatus.ACTIVE>, RosterReasonSeed[]> = {
  [RosterStatus.SUSPENDED]: ['POOR_PERFORMANCE', 'MAJOR_PUBLIC_OPINION', 'FAILED_ASSESSMENT'],
  [RosterStatus.REVOKED]: ['FAILED_ASSESSMENT', 'MAJOR_VIOLATION', 'MAJOR_GROUP_INCIDENT', 'POOR_PERFORMANCE'],
  [RosterStatus.EXITED]: ['MARKET_CHANGE', 'FORCE_MAJEURE'],
};
const ACTION_OF = { [RosterStatus.SUSPENDED]: 'SUSPEND', [RosterStatus.REVOKED]: 'REVOKE', [RosterStatus.EXITED]: 'EXIT' } as const;

/** The program's roster: the organisations, and the bases and institutions they run for the brands. */
export interface RosterSeed {
  organizations: OrganizationSeed[];
  bases: BaseSeed[];
  institutions: InstitutionSeed[];
}

const NAME_WORDS = [
  '锦程',
  '蜀华',
  '天华',
  '嘉禾',
  '宏远',
  '川越',
  '巴蜀',
  '峨眉',
  '岷江',
  '沱江',
  '青城',
  '金沙',
  '蓉城',
  '凤鸣',
  '龙泉',
  '雪峰',
  '长宁',
  '瑞丰',
  '华西',
  '德润',
  '兴蜀',
  '明远',
  '众诚',
  '卓越',
  '匠心',
  '天府',
  '博雅',
  '新川',
  '西岭',
  '玉垒',
];
/** the industry words of each public brand's family, for its operators' and association's names */
const BRAND_INDUSTRY: Record<string, { enterprise: string; college: string; association: string }> = {
  NEW_FARMER: { enterprise: '农业科技', college: '农业', association: '现代农业' },
  CONSTRUCTION_WORKER: { enterprise: '建筑工程', college: '建筑', association: '建筑业' },
  SICHUAN_CHEF: { enterprise: '餐饮管理', college: '烹饪', association: '烹饪' },
  TECHNICIAN: { enterprise: '装备制造', college: '工业', association: '机械工业' },
  DIGITAL_CRAFTSMAN: { enterprise: '数字科技', college: '信息', association: '软件和信息服务业' },
};
// registration authority and category (GB 32100): 11 government body, 12 public institution, 91 enterprise, 51 social group, 52 private non-enterprise unit
const CREDIT_CODE_CATEGORY: Record<OrganizationKind, string> = {
  [OrganizationKind.CITY_BUREAU]: '11',
  [OrganizationKind.COLLEGE]: '12',
  [OrganizationKind.ENTERPRISE]: '91',
  [OrganizationKind.INDUSTRY_ASSOCIATION]: '51',
  [OrganizationKind.TRAINING_INSTITUTION]: '52',
};
const SERVICE_SETS: ServiceType[][] = [
  [ServiceType.TRAINING],
  [ServiceType.TRAINING, ServiceType.EVALUATION],
  [ServiceType.EVALUATION],
  [ServiceType.COMPETITION, ServiceType.TRAINING],
  [ServiceType.EMPLOYMENT_PROMOTION],
  [ServiceType.TRAINING, ServiceType.EMPLOYMENT_PROMOTION],
];

function round(n: number): number {
  return Math.max(0, Math.round(n));
}

class OrganizationRegistry {
  readonly all: OrganizationSeed[] = [];
  private readonly names = new Set<string>();
  private readonly codes = new Set<string>();

  constructor(private readonly rng: Random) {}

  add(kind: OrganizationKind, city: ProvinceCity, nameFor: (word: string) => string): OrganizationSeed {
    let name = nameFor(this.rng.pick(NAME_WORDS));
    for (let attempt = 2; this.names.has(name); attempt++) name = nameFor(this.rng.pick(NAME_WORDS) + (attempt > 6 ? String(attempt) : ''));
    this.names.add(name);
    let creditCode: string;
    do creditCode = composeCreditCode(CREDIT_CODE_CATEGORY[kind], city.code, String(this.rng.int(10_000_000, 99_999_999)));
    while (this.codes.has(creditCode));
    this.codes.add(creditCode);
    const organization = { id: this.rng.uuid(), name, kind, creditCode, cityCode: city.code };
    this.all.push(organization);
    return organization;
  }
}

/**
 * The roster for a seed and scale, the same for the same options: a HR bureau per city, an
 * association per public brand, main bases (at most one per brand and city, Chengdu first
 * for a public brand) and auxiliary bases with their operators, and training institutions.
 * The brands are the brands subgraph's, from its generator.
 */
export function generateRoster(options: ProgramOptions): RosterSeed {
  const { seed, scale } = options;
  const brands = generateBrands(options);
  const familyOf = (brand: BrandSeed) => brand.code.split('.')[0];

  const orgRng = new Random(seed, 'organizations');
  const orgs = new OrganizationRegistry(orgRng);
  for (const city of CITIES) orgs.add(OrganizationKind.CITY_BUREAU, city, () => `${city.name}人力资源和社会保障局`);
  for (const brand of brands.filter((b) => b.level === BrandLevel.PUBLIC_BRAND)) {
    orgs.add(OrganizationKind.INDUSTRY_ASSOCIATION, CAPITAL, () => `四川省${BRAND_INDUSTRY[brand.code].association}协会`);
  }
  const operatorFor = (brand: BrandSeed, city: ProvinceCity, tier: BaseTier): OrganizationSeed => {
    const industry = BRAND_INDUSTRY[familyOf(brand)];
    const kind =
      tier === BaseTier.MAIN
        ? orgRng.pick([OrganizationKind.COLLEGE, OrganizationKind.ENTERPRISE])
        : orgRng.pick([
            OrganizationKind.COLLEGE,
            OrganizationKind.ENTERPRISE,
            OrganizationKind.ENTERPRISE,
            OrganizationKind.TRAINING_INSTITUTION,
          ]);
    if (kind === OrganizationKind.COLLEGE) return orgs.add(kind, city, (w) => `${city.short}${w}${industry.college}职业技术学院`);
    if (kind === OrganizationKind.ENTERPRISE) return orgs.add(kind, city, (w) => `四川${city.short}${w}${industry.enterprise}有限公司`);
    return orgs.add(kind, city, (w) => `${city.short}${w}职业技能培训学校`);
  };

  const rosterRng = new Random(seed, 'roster');
  const rosterStatus = (): RosterStatus => {
    const r = rosterRng.next();
    return r < 0.85 ? RosterStatus.ACTIVE : r < 0.91 ? RosterStatus.SUSPENDED : r < 0.96 ? RosterStatus.REVOKED : RosterStatus.EXITED;
  };
  const designation = () => rosterRng.pick(SELECTION_ROUNDS);
  const changeRng = new Random(seed, 'roster-changes');
  /** a subject's decisions after its designation, ending in its status; each cause drawn before the decision it causes */
  const changesOf = (status: RosterStatus, designatedOn: string): RosterChangeSeed[] => {
    const change = (c: Partial<RosterChangeSeed> & Pick<RosterChangeSeed, 'action' | 'toStatus' | 'decidedOn'>): RosterChangeSeed => ({
      reason: null,
      causeAssessment: null,
      causeCreditEvent: null,
      ...c,
    });
    if (status === RosterStatus.ACTIVE) {
      // a few were suspended and reinstated: an ACTIVE subject can have a history too
      if (!changeRng.chance(0.08)) return [];
      const suspendedOn = addDays(designatedOn, changeRng.int(90, 150));
      return [
        change({ action: 'SUSPEND', toStatus: RosterStatus.SUSPENDED, decidedOn: suspendedOn, reason: 'POOR_PERFORMANCE' }),
        change({ action: 'REINSTATE', toStatus: RosterStatus.ACTIVE, decidedOn: addDays(suspendedOn, changeRng.int(30, 60)) }),
      ];
    }
    const reason = changeRng.pick(ADVERSE[status]);
    const action = ACTION_OF[status];
    if (reason === 'FAILED_ASSESSMENT') {
      // the spot check of a year from its designation's, published by early January; the decision in the next quarter
      const year = changeRng.pick(ASSESSED_YEARS.filter((y) => y >= Number(designatedOn.slice(0, 4))));
      const decidedOn = changeRng.date(`${year + 1}-01-20`, `${year + 1}-03-31`);
      return [change({ action, toStatus: status, decidedOn, reason, causeAssessment: { id: changeRng.uuid(), year } })];
    }
    const decidedOn = addDays(designatedOn, changeRng.int(90, 400));
    const day = decidedOn < addDays(SEED_DAY, -30) ? decidedOn : addDays(SEED_DAY, -30);
    const causeCreditEvent =
      reason === 'MAJOR_VIOLATION' ? { id: changeRng.uuid(), occurredOn: addDays(day, -changeRng.int(20, 60)) } : null;
    return [change({ action, toStatus: status, decidedOn: day, reason, causeCreditEvent })];
  };

  const baseRng = new Random(seed, 'bases');
  const bases: BaseSeed[] = [];
  for (const brand of brands) {
    const isPublic = brand.level === BrandLevel.PUBLIC_BRAND;
    // at most one main base per brand per city: draw distinct cities, Chengdu always first for public brands
    const mainCount = Math.min(
      CITIES.length,
      isPublic ? Math.max(3, round(baseRng.int(5, 7) * Math.min(scale, 3))) : baseRng.int(0, 1) + (scale >= 1 ? 1 : 0),
    );
    const cities = baseRng.shuffled(CITIES);
    if (isPublic) cities.unshift(...cities.splice(cities.indexOf(CAPITAL), 1));
    const auxCount = Math.max(1, round((isPublic ? baseRng.int(12, 18) : baseRng.int(2, 5)) * scale));
    const plan: [BaseTier, ProvinceCity][] = [
      ...cities.slice(0, mainCount).map((c): [BaseTier, ProvinceCity] => [BaseTier.MAIN, c]),
      ...Array.from({ length: auxCount }, (): [BaseTier, ProvinceCity] => [
        BaseTier.AUXILIARY,
        baseRng.chance(0.3) ? CAPITAL : baseRng.pick(CITIES),
      ]),
    ];
    for (const [tier, city] of plan) {
      const operator = operatorFor(brand, city, tier);
      const [from, to] = designation();
      const designatedOn = baseRng.date(from, to);
      const status = rosterStatus();
      bases.push({
        id: baseRng.uuid(),
        name: `${brand.name}培育${tier === BaseTier.MAIN ? '主' : '辅'}基地（${operator.name}）`,
        tier,
        brandId: brand.id,
        operatorId: operator.id,
        cityCode: city.code,
        status,
        designatedOn,
        changes: changesOf(status, designatedOn),
      });
    }
  }

  const institutionRng = new Random(seed, 'institutions');
  const institutions: InstitutionSeed[] = [];
  for (const brand of brands.filter((b) => b.level === BrandLevel.PUBLIC_BRAND)) {
    const subs = brands.filter((b) => b.parentId === brand.id);
    const count = Math.max(1, round(institutionRng.int(6, 10) * scale));
    for (let i = 0; i < count; i++) {
      const city = institutionRng.chance(0.35) ? CAPITAL : institutionRng.pick(CITIES);
      const organization = orgs.add(OrganizationKind.TRAINING_INSTITUTION, city, (w) => `${city.short}${w}职业技能培训学校`);
      const services = [...institutionRng.pick(SERVICE_SETS)];
      const [from, to] = designation();
      const designatedOn = institutionRng.date(from, to);
      const status = rosterStatus();
      institutions.push({
        id: institutionRng.uuid(),
        name: `${brand.name}作业机构（${organization.name}）`,
        services,
        brandIds: institutionRng.chance(0.5) ? [brand.id, institutionRng.pick(subs).id] : [brand.id],
        organizationId: organization.id,
        cityCode: city.code,
        status,
        designatedOn,
        changes: changesOf(status, designatedOn),
      });
    }
  }

  return { organizations: orgs.all, bases, institutions };
}
