/**
 * The 21 市州 of Sichuan (GB/T 2260 codes), fixed by the plan: the one list every service
 * checks a city against (a token's `city` claim, a row's city code) and the seeds draw on.
 * Chengdu, the provincial capital, comes first.
 */
export const SICHUAN_CITIES: readonly { code: string; name: string }[] = [
  ['510100', '成都市'],
  ['510300', '自贡市'],
  ['510400', '攀枝花市'],
  ['510500', '泸州市'],
  ['510600', '德阳市'],
  ['510700', '绵阳市'],
  ['510800', '广元市'],
  ['510900', '遂宁市'],
  ['511000', '内江市'],
  ['511100', '乐山市'],
  ['511300', '南充市'],
  ['511400', '眉山市'],
  ['511500', '宜宾市'],
  ['511600', '广安市'],
  ['511700', '达州市'],
  ['511800', '雅安市'],
  ['511900', '巴中市'],
  ['512000', '资阳市'],
  ['513200', '阿坝藏族羌族自治州'],
  ['513300', '甘孜藏族自治州'],
  ['513400', '凉山彝族自治州'],
].map(([code, name]) => ({ code, name }));

export const SICHUAN_CITY_CODES: ReadonlySet<string> = new Set(SICHUAN_CITIES.map((c) => c.code));
