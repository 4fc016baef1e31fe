import { ArgsType, Field, type ClassType } from 'type-graphql';
import type { DataSource } from 'typeorm';
import { badInput } from '@skills-sichuan/runtime';
import { defineLoader, groupBy, type LoaderDefinition, type RequestContext } from './context';

/**
 * Figures (counts and sums grouped by dimensions) computed where the rows live: one GROUP BY
 * statement answers every brand asking the same filter, whatever the groups each asks for.
 * Each key names the brands it rolls up (a brand and, usually, its sub-brands), the filter
 * and the dimensions to group by; the statement groups by brand and every dimension any key
 * of the batch asked for, and each key then folds the rows of its own brands into its groups.
 */

/** The dimension every figure has: the row's own brand (a sub-brand stays apart from its public brand). */
export const BRAND_DIMENSION = 'BRAND';

/** What the statement answers: one row per brand and combination of the dimensions asked for. */
export type FigureRow<D extends string, M extends string> = { brandId: string; parentBrandId?: string | null } & {
  [d in D]?: string | number | null;
} & {
  [m in M]: number | string | null;
};

/** One group of a figure: the value of each dimension grouped by (null for the others), and its measures. */
export type FigureGroup<D extends string, M extends string> = { brandId: string | null } & { [d in D]: string | number | null } & {
  [m in M]: number;
};

export interface FigureKey<F> {
  /** the brands rolled up into this figure */
  brandIds: readonly string[];
  /** and the sub-brands of these, where the subgraph knows them itself (rows then carry parentBrandId) */
  subBrandsOf?: readonly string[];
  filter: F;
  /** dimensions to group by, in the order the groups are sorted by; BRAND for the row's own brand */
  groupBy: readonly string[];
}

export interface FigureDefinition<F, D extends string, M extends string> {
  /** dimensions other than BRAND, each with the order of its values when it has a fixed one (an enum's), or numeric (a year) */
  dimensions: Record<D, { order?: readonly string[]; numeric?: boolean }>;
  measures: readonly M[];
  /** the filter's part of the statement: keys with equal signatures share one statement */
  signature: (filter: F) => string;
  /** the one statement (sent through ctx.reads): rows by brand and the dimensions asked for, over these brands (and these brands' sub-brands), under the filter */
  select: (ctx: RequestContext, brandIds: string[], filter: F, dimensions: D[], parentIds: string[]) => Promise<FigureRow<D, M>[]>;
}

const compareValues = (order?: readonly string[]) => (a: string | number | null, b: string | number | null) => {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  if (order) return order.indexOf(String(a)) - order.indexOf(String(b));
  return typeof a === 'number' && typeof b === 'number' ? a - b : String(a) < String(b) ? -1 : 1;
};

/** A per-request loader of a figure: see the module's comment. */
export function defineFigure<F, D extends string, M extends string>(
  name: string,
  definition: FigureDefinition<F, D, M>,
): LoaderDefinition<FigureKey<F>, FigureGroup<D, M>[]> {
  const dimensionNames = Object.keys(definition.dimensions) as D[];
  return defineLoader<FigureKey<F>, FigureGroup<D, M>[]>(
    name,
    async (keys, ctx) => {
      const answers = new Map<FigureKey<F>, FigureGroup<D, M>[]>();
      // every filter's statement asked at once: the context's reads send them as one
      await Promise.all(
        [...groupBy(keys, (k) => definition.signature(k.filter))].map(async ([, group]) => {
          const asked = new Set(group.flatMap((k) => k.groupBy));
          const dimensions = dimensionNames.filter((d) => asked.has(d));
          const brandIds = [...new Set(group.flatMap((k) => k.brandIds))];
          const parentIds = [...new Set(group.flatMap((k) => k.subBrandsOf ?? []))];
          const rows = brandIds.length ? await definition.select(ctx, brandIds, group[0].filter, dimensions, parentIds) : [];
          for (const key of group) answers.set(key, fold(key, rows));
        }),
      );
      return keys.map((key) => answers.get(key)!);
    },
    {
      cacheKey: (k) =>
        `${[...k.brandIds].sort().join(',')}|${[...(k.subBrandsOf ?? [])].sort().join(',')}|${definition.signature(k.filter)}|${k.groupBy.join(',')}`,
    },
  );

  function fold(key: FigureKey<F>, rows: FigureRow<D, M>[]): FigureGroup<D, M>[] {
    const brands = new Set(key.brandIds);
    const parents = new Set(key.subBrandsOf ?? []);
    const byBrand = key.groupBy.includes(BRAND_DIMENSION);
    const grouped = key.groupBy.filter((d): d is D => d !== BRAND_DIMENSION) as D[];
    const groups = new Map<string, FigureGroup<D, M>>();
    const groupOf = (brandId: string | null, values: (string | number | null)[]) => {
      const signature = JSON.stringify([brandId, ...values]);
      let found = groups.get(signature);
      if (!found) {
        found = { brandId } as FigureGroup<D, M>;
        for (const d of dimensionNames) (found as Record<string, unknown>)[d] = null;
        grouped.forEach((d, i) => ((found as Record<string, unknown>)[d] = values[i]));
        for (const m of definition.measures) (found as Record<string, unknown>)[m] = 0;
        groups.set(signature, found);
      }
      return found;
    };
    // grouped by nothing: one total, 0 when no row matches, so a total asked for is never an empty list
    if (key.groupBy.length === 0) groupOf(null, []);
    for (const row of rows) {
      if (!brands.has(row.brandId) && !(row.parentBrandId && parents.has(row.parentBrandId))) continue;
      const found = groupOf(
        byBrand ? row.brandId : null,
        grouped.map((d) => {
          const value = (row[d] ?? null) as string | number | null;
          // a year computed in SQL comes back as a string from PostgreSQL
          return value !== null && definition.dimensions[d].numeric ? Number(value) : value;
        }),
      );
      // PostgreSQL answers COUNT and SUM over integers as strings (bigint)
      for (const m of definition.measures) (found as Record<string, number>)[m] += Number(row[m] ?? 0);
    }
    const comparators = key.groupBy.map((d) =>
      d === BRAND_DIMENSION
        ? (a: FigureGroup<D, M>, b: FigureGroup<D, M>) => compareValues()(a.brandId, b.brandId)
        : (a: FigureGroup<D, M>, b: FigureGroup<D, M>) => compareValues(definition.dimensions[d as D].order)(a[d as D], b[d as D]),
    );
    return [...groups.values()].sort((a, b) => {
      for (const compare of comparators) {
        const c = compare(a, b);
        if (c) return c;
      }
      return 0;
    });
  }
}

/** Refuses a dimension named twice: the groups would be the same, so the client asked something else than it meant. */
export function checkGroupBy(groupBy: readonly string[] | null | undefined): readonly string[] {
  const given = groupBy ?? [];
  const twice = given.find((d, i) => given.indexOf(d) !== i);
  if (twice) throw badInput(`groupBy names ${twice} twice`, { field: 'groupBy' });
  return given;
}

/** The calendar year of a date column, as an integer, in the data source's SQL. */
export function yearOf(db: DataSource, column: string): string {
  return db.options.type === 'postgres' ? `CAST(EXTRACT(YEAR FROM ${column}) AS INTEGER)` : `CAST(strftime('%Y', ${column}) AS INTEGER)`;
}

/** part / whole, to four places; null when there is no whole to measure against. */
export function rate(part: number, whole: number): number | null {
  return whole > 0 ? Math.round((part / whole) * 10_000) / 10_000 : null;
}

/** The brands a brand's figures roll up: itself and, unless includeSubBrands is false, its sub-brands (as Brand.bases). */
export function brandFamily(brand: { id: string; subBrands?: { id: string }[] }, includeSubBrands: boolean | null | undefined): string[] {
  return [brand.id, ...(includeSubBrands !== false ? (brand.subBrands ?? []).map((s) => s.id) : [])];
}

/** The includeSubBrands argument of every figure on a brand. */
export const INCLUDE_SUB_BRANDS = {
  nullable: true,
  defaultValue: true,
  description: "a public brand's figures include its sub-brands' unless this is false",
} as const;

/**
 * The arguments of every figure on a brand, in this order: the dimensions to group by, the
 * filter, and whether a public brand's sub-brands are rolled up.
 */
export function FigureArgs<D extends string, F extends object>(dimension: object, filter: ClassType<F>) {
  @ArgsType()
  abstract class FigureArgsType {
    @Field(() => [dimension], {
      defaultValue: [],
      description: 'dimensions to group by, in the order the groups are sorted by; none: one total',
    })
    groupBy: D[];

    @Field(() => filter, { nullable: true })
    filter?: F | null;

    @Field(() => Boolean, INCLUDE_SUB_BRANDS)
    includeSubBrands?: boolean | null;
  }
  return FigureArgsType;
}
