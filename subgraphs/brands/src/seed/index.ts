/**
 * The brands subgraph's seed entry point (`@skills-sichuan/brands/seed`): the generator
 * other subgraphs' seeds draw the brand matrix from, so their brand ids agree with ours.
 */
export { generateBrands, type BrandSeed } from './brands.generator';
export { BrandLevel, IndustrySector } from '../brand/brand.enums';
