import { In } from 'typeorm';
import { byKey, defineLoader, groupedByKey } from '@skills-sichuan/subgraph-kit';
import { Brand } from '../brand/brand.entity';
import { brandById } from '../brand/brand.loader';
import { Standard, StandardBrand, StandardDrafter, type StandardCategory } from './standard.entity';

/** "2.10" after "2.9": versions compare as numbers, part by part. */
export function compareVersions(a: string, b: string): number {
  const [x, y] = [a.split('.').map(Number), b.split('.').map(Number)];
  for (let i = 0; i < Math.max(x.length, y.length); i++) if ((x[i] ?? 0) !== (y[i] ?? 0)) return (x[i] ?? 0) - (y[i] ?? 0);
  return 0;
}

/** Standards in the order the system is read: by code, newest version first. */
export const byCodeThenNewest = (a: Standard, b: Standard) =>
  a.code < b.code ? -1 : a.code > b.code ? 1 : compareVersions(b.version, a.version);

export const standardById = defineLoader<string, Standard | null>('standardById', async (ids, { db }) =>
  byKey(ids, await db.getRepository(Standard).findBy({ id: In([...ids]) }), (s) => s.id),
);

export const successorOf = defineLoader<string, Standard | null>('successorOf', async (ids, { db }) =>
  byKey(ids, await db.getRepository(Standard).findBy({ supersedesId: In([...ids]) }), (s) => s.supersedesId as string),
);

/** Every version of each code, newest first. */
export const versionsOf = defineLoader<string, Standard[]>('versionsOf', async (codes, { db }) =>
  groupedByKey(codes, (await db.getRepository(Standard).findBy({ code: In([...codes]) })).sort(byCodeThenNewest), (s) => s.code),
);

/** The standards each brand's key asks for, joined with their links in one statement. */
export const standardsOfBrands = defineLoader<{ brandId: string; category?: StandardCategory | null; withDrafts: boolean }, Standard[]>(
  'standardsOfBrands',
  async (keys, { db }) => {
    const links = await db
      .getRepository(StandardBrand)
      .createQueryBuilder('sb')
      .innerJoinAndMapOne('sb.standard', Standard, 's', 's.id = sb.standard_id')
      .where('sb.brand_id IN (:...brandIds)', { brandIds: [...new Set(keys.map((k) => k.brandId))] })
      .getMany();
    return keys.map((key) =>
      links
        .filter((l) => l.brandId === key.brandId)
        .map((l) => (l as StandardBrand & { standard: Standard }).standard)
        .filter((s) => (!key.category || s.category === key.category) && (key.withDrafts || s.status !== 'DRAFT'))
        .sort(byCodeThenNewest),
    );
  },
  { cacheKey: (k) => `${k.brandId}|${k.category ?? ''}|${k.withDrafts}` },
);

/** The brands of each standard, joined in one statement; primes the brand loader. */
export const brandsOfStandard = defineLoader<string, Brand[]>('brandsOfStandard', async (standardIds, { db, loaders }) => {
  const links = await db
    .getRepository(StandardBrand)
    .createQueryBuilder('sb')
    .innerJoinAndMapOne('sb.brand', Brand, 'b', 'b.id = sb.brand_id')
    .where('sb.standard_id IN (:...standardIds)', { standardIds: [...standardIds] })
    .orderBy('b.level', 'ASC')
    .addOrderBy('b.position', 'ASC')
    .addOrderBy('b.code', 'ASC')
    .getMany();
  const brands = links.map((l) => ({ standardId: l.standardId, brand: (l as StandardBrand & { brand: Brand }).brand }));
  for (const { brand } of brands) loaders.of(brandById).prime(brand.id, brand);
  return groupedByKey(standardIds, brands, (b) => b.standardId).map((rows) => rows.map((r) => r.brand));
});

export const drafterIdsOf = defineLoader<string, string[]>('drafterIdsOf', async (standardIds, { db }) =>
  groupedByKey(
    standardIds,
    await db.getRepository(StandardDrafter).find({ where: { standardId: In([...standardIds]) }, order: { organizationId: 'ASC' } }),
    (d) => d.standardId,
  ).map((rows) => rows.map((r) => r.organizationId)),
);
