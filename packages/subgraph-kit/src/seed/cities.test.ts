import { CAPITAL, CITIES } from './cities';

// copied from GB/T 2260, not from cities.ts, so the test checks the list
const GB_T_2260 = [
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

/** The province's cities every seed shares. */
describe('CITIES', () => {
  it('has all 21 cities with their GB/T 2260 codes, Chengdu first', () => {
    expect(CITIES.map(({ code, name }) => ({ code, name }))).toEqual(GB_T_2260);
    expect(CAPITAL).toMatchObject({ code: '510100', name: '成都市' });
  });

  it('shortens a name to what organisation names use', () => {
    const short = Object.fromEntries(CITIES.map((c) => [c.code, c.short]));
    expect([short['510100'], short['513200'], short['513300'], short['513400']]).toEqual(['成都', '阿坝', '甘孜', '凉山']);
  });
});
