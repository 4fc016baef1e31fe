import { addDays, Random, type ProgramOptions } from '@skills-sichuan/subgraph-kit';
import { BrandLevel, generateBrands } from '@skills-sichuan/brands/seed';
import { generateRoster, ServiceType } from '@skills-sichuan/bases/seed';
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

const YEARS = [2023, 2024, 2025] as const;
/** the share of the 2025 target trained in each year: the program ramped up after the plan of 2023-12 */
const YEAR_SHARE: Record<number, number> = { 2023: 0.15, 2024: 0.4, 2025: 0.45 };

function round(n: number): number {
  return Math.max(0, Math.round(n));
}

/**
 * The program's training, the same for the same options: each public brand's family
 * trains 85–120 % of its target by 2025, spread by year over the bases and training
 * institutions of its family (the brands' and bases' subgraphs' records, from their
 * generators) designated by then.
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
        .map((b) => ({ providerType: 'Base' as const, id: b.id, brandId: b.brandId, cityCode: b.cityCode, since: b.designatedOn })),
      ...institutions
        .filter((i) => i.services.includes(ServiceType.TRAINING) && i.brandIds.some((id) => family.has(id)))
        .map((i) => ({
          providerType: 'Institution' as const,
          id: i.id,
          brandId: rng.pick(i.brandIds),
          cityCode: i.cityCode,
          since: i.designatedOn,
        })),
    ];
    const completion = 0.85 + rng.next() * 0.35;
    for (const year of YEARS) {
      const active = providers.filter((p) => Number(p.since.slice(0, 4)) <= year);
      let remaining = round((brand.targetPersonTimes ?? 0) * completion * YEAR_SHARE[year] * scale);
      while (remaining > 0 && active.length > 0) {
        const provider = rng.pick(active);
        const capacity = rng.pick([30, 40, 50, 60]);
        const enrolled = Math.min(remaining, rng.int(Math.round(capacity * 0.6), capacity));
        const startOn = rng.date(`${year}-01-05`, `${year}-11-30`);
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
      const recordRng = new Random(seed, 'training-records');
      for (const program of programs) {
        for (let i = 0; i < program.enrolled; i++) {
          const completed = recordRng.chance(0.96);
          yield { id: recordRng.uuid(), programId: program.id, completed, completedOn: completed ? program.endOn : null };
        }
      }
    },
  };
}
