import { registerEnumType } from 'type-graphql';

export enum BrandLevel {
  PUBLIC_BRAND = 'PUBLIC_BRAND',
  SUB_BRAND = 'SUB_BRAND',
}
registerEnumType(BrandLevel, { name: 'BrandLevel', description: 'one of the five public brands, or a sub-brand of one' });

export enum IndustrySector {
  PRIMARY = 'PRIMARY',
  SECONDARY = 'SECONDARY',
  TERTIARY = 'TERTIARY',
}
registerEnumType(IndustrySector, { name: 'IndustrySector', description: '一、二、三产业' });
