import { In } from 'typeorm';
import { byKey, defineLoader, groupedByKey, type RequestContext } from '@skills-sichuan/subgraph-kit';
import { Brand } from './brand.entity';

export const brandById = defineLoader<string, Brand | null>('brandById', async (ids, { db }) =>
  byKey(ids, await db.getRepository(Brand).findBy({ id: In([...ids]) }), (b) => b.id),
);

export const subBrandsOf = defineLoader<string, Brand[]>('subBrandsOf', async (parentIds, { db, reads }) =>
  groupedByKey(
    parentIds,
    await reads.entities(
      db
        .getRepository(Brand)
        .createQueryBuilder('b')
        .where('b.parent_id IN (:...parentIds)', { parentIds: [...parentIds] })
        .orderBy('b.position', 'ASC')
        .addOrderBy('b.code', 'ASC'),
    ),
    (b) => b.parentId as string,
  ),
);

/** The brand a row names by brand_id: a foreign key, so the brand is there. */
export async function brandOf({ loaders }: RequestContext, brandId: string): Promise<Brand> {
  return (await loaders.of(brandById).load(brandId)) as Brand;
}
