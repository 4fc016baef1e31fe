import type { FindOptionsWhere } from 'typeorm';
import { exactlyOne, type RequestContext } from '@skills-sichuan/kit';
import { Brand, type BrandLevel, type IndustrySector } from './brand.entity';
import { subBrandsOf } from './brand.loader';

export interface BrandFilter {
  level?: BrandLevel | null;
  sector?: IndustrySector | null;
}

/** Public brands first, each in the plan's order, then sub-brands in theirs. */
const BRAND_ORDER = { level: 'ASC', position: 'ASC', code: 'ASC' } as const;
const bySubBrandOrder = (a: Brand, b: Brand) => a.position - b.position || a.code.localeCompare(b.code);

/** Brands come with their sub-brands joined, which primes the loader subBrands and @requires read. */
function primeSubBrands({ loaders }: RequestContext, brands: Brand[]): Brand[] {
  for (const brand of brands) if (brand.subBrands) loaders.of(subBrandsOf).prime(brand.id, [...brand.subBrands].sort(bySubBrandOrder));
  return brands;
}

export class BrandService {
  static async list(ctx: RequestContext, filter: BrandFilter): Promise<Brand[]> {
    const where: FindOptionsWhere<Brand> = {};
    if (filter.level) where.level = filter.level;
    if (filter.sector) where.sector = filter.sector;
    return primeSubBrands(ctx, await ctx.db.getRepository(Brand).find({ where, order: BRAND_ORDER, relations: { subBrands: true } }));
  }

  /** One brand by exactly one of id, code or name; null when none matches. */
  static async find(ctx: RequestContext, lookup: { id?: string | null; code?: string | null; name?: string | null }): Promise<Brand | null> {
    const by = exactlyOne(lookup, 'brand');
    // find, not findOne: with a joined relation findOne pays an extra statement for its LIMIT, and id, code and name are unique
    const [brand] = await ctx.db.getRepository(Brand).find({ where: { [by]: lookup[by] as string }, relations: { subBrands: true } });
    return brand ? primeSubBrands(ctx, [brand])[0] : null;
  }
}
