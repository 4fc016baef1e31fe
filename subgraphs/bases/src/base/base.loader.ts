import { In, Raw, type FindOptionsWhere } from 'typeorm';
import { byKey, defineLoader, groupedByKey, groupBy } from '@skills-sichuan/subgraph-kit';
import { organizationById } from '../organization/organization.loader';
import { RecordCorrection, type FieldChange } from '../organization/record-correction';
import { Base, BaseConditionCorrection, BaseField, BaseProfile } from './base.entity';
import type { BaseTier, CultivationField } from './base.enums';
import type { RosterStatus } from '../roster/roster.enums';
import type { HonourLevel } from '../honour/honour.entity';

export const baseById = defineLoader<string, Base | null>('baseById', async (ids, { db }) =>
  byKey(ids, await db.getRepository(Base).findBy({ id: In([...ids]) }), (b) => b.id),
);

export interface BrandBasesFilter {
  tier?: BaseTier | null;
  cityCode?: string | null;
  status?: RosterStatus | null;
  honourLevel?: HonourLevel | null;
}

/** The bases of a set of brands (a brand and, usually, its sub-brands) under one filter. */
export interface BrandBasesKey extends BrandBasesFilter {
  brandIds: string[];
}

const filterSignature = ({ tier, cityCode, status, honourLevel }: BrandBasesFilter) =>
  JSON.stringify([tier ?? null, cityCode ?? null, status ?? null, honourLevel ?? null]);

/** Main bases first, then by city and name: the order a roster is read in. */
export const BASE_ORDER = { tier: 'DESC', cityCode: 'ASC', name: 'ASC', id: 'ASC' } as const;

/**
 * Every brand's bases in one SQL statement per distinct filter: a list of brands asking
 * the same question shares one `brand_id IN (…)` query, which also joins each base's
 * operator and primes its loader (cities are read once per process), so a roster costs one statement.
 */
export const basesOfBrands = defineLoader<BrandBasesKey, Base[]>(
  'basesOfBrands',
  async (keys, { db, loaders }) => {
    const groups = groupBy(keys, filterSignature);
    const rowsBySignature = new Map<string, Base[]>();
    for (const [signature, group] of groups) {
      const { tier, cityCode, status, honourLevel } = group[0];
      const where: FindOptionsWhere<Base> = { brandId: In([...new Set(group.flatMap((k) => k.brandIds))]) };
      if (tier) where.tier = tier;
      if (cityCode) where.cityCode = cityCode;
      if (status) where.status = status;
      if (honourLevel)
        where.id = Raw((id) => `EXISTS (SELECT 1 FROM honour h WHERE h.base_id = ${id} AND h.level = :honourLevel)`, { honourLevel });
      const rows = await db.getRepository(Base).find({ where, order: BASE_ORDER, relations: { operator: true } });
      for (const base of rows) {
        if (base.operator) loaders.of(organizationById).prime(base.operatorId, base.operator);
      }
      rowsBySignature.set(signature, rows);
    }
    return keys.map((key) => {
      const brandIds = new Set(key.brandIds);
      return (rowsBySignature.get(filterSignature(key)) ?? []).filter((b) => brandIds.has(b.brandId));
    });
  },
  { cacheKey: (key) => `${[...key.brandIds].sort().join(',')}|${filterSignature(key)}` },
);

export const conditionsOf = defineLoader<string, BaseProfile | null>('conditionsOf', async (ids, { db }) =>
  byKey(ids, await db.getRepository(BaseProfile).findBy({ baseId: In([...ids]) }), (p) => p.baseId),
);

export const fieldsOf = defineLoader<string, CultivationField[]>('fieldsOf', async (ids, { db }) =>
  groupedByKey(
    ids,
    await db.getRepository(BaseField).find({ where: { baseId: In([...ids]) }, order: { field: 'ASC' } }),
    (f) => f.baseId,
  ).map((rows) => rows.map((r) => r.field)),
);

/** Each operator's bases, in roster order: one statement for any number of organisations. */
export const basesOfOperators = defineLoader<string, Base[]>('basesOfOperators', async (ids, { db }) =>
  groupedByKey(ids, await db.getRepository(Base).find({ where: { operatorId: In([...ids]) }, order: BASE_ORDER }), (b) => b.operatorId),
);

/** Each base's condition corrections, oldest first: one statement for any number of bases. */
export const conditionHistoryOf = defineLoader<string, RecordCorrection[]>('conditionHistoryOf', async (ids, { db }) =>
  groupedByKey(
    ids,
    await db.getRepository(BaseConditionCorrection).find({ where: { baseId: In([...ids]) }, order: { baseId: 'ASC', seq: 'ASC' } }),
    (c) => c.baseId,
  ).map((corrections) =>
    corrections.map(({ seq, changes, reason, correctedBy, correctorRole, correctedAt }) =>
      Object.assign(new RecordCorrection(), {
        seq,
        changes: JSON.parse(changes) as FieldChange[],
        reason,
        correctedBy,
        correctorRole,
        correctedAt,
      }),
    ),
  ),
);
