import type { DataSource } from 'typeorm';
import { createLogger, Role } from '@skills-sichuan/runtime';
import { byKey, createRequestContext, defineLoader, groupedByKey, type RequestContext } from './context';

interface BaseRow {
  id: string;
  brandId: string;
}

const rows: BaseRow[] = [
  { id: 'b3', brandId: 'chef' },
  { id: 'b1', brandId: 'farmer' },
  { id: 'b2', brandId: 'chef' },
  { id: 'b9', brandId: 'not-asked-for' },
];

/** byKey: one answer per key, in the keys' order, null where no row matched. */
describe('byKey', () => {
  it('orders rows by the keys and fills misses with null', () => {
    expect(byKey(['b1', 'missing', 'b3', 'b2'], rows, (r) => r.id)).toEqual([rows[1], null, rows[0], rows[2]]);
  });

  it('answers a key asked twice at both places, and ignores rows no key asked for', () => {
    const answer = byKey(['b2', 'b2'], rows, (r) => r.id);
    expect(answer).toEqual([rows[2], rows[2]]);
  });

  it('is dense even with no rows at all', () => {
    expect(byKey([1, 2, 3], [] as { id: number }[], (r) => r.id)).toEqual([null, null, null]);
  });
});

/** groupedByKey: every key gets its rows in row order, [] when it has none. */
describe('groupedByKey', () => {
  it('groups rows under their keys in the rows order, [] for keys without rows', () => {
    expect(groupedByKey(['farmer', 'none', 'chef'], rows, (r) => r.brandId)).toEqual([[rows[1]], [], [rows[0], rows[2]]]);
  });

  it('answers a key asked twice at both places', () => {
    expect(groupedByKey(['chef', 'farmer', 'chef'], rows, (r) => r.brandId)).toEqual([[rows[0], rows[2]], [rows[1]], [rows[0], rows[2]]]);
  });

  it('answers [] for every key when there are no rows, and one array per key', () => {
    const answer = groupedByKey(['a', 'b'], [] as BaseRow[], (r) => r.brandId);
    expect(answer).toEqual([[], []]);
    expect(answer[0]).not.toBe(answer[1]);
  });
});

/** Loaders: one DataLoader per definition per request; nothing cached survives into another request. */
describe('Loaders', () => {
  const log = createLogger('kit-test');
  const db = {} as DataSource; // never touched: the batches below read an in-memory table
  const newContext = () => createRequestContext({ db, log });

  /** a batch over an in-memory table that records every call */
  function tableLoader(table: Map<string, string>) {
    const calls: { keys: string[]; context: RequestContext }[] = [];
    const definition = defineLoader<string, string | null>('brandName', async (keys, context) => {
      calls.push({ keys: [...keys], context });
      return keys.map((k) => table.get(k) ?? null);
    });
    return { definition, calls };
  }

  it('gives each request its own id and a PUBLIC viewer by default', () => {
    const a = newContext();
    const b = newContext();
    expect(a.requestId).not.toBe(b.requestId);
    expect(a.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(a.viewer.role).toBe(Role.PUBLIC);
    expect(createRequestContext({ db, log, requestId: 'r-1' }).requestId).toBe('r-1');
  });

  it('returns the same DataLoader for one definition within a request', () => {
    const { definition } = tableLoader(new Map());
    const context = newContext();
    expect(context.loaders.of(definition)).toBe(context.loaders.of(definition));
    expect(context.loaders.of(definition)).not.toBe(context.loaders.of(tableLoader(new Map()).definition));
  });

  it('batches the loads of one tick into one call, handing it the request context', async () => {
    const { definition, calls } = tableLoader(
      new Map([
        ['x', 'X'],
        ['y', 'Y'],
      ]),
    );
    const context = newContext();
    const values = await Promise.all(['x', 'y', 'z', 'x'].map((k) => context.loaders.of(definition).load(k)));
    expect(values).toEqual(['X', 'Y', null, 'X']);
    expect(calls.map((c) => c.keys)).toEqual([['x', 'y', 'z']]);
    expect(calls[0].context).toBe(context);
  });

  it('gives two requests different loaders, so one never sees the other cached answers', async () => {
    const table = new Map([['x', 'before']]);
    const { definition, calls } = tableLoader(table);
    const first = newContext();
    const second = newContext();
    expect(first.loaders.of(definition)).not.toBe(second.loaders.of(definition));

    expect(await first.loaders.of(definition).load('x')).toBe('before');
    table.set('x', 'after');
    // the first request keeps its cached answer; the second reads afresh
    expect(await first.loaders.of(definition).load('x')).toBe('before');
    expect(await second.loaders.of(definition).load('x')).toBe('after');
    expect(calls).toHaveLength(2);
    expect(calls[0].context).toBe(first);
    expect(calls[1].context).toBe(second);
  });

  it('lets object keys with equal content share one load through cacheKey', async () => {
    type Key = { subjectId: string; year: number };
    const seen: Key[][] = [];
    const batch = async (keys: readonly Key[]) => {
      seen.push([...keys]);
      return keys.map((k) => `${k.subjectId}@${k.year}`);
    };
    const keyed = defineLoader<Key, string>('assessmentByYear', batch, { cacheKey: (k) => `${k.subjectId}:${k.year}` });
    const context = newContext();
    const loader = context.loaders.of(keyed);
    const values = await Promise.all([
      loader.load({ subjectId: 'b1', year: 2024 }),
      loader.load({ subjectId: 'b1', year: 2024 }),
      loader.load({ subjectId: 'b1', year: 2025 }),
    ]);
    expect(values).toEqual(['b1@2024', 'b1@2024', 'b1@2025']);
    expect(seen).toEqual([
      [
        { subjectId: 'b1', year: 2024 },
        { subjectId: 'b1', year: 2025 },
      ],
    ]);
    expect(await loader.load({ subjectId: 'b1', year: 2024 })).toBe('b1@2024');
    expect(seen).toHaveLength(1);

    // without cacheKey, equal objects are different keys: the option is what makes them share
    seen.length = 0;
    const plain = context.loaders.of(defineLoader<Key, string>('assessmentByYearPlain', batch));
    await Promise.all([plain.load({ subjectId: 'b1', year: 2024 }), plain.load({ subjectId: 'b1', year: 2024 })]);
    expect(seen[0]).toHaveLength(2);
  });
});
