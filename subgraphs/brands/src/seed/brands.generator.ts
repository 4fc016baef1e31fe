import { Random, type ProgramOptions } from '@skills-sichuan/subgraph-kit';
import { BrandLevel, Provenance, type IndustrySector } from '../brand/brand.enums';
import { BRAND_FACTS, TARGET_COUNTS_FROM, TARGET_DEADLINE } from './catalog';

/** A brand of the program, with the occupations its family's programs train for. */
export interface BrandSeed {
  id: string;
  code: string;
  name: string;
  level: BrandLevel;
  sector: IndustrySector;
  parentId: string | null;
  targetPersonTimes: number | null;
  targetDeadline: string | null;
  /** the plan's (the five public brands and their targets) or the program office's (everything below them) */
  provenance: Provenance;
  targetProvenance: Provenance | null;
  /** the first day whose training counts toward the target */
  targetCountsFrom: string | null;
  /** 职业（工种） of its family: the same for a public brand and its sub-brands */
  occupations: string[];
}

/**
 * The brand matrix of the program: each public brand followed by its sub-brands, in
 * catalog order. Only the ids depend on the seed; the scale does not change the matrix.
 */
export function generateBrands({ seed }: ProgramOptions): BrandSeed[] {
  const rng = new Random(seed, 'brands');
  const brands: BrandSeed[] = [];
  for (const fact of BRAND_FACTS) {
    const parent: BrandSeed = {
      id: rng.uuid(),
      code: fact.code,
      name: fact.name,
      level: BrandLevel.PUBLIC_BRAND,
      sector: fact.sector,
      parentId: null,
      targetPersonTimes: fact.target ?? null,
      targetDeadline: fact.target ? TARGET_DEADLINE : null,
      provenance: Provenance.PLAN,
      targetProvenance: fact.target ? Provenance.PLAN : null,
      targetCountsFrom: fact.target ? TARGET_COUNTS_FROM : null,
      occupations: fact.occupations,
    };
    brands.push(parent);
    for (const sub of fact.subBrands) {
      brands.push({
        id: rng.uuid(),
        code: `${fact.code}.${sub.suffix}`,
        name: sub.name,
        level: BrandLevel.SUB_BRAND,
        sector: sub.sector,
        parentId: parent.id,
        targetPersonTimes: sub.target ?? null,
        targetDeadline: sub.target ? TARGET_DEADLINE : null,
        provenance: Provenance.PROGRAM_OFFICE,
        targetProvenance: sub.target ? Provenance.PROGRAM_OFFICE : null,
        targetCountsFrom: sub.target ? TARGET_COUNTS_FROM : null,
        occupations: fact.occupations,
      });
    }
  }
  return brands;
}
