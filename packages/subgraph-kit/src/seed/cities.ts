import { SICHUAN_CITIES } from '@skills-sichuan/runtime';

/** The 21 市州 as the seeds use them (the runtime's list, with the short names organisations carry). */
export interface ProvinceCity {
  code: string;
  name: string;
  /** the short form used in organisation names */
  short: string;
}

export const CITIES: readonly ProvinceCity[] = SICHUAN_CITIES.map(({ code, name }) => ({
  code,
  name,
  short: name.replace(/(藏族羌族自治州|藏族自治州|彝族自治州|市)$/, ''),
}));

/** 成都市: where provincial bodies sit and where most seeded subjects are */
export const CAPITAL: ProvinceCity = CITIES[0];
