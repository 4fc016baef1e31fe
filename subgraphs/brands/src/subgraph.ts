import type { SubgraphDefinition } from '@skills-sichuan/kit';
import { Brand } from './brand/brand.entity';
import { BrandResolver, resolveBrandReference } from './brand/brand.resolver';
import { CreateBrand1700000001000 } from './migrations/1700000001000-CreateBrand';
import { seedBrands } from './seed';

/** brands & standards: the five public brands, their sub-brand matrix and their targets. */
export const brands: SubgraphDefinition = {
  name: 'brands',
  defaultPort: 4001,
  entities: [Brand],
  migrations: [CreateBrand1700000001000],
  schema: {
    resolvers: [BrandResolver],
    references: { Brand: resolveBrandReference },
  },
  seed: seedBrands,
};
