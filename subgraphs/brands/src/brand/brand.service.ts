import type { FindOptionsWhere } from 'typeorm';
import { exactlyOne, type RequestContext } from '@skills-sichuan/kit';
import { Brand, type BrandLevel, type IndustrySector } from './brand.entity';

export interface BrandFilter {
  level?: BrandLevel | null;
  sector?: IndustrySector | null;
}

/** Public brands first, each in the plan's order, then sub-brands in theirs. */
const BRAND_ORDER = { level: 'ASC', position: 'ASC', code: 'ASC' } as const;

export class BrandService {
  static list({ db }: RequestContext, filter: BrandFilter): Promise<Brand[]> {
    const where: FindOptionsWhere<Brand> = {};
    if (filter.level) where.level = filter.level;
    if (filter.sector) where.sector = filter.sector;
    return db.getRepository(Brand).find({ where, order: BRAND_ORDER });
  }

  /** One brand by exactly one of id, code or name; null when none matches. */
  static async find({ db }: RequestContext, lookup: { id?: string | null; code?: string | null; name?: string | null }): Promise<Brand | null> {
    const by = exactlyOne(lookup, 'brand');
    return db.getRepository(Brand).findOneBy({ [by]: lookup[by] as string });
  }
}
