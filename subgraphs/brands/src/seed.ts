import type { EntityManager } from 'typeorm';
import { insertMany, type Program } from '@skills-sichuan/kit';
import { Brand, BrandLevel, IndustrySector } from './brand/brand.entity';

export async function seedBrands(manager: EntityManager, program: Program): Promise<void> {
  const positions = new Map<string | null, number>();
  await insertMany(
    manager,
    Brand,
    program.brands.map((b) => {
      const position = positions.get(b.parentId) ?? 0;
      positions.set(b.parentId, position + 1);
      return Object.assign(new Brand(), {
        id: b.id, code: b.code, name: b.name, level: b.level as BrandLevel, sector: b.sector as IndustrySector,
        parentId: b.parentId, position, targetPersonTimes: b.targetPersonTimes, targetDeadline: b.targetDeadline,
      });
    }),
  );
}
