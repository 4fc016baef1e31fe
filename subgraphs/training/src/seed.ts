import type { Logger } from '@skills-sichuan/runtime';
import type { EntityManager } from 'typeorm';
import {
  addDays,
  bulkInsert,
  CAPITAL,
  CITIES,
  indexesBuiltAfter,
  insertMany,
  Random,
  SEED_DAY,
  type ProgramOptions,
} from '@skills-sichuan/subgraph-kit';
import { BrandLevel, generateBrands } from '@skills-sichuan/brands/seed';
import { generateRoster, RosterStatus, ServiceType, standingOn, type BaseSeed } from '@skills-sichuan/bases/seed';
import { countsOf, ProgramTally } from './record/outcome-counts';
import { recordBatches, type RecordRow } from './seed-records';
import { TypicalCase, TypicalCaseBrand, TypicalCaseKind } from './case/typical-case.entity';
import { Award, Competition, CompetitionLevel, CompetitionResult } from './competition/competition.entity';
import { TrainingProgram, TrainingProgramStatus } from './program/training-program.entity';
import { PromotionEvent, PromotionKind } from './promotion/promotion-event.entity';
import { TrainingRecord } from './record/training-record.entity';
import { generateTraining } from './seed/training.generator';
import { TraineeGenerator } from './trainee/trainee-generator';

/** the years of competitions, promotion and cases: from the first designations to the seed's day */
const YEARS = [2024, 2025, 2026];
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

/** person-times between two progress lines: a large seed says how far it is (npm start waits for a service that does) */
const PROGRESS_EVERY = 250_000;

async function* reporting(
  batches: AsyncIterable<RecordRow[]>,
  total: number,
  log: Logger,
  each: (row: RecordRow) => void,
): AsyncGenerator<RecordRow[]> {
  let written = 0;
  for await (const batch of batches) {
    yield batch;
    for (const row of batch) each(row);
    const before = written;
    written += batch.length;
    if (Math.floor(written / PROGRESS_EVERY) > Math.floor(before / PROGRESS_EVERY))
      log.info({ written, of: total }, 'seeding the person-times');
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
  const personTimes = training.programs.reduce((n, p) => n + p.enrolled, 0);
  const tally = new ProgramTally();
  // into an empty table: its indexes and constraints are built once over the records, after them
  const recordCount = await indexesBuiltAfter(manager, 'training_record', () =>
    bulkInsert(
      manager,
      TrainingRecord,
      reporting(recordBatches(options.seed, training.programs), personTimes, log, (row) => tally.add(row.programId, countsOf(row))),
    ),
  );
  // the programs' outcome counts, from the records as they were written
  await tally.setOn(manager);

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
