import { In } from 'typeorm';
import { defineLoader, groupedByKey } from '@skills-sichuan/subgraph-kit';
import { TypicalCase, TypicalCaseBrand } from './typical-case.entity';

/** Every case's brands in one statement. */
export const brandsOfCase = defineLoader<string, string[]>('brandsOfCase', async (ids, { db }) =>
  groupedByKey(
    ids,
    await db.getRepository(TypicalCaseBrand).find({ where: { caseId: In([...ids]) }, order: { brandId: 'ASC' } }),
    (l) => l.caseId,
  ).map((links) => links.map((l) => l.brandId)),
);

/** Every brand's cases in one statement, newest first. */
export const casesOfBrand = defineLoader<string, TypicalCase[]>('casesOfBrand', async (brandIds, { db }) => {
  const rows = await db
    .createQueryBuilder(TypicalCase, 'c')
    .innerJoin(TypicalCaseBrand, 'l', 'l.case_id = c.id')
    .addSelect('l.brand_id', 'link_brand_id')
    .where('l.brand_id IN (:...brandIds)', { brandIds: [...brandIds] })
    .orderBy('c.published_on', 'DESC')
    .addOrderBy('c.id', 'ASC')
    .getRawAndEntities();
  const linked = rows.entities.map((c, i) => ({ c, brandId: String(rows.raw[i].link_brand_id) }));
  return groupedByKey(brandIds, linked, (l) => l.brandId).map((ls) => ls.map((l) => l.c));
});
