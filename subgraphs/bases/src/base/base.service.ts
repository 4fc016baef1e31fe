import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { badInput, conflict, notFound } from '@skills-sichuan/runtime';
import {
  checkCityCode,
  paginate,
  readByIds,
  type OrderKey,
  type Page,
  type PageArgs,
  type RequestContext,
  checkId,
  checkIds,
  requireText,
} from '@skills-sichuan/subgraph-kit';
import { Honour } from '../honour/honour.entity';
import { HONOUR_ORDER, honoursOf } from '../honour/honour.loader';
import { organizationById } from '../organization/organization.loader';
import { correctorOf, type FieldChange } from '../organization/record-correction';
import { RosterStatus } from '../roster/roster.enums';
import { inTransaction, nextSeq } from '../writes';
import { Base, BaseConditionCorrection, BaseField, BaseProfile } from './base.entity';
import { baseById } from './base.loader';
import { BaseTier } from './base.enums';
import type { BaseFilter, CorrectBaseConditionsInput } from './base.input';

/** Main bases first, then by city and name, then id: BASE_ORDER in SQL, for keyset pages. */
const BASE_PAGE_ORDER: OrderKey<Base>[] = [
  { column: 'b.tier', property: 'tier', direction: 'DESC' },
  { column: 'b.city_code', property: 'cityCode', direction: 'ASC' },
  { column: 'b.name', property: 'name', direction: 'ASC' },
  { column: 'b.id', property: 'id', direction: 'ASC' },
];

/** Refuses to make a main base ACTIVE where its brand already has an ACTIVE main base in that city. */
export async function assertMainBaseFree(manager: EntityManager, brandId: string, cityCode: string, exceptId?: string): Promise<void> {
  const holder = await manager.getRepository(Base).findOneBy({ brandId, cityCode, tier: BaseTier.MAIN, status: RosterStatus.ACTIVE });
  if (holder && holder.id !== exceptId) {
    throw conflict(`the brand already has an ACTIVE main base in ${cityCode}: ${holder.name}`, {
      reason: 'MAIN_BASE_TAKEN',
      baseId: holder.id,
    });
  }
}

/** A brand and, unless asked otherwise, its sub-brands: the hierarchy lives in the brands subgraph, so it is read through the graph. */
async function brandFamily(ctx: RequestContext, brandId: string, includeSubBrands: boolean): Promise<string[]> {
  if (!includeSubBrands) return [brandId];
  const brand = (await readByIds<{ subBrands: { id: string }[] }>(ctx, 'brand', [brandId], '{ subBrands { id } }')).get(brandId);
  return [brandId, ...(brand?.subBrands ?? []).map((s) => s.id)];
}

/**
 * Query.base: one base, with its operator and honours in the same statement when the operation
 * asks them (their loaders primed), so a base's page costs one statement here.
 */
export async function readBase(ctx: RequestContext, id: string, asks: { operator: boolean; honours: boolean }): Promise<Base | null> {
  const query = ctx.db.getRepository(Base).createQueryBuilder('b').where('b.id = :id', { id });
  if (asks.operator) query.leftJoinAndSelect('b.operator', 'o');
  if (asks.honours) {
    query.leftJoinAndMapMany('b.honours', Honour, 'h', 'h.base_id = b.id');
    for (const [property, direction] of Object.entries(HONOUR_ORDER)) query.addOrderBy(`h.${property}`, direction);
  }
  const base = await query.getOne();
  if (!base) return null;
  ctx.loaders.of(baseById).prime(id, base);
  if (base.operator) ctx.loaders.of(organizationById).prime(base.operatorId, base.operator);
  if (base.honours) ctx.loaders.of(honoursOf).prime(id, base.honours);
  return base;
}

/**
 * Query.bases: the roster of bases under a filter, a page at a time, in one statement: each
 * base's operator joined (and its loader primed), the count with it when the operation asks it.
 */
export async function listBases(ctx: RequestContext, filter: BaseFilter | null | undefined, page: PageArgs): Promise<Page<Base>> {
  checkCityCode(filter?.cityCode);
  checkIds(filter?.ids, 'filter.ids');
  checkId(filter?.brandId, 'filter.brandId');
  checkId(filter?.operatorId, 'filter.operatorId');
  const query = ctx.db.getRepository(Base).createQueryBuilder('b');
  if (filter?.ids) query.andWhere(filter.ids.length ? 'b.id IN (:...ids)' : '1 = 0', { ids: filter.ids });
  if (filter?.brandId)
    query.andWhere('b.brand_id IN (:...brandIds)', { brandIds: await brandFamily(ctx, filter.brandId, filter.includeSubBrands !== false) });
  if (filter?.tier) query.andWhere('b.tier = :tier', { tier: filter.tier });
  if (filter?.cityCode) query.andWhere('b.city_code = :cityCode', { cityCode: filter.cityCode });
  if (filter?.status) query.andWhere('b.status = :status', { status: filter.status });
  if (filter?.operatorId) query.andWhere('b.operator_id = :operatorId', { operatorId: filter.operatorId });
  const found = await paginate(query.leftJoinAndSelect('b.operator', 'o'), BASE_PAGE_ORDER, page, { toOneJoins: true });
  for (const base of found.nodes) if (base.operator) ctx.loaders.of(organizationById).prime(base.operatorId, base.operator);
  return found;
}

const CONDITIONS = ['facilities', 'courseSystem', 'managementSystem'] as const;
type ConditionName = (typeof CONDITIONS)[number];

/**
 * 更正: corrects a base's conditions (设施设备/场所, 课程体系, 组织管理体系) and the fields it
 * serves, appending what changed, who, when and why to its history, in one transaction. The
 * province, the CITY_ADMIN of the base's city and the BASE_OPERATOR of its own organisation
 * may: those who manage the base (DOMAIN.md "Roles"). A correction that changes nothing is
 * refused; two racing on one base claim the same seq, and the later is refused with CONFLICT.
 */
export async function correctBaseConditions(ctx: RequestContext, input: CorrectBaseConditionsInput): Promise<Base> {
  checkId(input.baseId, 'baseId');
  const reason = requireText(input.reason, 'reason', 1, 2000);
  const given: Partial<Record<ConditionName, string>> = {};
  for (const name of CONDITIONS) {
    const value = input[name];
    if (value !== undefined && value !== null) given[name] = requireText(value, name, 1, 4000);
  }
  const fields = input.fields ? [...new Set(input.fields)].sort() : undefined;
  if (fields && !fields.length) throw badInput('a base serves at least one field', { field: 'fields' });
  if (!Object.keys(given).length && !fields)
    throw badInput('a correction names at least one of facilities, courseSystem, managementSystem or fields', {
      reason: 'NOTHING_CHANGED',
    });
  const base = await ctx.db.getRepository(Base).findOneBy({ id: input.baseId });
  if (!base) throw notFound(`no base has id ${input.baseId}`, { field: 'baseId' });
  ctx.viewer.assertCity(base.cityCode, 'correctBaseConditions');
  ctx.viewer.assertOrganization(base.operatorId, 'correctBaseConditions');

  await inTransaction(ctx, `correcting the conditions of ${base.name}`, async (manager) => {
    // the seq before the conditions: a correction committed in between then makes this one's seq taken (CONFLICT), never its diff stale
    const seq = await nextSeq(manager, BaseConditionCorrection, 'base_id = :id', { id: base.id });
    const profile = await manager.getRepository(BaseProfile).findOneBy({ baseId: base.id });
    const missing = CONDITIONS.filter((name) => given[name] === undefined);
    if (!profile && missing.length)
      throw badInput(`${base.name} has no conditions on record: a correction gives all three, ${missing.join(' and ')} missing`, {
        field: missing[0],
      });
    const changes: FieldChange[] = [];
    for (const name of CONDITIONS) {
      const before = profile?.[name] ?? null;
      if (given[name] !== undefined && given[name] !== before) changes.push({ field: name, before, after: given[name] });
    }
    const recorded = await manager.getRepository(BaseField).find({ where: { baseId: base.id }, order: { field: 'ASC' } });
    const before = recorded.map((f) => f.field).join(',');
    if (fields && fields.join(',') !== before) changes.push({ field: 'fields', before: before || null, after: fields.join(',') });
    if (!changes.length) throw badInput('the values given are the values on record: nothing to correct', { reason: 'NOTHING_CHANGED' });

    // the history first: a concurrent correction waits on its seq and is refused, before it touches the conditions
    await manager.getRepository(BaseConditionCorrection).insert(
      Object.assign(new BaseConditionCorrection(), {
        id: randomUUID(),
        baseId: base.id,
        seq,
        changes: JSON.stringify(changes),
        reason,
        ...correctorOf(ctx.viewer),
      }),
    );
    if (profile) {
      const corrected = Object.fromEntries(changes.filter((c) => c.field !== 'fields').map((c) => [c.field, c.after]));
      if (Object.keys(corrected).length) await manager.getRepository(BaseProfile).update({ baseId: base.id }, corrected);
    } else {
      await manager.getRepository(BaseProfile).insert(Object.assign(new BaseProfile(), { baseId: base.id, ...given }));
    }
    if (changes.some((c) => c.field === 'fields')) {
      await manager.getRepository(BaseField).delete({ baseId: base.id });
      await manager.getRepository(BaseField).insert(fields!.map((field) => Object.assign(new BaseField(), { baseId: base.id, field })));
    }
  });
  return base;
}
