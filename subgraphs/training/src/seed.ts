import type { Logger } from '@skills-sichuan/runtime';
import type { EntityManager } from 'typeorm';
import { addDays, CAPITAL, CITIES, insertMany, Random, SEED_DAY, type ProgramOptions } from '@skills-sichuan/subgraph-kit';
import { BrandLevel, generateBrands } from '@skills-sichuan/brands/seed';
import { generateRoster, RosterStatus, ServiceType, standingOn, type BaseSeed } from '@skills-sichuan/bases/seed';
import { bulkInsert } from './bulk-insert';
import { TypicalCase, TypicalCaseBrand, TypicalCaseKind } from './case/typical-case.entity';
import { Award, Competition, CompetitionLevel, CompetitionResult } from './competition/competition.entity';
import { TrainingProgram, TrainingProgramStatus } from './program/training-program.entity';
import { PromotionEvent, PromotionKind } from './promotion/promotion-event.entity';
import { CertificateType, EmploymentOutcome, TrainingRecord } from './record/training-record.entity';
import { generateTraining, type TrainingSeed } from './seed/training.generator';
import { personalDataVault } from './trainee/personal-data';
import { TraineeGenerator } from './trainee/trainee-generator';

/** the years of competitions, promotion and cases: from the first designations to the seed's day */
const YEARS = [2024, 2025, 2026];
/** employment after training: most were already at work (在岗提升) or found work */
const EMPLOYMENT: [EmploymentOutcome | null, number][] = [
  [EmploymentOutcome.RETAINED, 0.38],
  [EmploymentOutcome.EMPLOYED, 0.3],
  [EmploymentOutcome.SELF_EMPLOYED, 0.07],
  [EmploymentOutcome.FURTHER_STUDY, 0.03],
  [EmploymentOutcome.SEEKING, 0.07],
  [null, 0.15],
];
const PROMOTION_TITLES: Record<PromotionKind, string> = {
  FORUM: '品牌培育论坛研讨会',
  INVESTMENT_PROMOTION: '品牌招商发布会',
  ENTREPRENEURSHIP_EMPLOYMENT: '创业就业对接活动',
  TALENT_RECRUITMENT: '专场人才招聘会',
  MEDIA_CAMPAIGN: '品牌成效媒体采风宣传',
};
const PROMOTION_REACH: Record<PromotionKind, [number, number]> = {
  FORUM: [120, 600],
  INVESTMENT_PROMOTION: [80, 400],
  ENTREPRENEURSHIP_EMPLOYMENT: [200, 1500],
  TALENT_RECRUITMENT: [500, 5000],
  MEDIA_CAMPAIGN: [50_000, 2_000_000],
};
const CASE_TITLES = [
  '“工学一体”培养模式典型经验',
  '产训结合带动就业优秀案例',
  '校企合作共建实训基地典型经验',
  '以赛促训提升技能水平优秀案例',
  '技能培训助力乡村振兴典型经验',
];

function pickWeighted<T>(rng: Random, choices: [T, number][]): T {
  let r = rng.next();
  for (const [value, weight] of choices) {
    if ((r -= weight) < 0) return value;
  }
  return choices[choices.length - 1][0];
}

function* records(
  seed: number,
  training: TrainingSeed,
  programs: Map<string, { cityCode: string; startOn: string; level: number }>,
): Generator<TrainingRecord> {
  const trainees = new TraineeGenerator(seed);
  const outcomes = new Random(seed, 'training-outcomes');
  const vault = personalDataVault();
  let current = '';
  const inProgram = new Set<string>();
  for (const r of training.records()) {
    const p = programs.get(r.programId)!;
    if (r.programId !== current) {
      current = r.programId;
      inProgram.clear();
    }
    // one person once per program (uq_training_record_trainee): draw again on the rare collision
    let trainee = trainees.next(p.cityCode, p.startOn);
    while (inProgram.has(trainee.identityNumber)) trainee = trainees.next(p.cityCode, p.startOn);
    inProgram.add(trainee.identityNumber);
    const personal = vault.protect(trainee);
    const certified = r.completed && outcomes.chance(0.82);
    const certificate = certified
      ? p.level <= 4 && outcomes.chance(0.7)
        ? CertificateType.SKILL_LEVEL
        : outcomes.chance(0.5)
          ? CertificateType.SPECIAL_ABILITY
          : CertificateType.TRAINING
      : null;
    yield Object.assign(new TrainingRecord(), {
      ...r,
      traineeName: trainee.name,
      ...personal,
      certificate,
      certificateNumber: certificate ? `S${p.startOn.slice(0, 4)}51${String(outcomes.int(0, 99_999_999)).padStart(8, '0')}` : null,
      employment: r.completed ? pickWeighted(outcomes, EMPLOYMENT) : null,
    });
  }
}

/**
 * The training subgraph's records of the program: its programs and person-times (its
 * generator; run by the bases subgraph's bases and institutions, from that generator,
 * their organisations recorded), a generated trainee for each person-time (personal data
 * protected as any other), and competitions, promotion events and typical cases for each
 * public brand and year.
 */
export async function seedTraining(manager: EntityManager, options: ProgramOptions, log: Logger): Promise<void> {
  const started = Date.now();
  const brands = generateBrands(options);
  const { bases, institutions } = generateRoster(options);
  const training = generateTraining(options);
  const organizationOf = new Map<string, string>([
    ...bases.map((b) => [b.id, b.operatorId] as const),
    ...institutions.map((i) => [i.id, i.organizationId] as const),
  ]);
  const programs = training.programs.map(({ enrolled, ...p }) =>
    Object.assign(new TrainingProgram(), {
      ...p,
      year: Number(p.startOn.slice(0, 4)),
      providerOrganizationId: organizationOf.get(p.providerId) ?? null,
      status: TrainingProgramStatus.COMPLETED,
      personTimes: enrolled,
    }),
  );
  await insertMany(manager, TrainingProgram, programs);
  const recordCount = await bulkInsert(manager, TrainingRecord, records(options.seed, training, new Map(programs.map((p) => [p.id, p]))));

  const rng = new Random(options.seed, 'training-events');
  const contestants = new TraineeGenerator(options.seed, 'training-contestants');
  const subjectName = new Map<string, string>([
    ...bases.map((b) => [b.id, b.name] as const),
    ...institutions.map((i) => [i.id, i.name] as const),
  ]);
  const competitions: Competition[] = [];
  const results: CompetitionResult[] = [];
  const events: PromotionEvent[] = [];
  const cases: TypicalCase[] = [];
  const caseBrands: TypicalCaseBrand[] = [];
  for (const brand of brands.filter((b) => b.level === BrandLevel.PUBLIC_BRAND)) {
    const family = new Set(brands.filter((b) => b.id === brand.id || b.parentId === brand.id).map((b) => b.id));
    const hosts = [
      ...bases
        .filter((b) => family.has(b.brandId) && b.status === RosterStatus.ACTIVE)
        .map((b) => ({
          hostType: 'Base' as const,
          hostId: b.id,
          organizerOrganizationId: b.operatorId,
          cityCode: b.cityCode,
          brandId: b.brandId,
          subject: b as Pick<BaseSeed, 'designatedOn' | 'changes'>,
        })),
      ...institutions
        .filter(
          (i) =>
            i.status === RosterStatus.ACTIVE && i.services.includes(ServiceType.COMPETITION) && i.brandIds.some((id) => family.has(id)),
        )
        .map((i) => ({
          hostType: 'Institution' as const,
          hostId: i.id,
          organizerOrganizationId: i.organizationId,
          cityCode: i.cityCode,
          brandId: brand.id,
          subject: i as Pick<BaseSeed, 'designatedOn' | 'changes'>,
        })),
    ];
    /** the hosts on the roster on a day: a competition or an event is held by one that was */
    const hostsOn = (day: string) => hosts.filter((h) => standingOn(h.subject, day) === RosterStatus.ACTIVE);
    for (const year of YEARS) {
      const lastDay = (day: string) => (`${year}-${day}` < SEED_DAY ? `${year}-${day}` : SEED_DAY);
      const competitionCount = Math.max(1, Math.round(rng.int(3, 6) * options.scale));
      for (let n = 0; n < competitionCount && hosts.length > 0; n++) {
        const startOn = rng.date(`${year}-03-01`, lastDay('11-10'));
        const open = hostsOn(startOn);
        const provincial = open.length === 0 || rng.chance(0.25);
        const host = open.length === 0 ? hosts[0] : rng.pick(open);
        const occupation = rng.pick(brand.occupations);
        // a provincial competition is held by the department itself, in Chengdu
        const competition = Object.assign(new Competition(), {
          id: rng.uuid(),
          name: `${year}年“${brand.name}”${occupation}职业技能竞赛${provincial ? '（省级）' : ''}`,
          level: provincial ? CompetitionLevel.PROVINCIAL : rng.pick([CompetitionLevel.CITY, CompetitionLevel.INDUSTRY]),
          brandId: provincial ? brand.id : host.brandId,
          occupation,
          hostType: provincial ? null : host.hostType,
          hostId: provincial ? null : host.hostId,
          organizerOrganizationId: provincial ? null : host.organizerOrganizationId,
          cityCode: provincial ? CAPITAL.code : host.cityCode,
          startOn,
          endOn: addDays(startOn, rng.int(1, 3)),
          participants: rng.int(40, 300),
        });
        competitions.push(competition);
        for (let rank = 1; rank <= 10; rank++) {
          const representing = rng.pick(hosts);
          results.push(
            Object.assign(new CompetitionResult(), {
              id: rng.uuid(),
              competitionId: competition.id,
              rank,
              award: rank === 1 ? Award.FIRST_PRIZE : rank <= 3 ? Award.SECOND_PRIZE : rank <= 6 ? Award.THIRD_PRIZE : Award.EXCELLENCE,
              contestantName: contestants.next(representing.cityCode, startOn).name,
              representing: subjectName.get(representing.hostId)!,
            }),
          );
        }
      }
      const eventCount = Math.max(1, Math.round(rng.int(6, 10) * options.scale));
      for (let n = 0; n < eventCount; n++) {
        const kind = rng.pick(Object.values(PromotionKind));
        const heldOn = rng.date(`${year}-02-01`, lastDay('12-20'));
        const open = hostsOn(heldOn);
        const host = open.length > 0 && rng.chance(0.7) ? rng.pick(open) : null;
        const [min, max] = PROMOTION_REACH[kind];
        events.push(
          Object.assign(new PromotionEvent(), {
            id: rng.uuid(),
            kind,
            title: `${year}年“${brand.name}”${PROMOTION_TITLES[kind]}`,
            brandId: host?.brandId ?? brand.id,
            hostType: host?.hostType ?? null,
            hostId: host?.hostId ?? null,
            organizerOrganizationId: host?.organizerOrganizationId ?? null,
            cityCode: host?.cityCode ?? rng.pick(CITIES).code,
            heldOn,
            reach: rng.int(min, max),
          }),
        );
      }
      // a year's typical cases are published in its December: none yet for a year the seed's day is in
      if (`${year}-12-10` > SEED_DAY) continue;
      const typicalCase = Object.assign(new TypicalCase(), {
        id: rng.uuid(),
        kind: rng.chance(0.5) ? TypicalCaseKind.TYPICAL_EXPERIENCE : TypicalCaseKind.EXCELLENT_CASE,
        title: `“${brand.name}”${rng.pick(CASE_TITLES)}`,
        summary: `${year}年${brand.name}品牌培育中形成的可复制、可推广做法。`,
        year,
        publishedOn: `${year}-12-${String(rng.int(10, 28)).padStart(2, '0')}`,
      });
      cases.push(typicalCase);
      caseBrands.push(Object.assign(new TypicalCaseBrand(), { caseId: typicalCase.id, brandId: brand.id }));
      const sub = brands.filter((b) => b.parentId === brand.id);
      if (sub.length > 0 && rng.chance(0.5))
        caseBrands.push(Object.assign(new TypicalCaseBrand(), { caseId: typicalCase.id, brandId: rng.pick(sub).id }));
    }
  }
  await insertMany(manager, Competition, competitions);
  await insertMany(manager, CompetitionResult, results);
  await insertMany(manager, PromotionEvent, events);
  await insertMany(manager, TypicalCase, cases);
  await insertMany(manager, TypicalCaseBrand, caseBrands);
  log.info(
    {
      programs: programs.length,
      records: recordCount,
      competitions: competitions.length,
      events: events.length,
      cases: cases.length,
      ms: Date.now() - started,
    },
    'training seeded',
  );
}
