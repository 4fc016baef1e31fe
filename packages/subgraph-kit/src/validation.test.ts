import { DomainError } from '@skills-sichuan/runtime';
import { CITIES } from './seed/cities';
import { checkCityCode, requireText, textProblem } from './validation';

const refusal = (run: () => unknown) => {
  try {
    run();
  } catch (err) {
    return err as DomainError;
  }
  throw new Error('not refused');
};

/** The kit's input checks refuse what the penetration test wrote (issue 12, findings 7 and 9c). */
describe('checkCityCode', () => {
  it("takes each of Sichuan's 21 市州", () => {
    for (const { code } of CITIES) expect(() => checkCityCode(code)).not.toThrow();
    expect(() => checkCityCode(null)).not.toThrow();
  });

  it.each(['999999', '510000', '510104', '110100', '51010', 'abcdef'])('refuses %s with BAD_USER_INPUT', (code) => {
    const err = refusal(() => checkCityCode(code));
    expect(err.extensions.code).toBe('BAD_USER_INPUT');
  });
});

describe('requireText', () => {
  it('trims and NFC-normalises: a decomposed é is stored composed', () => {
    expect(requireText('  Cafe\u0301  ', 'name', 1, 40)).toBe('Caf\u00e9');
  });

  it.each([
    ['NUL', 'a\u0000b'],
    ['a C1 control', 'a\u0085b'],
    ['a right-to-left override', 'a\u202eb'],
    ['a left-to-right embedding', 'a\u202ab'],
    ['a first-strong isolate', 'a\u2068b'],
    ['a pop directional isolate', 'a\u2069b'],
    ['a zero-width space', 'a\u200bb'],
    ['a zero-width joiner', 'a\u200db'],
    ['a byte-order mark', 'a\ufeffb'],
    ['a lone high surrogate', 'a\ud800b'],
    ['a lone low surrogate', 'a\udc00b'],
    ['a newline in a one-line field', 'a\nb'],
    ['a tab in a one-line field', 'a\tb'],
  ])('refuses %s with BAD_USER_INPUT, naming the field, not the value', (_what, value) => {
    const err = refusal(() => requireText(value, 'traineeName', 1, 40));
    expect(err.extensions.code).toBe('BAD_USER_INPUT');
    expect(err.message).toMatch(/^traineeName /);
    expect(err.message).not.toContain(value);
  });

  it('lets prose (more than 200 characters allowed) span lines, but not hold NUL or a bidi override', () => {
    expect(requireText('line one\r\n\tline two', 'opinion', 1, 4000)).toBe('line one\r\n\tline two');
    expect(() => requireText('a\u0000b', 'opinion', 1, 4000)).toThrow(DomainError);
    expect(() => requireText('a\u202eb', 'opinion', 1, 4000)).toThrow(DomainError);
    expect(() => requireText('a\nb', 'title', 1, 4000, { multiline: false })).toThrow(DomainError);
  });

  it('takes Chinese names, emoji (a surrogate pair) and the middle dot of minority names', () => {
    expect(requireText('阿依·吉克', 'name', 1, 40)).toBe('阿依·吉克');
    expect(textProblem('成都🐼')).toBeNull();
  });
});
