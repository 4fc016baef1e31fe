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

/** Where a brand or a figure comes from: the plan's own words, or the program office's configuration of it. */
export enum Provenance {
  PLAN = 'PLAN',
  PROGRAM_OFFICE = 'PROGRAM_OFFICE',
}
registerEnumType(Provenance, {
  name: 'Provenance',
  description: 'the plan’s own (《技能四川公共品牌培育三年行动方案》), or the program office’s configuration where the plan says nothing',
  valuesConfig: {
    PLAN: { description: 'stated in the plan of 2023-12-15' },
    PROGRAM_OFFICE: { description: 'set by the program office (省人社厅品牌培育办公室); the plan does not state it' },
  },
});
