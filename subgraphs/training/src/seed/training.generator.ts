import { addDays, Random, SEED_DAY, type ProgramOptions } from '@skills-sichuan/subgraph-kit';
import { BrandLevel, generateBrands } from '@skills-sichuan/brands/seed';
import { generateRoster, RosterStatus, ServiceType, standingOn, type BaseSeed } from '@skills-sichuan/bases/seed';
import type { ProviderType } from '../provider/provider.enums';

export interface TrainingProgramSeed {
  id: string;
  brandId: string;
  providerType: ProviderType;
  providerId: string;
  cityCode: string;
  occupation: string;
  level: number;
  startOn: string;
  endOn: string;
  capacity: number;
  enrolled: number;
}

/** one person-time: a trainee's place in a program */
export interface TrainingRecordSeed {
  id: string;
  programId: string;
  completed: boolean;
  completedOn: string | null;
}

export interface TrainingSeed {
  programs: TrainingProgramSeed[];
  /** one per enrolment, program by program; generated on demand, since there are hundreds of thousands, and from the start on every call */
  records(): Generator<TrainingRecordSeed>;
}

/**
 * A program's person-times, from a stream of the program's own: any slice of the programs is
 * generated alone and alike (the seed's workers each take one).
 */
export function* programRecords(
  seed: number,
  program: Pick<TrainingProgramSeed, 'id' | 'enrolled' | 'endOn'>,
): Generator<TrainingRecordSeed> {
  const rng = Random.keyed(seed, 'training-records', program.id);
  for (let i = 0; i < program.enrolled; i++) {
    const completed = rng.chance(0.96);
    yield { id: rng.uuid(), programId: program.id, completed, completedOn: completed ? program.endOn : null };
  }
}

/**
 * The share of the 2025 target trained in each year: the program began with the first bases
 * designated in 2024, and went on past the plan's deadline (2026's training, to the seed's
 * day, counts toward no 2025 target).
 */
const YEAR_SHARE: Record<number, number> = { 2024: 0.4, 2025: 0.6, 2026: 0.15 };
const YEARS = [2024, 2025, 2026] as const;

type RosterSubject = Pick<BaseSeed, 'designatedOn' | 'changes'>;

function round(n: number): number {
  return Math.max(0, Math.round(n));
}

/**
 * The program's training, the same for the same options: each public brand's family
 * trains 85–120 % of its target by 2025, spread by year over the bases and training
 * institutions of its family (the brands' and bases' subgraphs' records, from their
 * generators), each program starting on a day its provider was ACTIVE on the roster.
 */
export function generateTraining(options: ProgramOptions): TrainingSeed {
  const { seed, scale } = options;
  const brands = generateBrands(options);
  const { bases, institutions } = generateRoster(options);
  const rng = new Random(seed, 'training');
  const programs: TrainingProgramSeed[] = [];
  for (const brand of brands.filter((b) => b.level === BrandLevel.PUBLIC_BRAND)) {
    const family = new Set(brands.filter((b) => b.id === brand.id || b.parentId === brand.id).map((b) => b.id));
    const providers = [
      ...bases
        .filter((b) => family.has(b.brandId))
        .map((b) => ({ providerType: 'Base' as const, id: b.id, brandId: b.brandId, cityCode: b.cityCode, subject: b as RosterSubject })),
      ...institutions
        .filter((i) => i.services.includes(ServiceType.TRAINING) && i.brandIds.some((id) => family.has(id)))
        .map((i) => ({
          providerType: 'Institution' as const,
          id: i.id,
          brandId: rng.pick(i.brandIds),
          cityCode: i.cityCode,
          subject: i as RosterSubject,
        })),
    ];
    const completion = 0.85 + rng.next() * 0.35;
    for (const year of YEARS) {
      const last = year === 2026 ? addDays(SEED_DAY, -30) : `${year}-11-30`;
      const firstDay = (p: (typeof providers)[number]) =>
        p.subject.designatedOn > `${year}-01-05` ? p.subject.designatedOn : `${year}-01-05`;
      // on the roster at the year's start (or its designation): a later draw may still land after its removal
      const active = providers.filter((p) => p.subject.designatedOn <= last && standingOn(p.subject, firstDay(p)) === RosterStatus.ACTIVE);
      let remaining = round((brand.targetPersonTimes ?? 0) * completion * YEAR_SHARE[year] * scale);
      while (remaining > 0 && active.length > 0) {
        const provider = rng.pick(active);
        const startOn = rng.date(firstDay(provider), last);
        // a provider suspended or off the roster that day runs no program: draw again
        if (standingOn(provider.subject, startOn) !== RosterStatus.ACTIVE) continue;
        const capacity = rng.pick([30, 40, 50, 60]);
        const enrolled = Math.min(remaining, rng.int(Math.round(capacity * 0.6), capacity));
        const endOn = addDays(startOn, rng.int(5, 30));
        programs.push({
          id: rng.uuid(),
          brandId: provider.brandId,
          providerType: provider.providerType,
          providerId: provider.id,
          cityCode: provider.cityCode,
          occupation: rng.pick(brand.occupations),
          level: rng.int(1, 5),
          startOn,
          endOn: endOn > `${year}-12-31` ? `${year}-12-31` : endOn,
          capacity,
          enrolled,
        });
        remaining -= enrolled;
      }
    }
  }

  return {
    programs,
    *records() {
      for (const program of programs) yield* programRecords(seed, program);
    },
  };
}
