/**
 * The resident identity number (公民身份号码, GB 11643-1999): a 6-digit administrative
 * division code, the birth date (YYYYMMDD), a 3-digit sequence whose last digit is odd
 * for men and even for women, and a check character over the first 17 (ISO 7064 MOD 11-2).
 */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';
const SHAPE = /^\d{17}[\dX]$/;
/** GB/T 2260 province-level prefixes: 11 北京 … 65 新疆 (a trainee may come from any province) */
const PROVINCES = new Set([
  '11',
  '12',
  '13',
  '14',
  '15',
  '21',
  '22',
  '23',
  '31',
  '32',
  '33',
  '34',
  '35',
  '36',
  '37',
  '41',
  '42',
  '43',
  '44',
  '45',
  '46',
  '50',
  '51',
  '52',
  '53',
  '54',
  '61',
  '62',
  '63',
  '64',
  '65',
]);

export function identityCheckCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i];
  return CHECK[sum % 11];
}

/** The birth date an identity number holds (YYYY-MM-DD); not validated. */
export const birthDateOf = (identityNumber: string) =>
  `${identityNumber.slice(6, 10)}-${identityNumber.slice(10, 12)}-${identityNumber.slice(12, 14)}`;

/**
 * Why an identity number is not valid, or null when it is. The reasons never repeat the
 * number itself: they end up in error messages, and the number is personal data.
 */
export function identityNumberProblem(value: string): string | null {
  if (value.length !== 18) return `must be 18 characters, got ${value.length}`;
  if (!SHAPE.test(value)) return 'must be 17 digits and a check character (a digit or X)';
  if (!PROVINCES.has(value.slice(0, 2))) return 'does not start with a GB/T 2260 province code';
  const birth = birthDateOf(value);
  const date = new Date(`${birth}T00:00:00Z`);
  if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== birth || birth < '1900-01-01')
    return 'does not hold a real birth date';
  if (identityCheckCharacter(value.slice(0, 17)) !== value[17]) return 'check character does not match (GB 11643)';
  return null;
}

/** Upper-cases a final x and trims spaces, the only leniency a typed number gets. */
export const normalizeIdentityNumber = (value: string) => value.trim().toUpperCase();

const PHONE = /^1[3-9]\d{9}$/;

/** Why a mainland mobile number is not valid, or null when it is. */
export function phoneProblem(value: string): string | null {
  return PHONE.test(value) ? null : 'must be an 11-digit mainland mobile number starting 13–19';
}
