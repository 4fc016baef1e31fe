import { randomUUID } from 'node:crypto';
import type { FindOptionsWhere } from 'typeorm';
import { badInput, conflict, constraintViolated, exactlyOne, notFound } from '@skills-sichuan/runtime';
import { type RequestContext, requireText } from '@skills-sichuan/subgraph-kit';
import { Brand } from './brand.entity';
import { BrandLevel, Provenance, type IndustrySector } from './brand.enums';
import type { CreateSubBrandInput, SetTrainingTargetInput } from './brand.input';
import { brandById, subBrandsOf } from './brand.loader';

export interface BrandFilter {
  level?: BrandLevel | null;
  sector?: IndustrySector | null;
  parentId?: string | null;
}

const SUFFIX = /^[A-Z][A-Z0-9_]{1,38}$/;

/** Public brands first, each in the plan's order, then sub-brands in theirs. */
const BRAND_ORDER = { level: 'ASC', position: 'ASC', code: 'ASC' } as const;
const bySubBrandOrder = (a: Brand, b: Brand) => a.position - b.position || a.code.localeCompare(b.code);

/**
 * Brands come with their sub-brands (joined, or read in the same select), which primes the loader subBrands and @requires read;
 * each brand and sub-brand primes brandById too, so a listed sub-brand's parent (its target's window), or the brand of
 * a sub-brand's licence, costs no statement.
 */
function primeSubBrands({ loaders }: RequestContext, brands: Brand[]): Brand[] {
  for (const brand of brands) {
    loaders.of(brandById).prime(brand.id, brand);
    if (!brand.subBrands) continue;
    loaders.of(subBrandsOf).prime(brand.id, [...brand.subBrands].sort(bySubBrandOrder));
    for (const sub of brand.subBrands) loaders.of(brandById).prime(sub.id, sub);
  }
  return brands;
}

export async function listBrands(ctx: RequestContext, filter: BrandFilter): Promise<Brand[]> {
  const where: FindOptionsWhere<Brand> = {};
  if (filter.level) where.level = filter.level;
  if (filter.sector) where.sector = filter.sector;
  if (filter.parentId) where.parentId = filter.parentId;
  return primeSubBrands(ctx, await ctx.db.getRepository(Brand).find({ where, order: BRAND_ORDER, relations: { subBrands: true } }));
}

/** One brand by exactly one of id, code or name; null when none matches. */
export async function findBrand(
  ctx: RequestContext,
  lookup: { id?: string | null; code?: string | null; name?: string | null },
): Promise<Brand | null> {
  const by = exactlyOne(lookup, 'brand');
  // the brand and its sub-brands in one select, through the request's reads: a field read ahead of it joins the statement
  const column = { id: 'id', code: 'code', name: 'name' }[by];
  const rows = await ctx.reads.entities(
    ctx.db
      .getRepository(Brand)
      .createQueryBuilder('b')
      .where(`b.${column} = :value OR b.parent_id IN (SELECT p.id FROM brand p WHERE p.${column} = :value)`, { value: lookup[by] }),
  );
  const brand = rows.find((b) => b[by] === lookup[by]);
  if (!brand) return null;
  brand.subBrands = rows.filter((b) => b.parentId === brand.id);
  return primeSubBrands(ctx, [brand])[0];
}

/** A brand that must exist, for a write that refers to it. */
export async function existingBrand({ db }: RequestContext, id: string, field = 'brandId'): Promise<Brand> {
  const brand = await db.getRepository(Brand).findOneBy({ id });
  if (!brand) throw notFound(`no brand has the id ${JSON.stringify(id)}`, { field });
  return brand;
}

/** A sub-brand under a public brand: the matrix is two levels deep, so a sub-brand has none of its own. */
export async function createSubBrand(ctx: RequestContext, input: CreateSubBrandInput): Promise<Brand> {
  const parent = await existingBrand(ctx, input.parentId, 'parentId');
  if (parent.level !== BrandLevel.PUBLIC_BRAND) {
    throw badInput(
      `${parent.name} is a sub-brand: the brand matrix is two levels deep, so sub-brands belong to one of the five public brands`,
      { field: 'parentId' },
    );
  }
  if (!SUFFIX.test(input.suffix))
    throw badInput('suffix must be 2–39 upper-case letters, digits or _, starting with a letter', { field: 'suffix' });
  const name = requireText(input.name, 'name', 2, 40);
  const code = `${parent.code}.${input.suffix}`;
  return ctx.db.transaction(async (manager) => {
    const repository = manager.getRepository(Brand);
    if (await repository.existsBy({ code })) throw conflict(`a brand with the code ${code} exists already`, { field: 'suffix' });
    if (await repository.existsBy({ name })) throw conflict(`a brand named ${name} exists already`, { field: 'name' });
    const position = await repository.countBy({ parentId: parent.id });
    const brand = repository.create({
      id: randomUUID(),
      code,
      name,
      level: BrandLevel.SUB_BRAND,
      sector: input.sector,
      parentId: parent.id,
      position,
      targetPersonTimes: null,
      targetDeadline: null,
      provenance: Provenance.PROGRAM_OFFICE,
      targetProvenance: null,
      targetCountsFrom: null,
    });
    try {
      await repository.insert(brand);
    } catch (err) {
      if (constraintViolated(err) === 'unique') throw conflict(`a brand with the code ${code} or the name ${name} exists already`);
      throw err;
    }
    return brand;
  });
}

/**
 * A target is person-times by a deadline, counting training from countsFrom: omitted, the brand's
 * current countsFrom stays. A window that ends before it begins is refused before anything is written.
 */
export async function setTrainingTarget(
  ctx: RequestContext,
  { brandId, personTimes, deadline, countsFrom }: SetTrainingTargetInput,
): Promise<Brand> {
  if ((personTimes == null) !== (deadline == null))
    throw badInput('a target has both personTimes and deadline, or neither to clear it', { field: 'personTimes' });
  if (personTimes != null && (!Number.isInteger(personTimes) || personTimes < 1 || personTimes > 10_000_000)) {
    throw badInput('personTimes must be a whole number from 1 to 10,000,000', { field: 'personTimes' });
  }
  if (personTimes == null && countsFrom != null)
    throw badInput('countsFrom belongs to a target: give personTimes and deadline with it', { field: 'countsFrom' });
  const brand = await existingBrand(ctx, brandId);
  const from = personTimes == null ? null : (countsFrom ?? brand.targetCountsFrom);
  if (personTimes != null && from == null)
    throw badInput(`${brand.name} has no target yet: give the day its training counts from (countsFrom)`, { field: 'countsFrom' });
  if (from != null && deadline != null && from > deadline)
    throw badInput(`countsFrom (${from}) is after the deadline (${deadline}): no training could count`, {
      field: 'countsFrom',
      reason: 'COUNTS_FROM_AFTER_DEADLINE',
    });
  // a target set here is the program office's, even where it replaces the plan's
  const target = {
    targetPersonTimes: personTimes ?? null,
    targetDeadline: deadline ?? null,
    targetCountsFrom: from,
    targetProvenance: personTimes == null ? null : Provenance.PROGRAM_OFFICE,
  };
  await ctx.db.getRepository(Brand).update({ id: brand.id }, target);
  return Object.assign(brand, target);
}
