import {
  composeCreditCode,
  creditCodeCheckCharacter,
  creditCodeProblem,
  isValidCreditCode,
  organizationCodeCheckCharacter,
} from './credit-code';

// Every character a test may type: the GB 32100 set plus the five letters it leaves out.
const ALPHANUMERIC = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/**
 * Codes published by well-known enterprises (Huawei, Tencent, Alibaba, Xiaomi): an oracle
 * independent of this module — both their GB 11714 and their GB 32100 check characters
 * must come out right.
 */
const PUBLISHED = ['914403001922038216', '91440300708461136T', '91330100716105852F', '91110108551385082Q'];

/** The GB 11714 organisation-code check character, against hand-worked examples. */
describe('organizationCodeCheckCharacter', () => {
  it('matches hand-computed values, including the X (10) and 0 (11) cases', () => {
    // weights 3 7 9 10 5 8 4 2
    // 12345678: 3+14+27+40+25+48+28+16 = 201; 201 mod 11 = 3; 11-3 = 8
    expect(organizationCodeCheckCharacter('12345678')).toBe('8');
    // D2143569 (D = 13): 39+14+9+40+15+40+24+18 = 199; 199 mod 11 = 1; 11-1 = 10 → X
    expect(organizationCodeCheckCharacter('D2143569')).toBe('X');
    // 00000000: sum 0; 11-0 = 11 → 0
    expect(organizationCodeCheckCharacter('00000000')).toBe('0');
    // 00000005: 5*2 = 10; 11-10 = 1
    expect(organizationCodeCheckCharacter('00000005')).toBe('1');
  });

  it('agrees with the organisation codes embedded in published credit codes', () => {
    for (const code of PUBLISHED) expect(organizationCodeCheckCharacter(code.slice(8, 16))).toBe(code[16]);
  });
});

/** The GB 32100 check character over the first 17 characters, against hand-worked examples. */
describe('creditCodeCheckCharacter', () => {
  it('matches a check character computed by hand from the weights', () => {
    // weights 1 3 9 27 19 26 16 17 20 29 25 13 8 24 10 30 28 (3^i mod 31)
    // 9 1 5 1 0 1 0 0 1 2 3 4 5 6 7 8 8
    // 9+3+45+27+0+26+0+0+20+58+75+52+40+144+70+240+224 = 1033
    // 1033 mod 31 = 10; 31-10 = 21; charset[21] = M (A=10 … H=17, J=18, K, L, M=21)
    expect(creditCodeCheckCharacter('91510100123456788')).toBe('M');
    // letters count by their charset index: M=21, A=10, C=12, Y=30
    // 5+6+45+27+0+26+0+0+420+290+150+156+240+24+20+90+112 = 1611
    // 1611 mod 31 = 30; 31-30 = 1
    expect(creditCodeCheckCharacter('52510100MA6CY1234')).toBe('1');
    // Y in front (Y=30): 1033 + (30-9)*1 = 1054 = 34*31, remainder 0 → (31-0) mod 31 = 0
    expect(creditCodeCheckCharacter('Y1510100123456788')).toBe('0');
  });

  it('accepts codes published by real enterprises', () => {
    for (const code of PUBLISHED) {
      expect(creditCodeCheckCharacter(code.slice(0, 17))).toBe(code[17]);
      expect(creditCodeProblem(code)).toBeNull();
      expect(isValidCreditCode(code)).toBe(true);
    }
  });
});

/** A composed code is valid and carries both check characters. */
describe('composeCreditCode', () => {
  it('builds the hand-computed codes', () => {
    expect(composeCreditCode('91', '510100', '12345678')).toBe('91510100123456788M');
    expect(composeCreditCode('Y1', '510100', '12345678')).toBe('Y15101001234567880');
  });

  it('gives valid 18-character codes for every category prefix, many divisions and bodies', () => {
    const divisions = ['510100', '510300', '511900', '513400'];
    for (const prefix of ['11', '12', '51', '52', '91', '92', 'Y1']) {
      for (const division of divisions) {
        for (let n = 10_000_000; n < 100_000_000; n += 7_654_321) {
          const body = String(n);
          const code = composeCreditCode(prefix, division, body);
          expect(code).toHaveLength(18);
          expect(code.slice(0, 16)).toBe(`${prefix}${division}${body}`);
          expect(code[16]).toBe(organizationCodeCheckCharacter(body));
          expect(creditCodeProblem(code)).toBeNull();
        }
      }
    }
  });
});

/** creditCodeProblem refuses every malformed code and says why. */
describe('creditCodeProblem', () => {
  const valid = '91440300708461136T';

  it('detects every single-character substitution in a valid code', () => {
    const undetected: string[] = [];
    let tried = 0;
    for (const code of [valid, composeCreditCode('52', '510100', '87654321')]) {
      for (let i = 0; i < 18; i++) {
        for (const ch of ALPHANUMERIC) {
          if (ch === code[i]) continue;
          const typo = code.slice(0, i) + ch + code.slice(i + 1);
          tried += 1;
          if (creditCodeProblem(typo) === null) undetected.push(typo);
        }
      }
    }
    expect(tried).toBe(2 * 18 * 35);
    expect(undetected).toEqual([]);
  });

  it('detects every swap of two different neighbours among the first 17 characters', () => {
    const undetected: string[] = [];
    for (let i = 0; i < 16; i++) {
      if (valid[i] === valid[i + 1]) continue;
      const swapped = valid.slice(0, i) + valid[i + 1] + valid[i] + valid.slice(i + 2);
      if (creditCodeProblem(swapped) === null) undetected.push(swapped);
    }
    expect(undetected).toEqual([]);
  });

  it('refuses a wrong length and names the length', () => {
    expect(creditCodeProblem('')).toMatch(/18 characters, got 0/);
    expect(creditCodeProblem(valid.slice(0, 17))).toMatch(/18 characters, got 17/);
    expect(creditCodeProblem(`${valid}0`)).toMatch(/18 characters, got 19/);
  });

  it('refuses lower-case letters even where the upper-case code is valid', () => {
    expect(creditCodeProblem(valid.toLowerCase())).toMatch(/outside GB 32100/);
    expect(isValidCreditCode('91440300708461136t')).toBe(false);
  });

  it.each(['I', 'O', 'S', 'V', 'Z'])('refuses the forbidden letter %s anywhere it could stand', (letter) => {
    for (const i of [0, 1, 8, 12, 16, 17]) {
      const code = valid.slice(0, i) + letter + valid.slice(i + 1);
      expect(creditCodeProblem(code)).toMatch(/outside GB 32100/);
    }
  });

  it('refuses a letter in the six-digit division code', () => {
    const code = '9144A300708461136T';
    expect(creditCodeProblem(code)).toMatch(/division code/);
  });

  it('refuses a well-formed code whose check character is wrong', () => {
    expect(creditCodeProblem('91440300708461136U')).toMatch(/check character/);
    expect(creditCodeProblem('91510100123456788L')).toMatch(/check character/);
  });
});
