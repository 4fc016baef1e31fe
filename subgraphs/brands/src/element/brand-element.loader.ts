import { In } from 'typeorm';
import { defineLoader, groupedByKey } from '@skills-sichuan/subgraph-kit';
import { BrandElement, type BrandElementKind } from './brand-element.entity';

const KIND_ORDER = ['NAME', 'LOGO', 'SYMBOL', 'SLOGAN'];

/** Each brand's current elements — the newest version of each kind — in one statement. */
export const currentElementsOf = defineLoader<string, BrandElement[]>('currentElementsOf', async (brandIds, { db }) => {
  const rows = await db
    .getRepository(BrandElement)
    .createQueryBuilder('e')
    .where('e.brand_id IN (:...brandIds)', { brandIds: [...brandIds] })
    .andWhere(
      'NOT EXISTS (SELECT 1 FROM brand_element newer WHERE newer.brand_id = e.brand_id AND newer.kind = e.kind AND newer.version > e.version)',
    )
    .getMany();
  rows.sort((a, b) => KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind));
  return groupedByKey(brandIds, rows, (e) => e.brandId);
});

/** Every version of one kind of element of each brand, newest first, in one statement. */
export const elementHistoryOf = defineLoader<{ brandId: string; kind: BrandElementKind }, BrandElement[]>(
  'elementHistoryOf',
  async (keys, { db }) => {
    const rows = await db.getRepository(BrandElement).find({
      where: { brandId: In([...new Set(keys.map((k) => k.brandId))]), kind: In([...new Set(keys.map((k) => k.kind))]) },
      order: { version: 'DESC' },
    });
    return groupedByKey(
      keys.map((k) => `${k.brandId}|${k.kind}`),
      rows,
      (e) => `${e.brandId}|${e.kind}`,
    );
  },
  { cacheKey: (k) => `${k.brandId}|${k.kind}` },
);
