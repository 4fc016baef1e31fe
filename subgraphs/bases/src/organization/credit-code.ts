/**
 * The unified social credit code (统一社会信用代码, GB 32100-2015): 18 characters —
 * registration authority, organisation category, 6-digit administrative division,
 * 9-character organisation code (GB 11714, with its own check character) — and a last
 * check character over the first 17.
 */
const CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const SHAPE = /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/;

export function creditCodeCheckCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += CHARSET.indexOf(first17[i]) * WEIGHTS[i];
  return CHARSET[(31 - (sum % 31)) % 31];
}

/** The GB 11714 check character of an 8-character organisation code body. */
export function organizationCodeCheckCharacter(body8: string): string {
  const weights = [3, 7, 9, 10, 5, 8, 4, 2];
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += parseInt(body8[i], 36) * weights[i];
  const c = 11 - (sum % 11);
  return c === 10 ? 'X' : c === 11 ? '0' : String(c);
}

/** Why a credit code is not valid, or null when it is. */
export function creditCodeProblem(code: string): string | null {
  if (code.length !== 18) return `must be 18 characters, got ${code.length}`;
  if (!SHAPE.test(code))
    return 'holds a character outside GB 32100 (digits and capitals except I, O, S, V, Z) or a non-digit division code';
  if (creditCodeCheckCharacter(code.slice(0, 17)) !== code[17]) return 'check character does not match (GB 32100-2015)';
  return null;
}

export function isValidCreditCode(code: string): boolean {
  return creditCodeProblem(code) === null;
}

/** Builds a valid code from its parts: the 2-character category prefix, a division code and an 8-digit body. */
export function composeCreditCode(prefix: string, division: string, body8: string): string {
  const first17 = `${prefix}${division}${body8}${organizationCodeCheckCharacter(body8)}`;
  return first17 + creditCodeCheckCharacter(first17);
}
