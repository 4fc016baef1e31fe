import { In } from 'typeorm';
import { byKey, defineLoader, groupedByKey } from '@skills-sichuan/subgraph-kit';
import { providerKey } from '../provider/provider.stub';
import type { ProviderType } from '../provider/provider.enums';
import { TrainingProgram } from './training-program.entity';

export const programById = defineLoader<string, TrainingProgram | null>('programById', async (ids, { db }) =>
  byKey(ids, await db.getRepository(TrainingProgram).findBy({ id: In([...ids]) }), (p) => p.id),
);

export interface ProviderKey {
  type: ProviderType;
  id: string;
  year?: number | null;
}

/** Every provider's programs for one year (or all years) in one statement, newest first. */
export const programsOfProvider = defineLoader<ProviderKey, TrainingProgram[]>(
  'programsOfProvider',
  async (keys, { db, loaders, reads }) => {
    const answers = new Map<string, TrainingProgram[]>();
    const read = async (year: number | null) => {
      const group = keys.filter((k) => (k.year ?? null) === year);
      const query = db
        .getRepository(TrainingProgram)
        .createQueryBuilder('p')
        .where('p.provider_id IN (:...ids)', { ids: [...new Set(group.map((k) => k.id))] })
        .orderBy('p.start_on', 'DESC')
        .addOrderBy('p.id', 'ASC');
      if (year !== null) query.andWhere('p.year = :year', { year });
      const rows = await reads.entities(query);
      for (const program of rows) loaders.of(programById).prime(program.id, program);
      const grouped = groupedByKey(group.map(providerKey), rows, (p) => providerKey({ type: p.providerType, id: p.providerId }));
      group.forEach((k, i) => answers.set(`${providerKey(k)}|${year}`, grouped[i]));
    };
    await Promise.all([...new Set(keys.map((k) => k.year ?? null))].map(read));
    return keys.map((k) => answers.get(`${providerKey(k)}|${k.year ?? null}`) ?? []);
  },
  { cacheKey: (k) => `${providerKey(k)}|${k.year ?? null}` },
);

/** Every provider's person-times for one year (or all years) in one statement, from the programs' rollup. */
export const personTimesOfProvider = defineLoader<ProviderKey, number>(
  'personTimesOfProvider',
  async (keys, { db, reads }) => {
    const answers = new Map<string, number>();
    const read = async (year: number | null) => {
      const group = keys.filter((k) => (k.year ?? null) === year);
      const query = db
        .createQueryBuilder()
        .from(TrainingProgram, 'p')
        .select('p.provider_type', 'type')
        .addSelect('p.provider_id', 'id')
        .addSelect('SUM(p.person_times)', 'personTimes')
        .where('p.provider_id IN (:...ids)', { ids: [...new Set(group.map((k) => k.id))] })
        .groupBy('p.provider_type')
        .addGroupBy('p.provider_id');
      if (year !== null) query.andWhere('p.year = :year', { year });
      // PostgreSQL returns SUM over integers as a string (bigint)
      for (const row of await reads.rows<{ type: string; id: string; personTimes: string | number }>(query))
        answers.set(`${providerKey(row)}|${year}`, Number(row.personTimes));
    };
    await Promise.all([...new Set(keys.map((k) => k.year ?? null))].map(read));
    return keys.map((k) => answers.get(`${providerKey(k)}|${k.year ?? null}`) ?? 0);
  },
  { cacheKey: (k) => `${providerKey(k)}|${k.year ?? null}` },
);
