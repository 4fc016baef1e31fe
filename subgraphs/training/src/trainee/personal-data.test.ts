import { parseCsv } from '../record/csv';
import { identityCheckCharacter, identityNumberProblem } from './identity-number';
import { PersonalDataVault } from './personal-data';
import { TraineeGenerator } from './trainee-generator';

/** GB 11643 identity numbers, the vault that protects them, the CSV reader, the seeded trainees. */
describe('trainee personal data', () => {
  it('computes GB 11643 check characters, X included', () => {
    // the standard's own example: 11010519491231002X
    expect(identityCheckCharacter('11010519491231002')).toBe('X');
    expect(identityNumberProblem('11010519491231002X')).toBeNull();
    expect(identityNumberProblem('110105194912310021')).toMatch(/check character/);
    expect(identityNumberProblem('99010519491231002X')).toMatch(/province/);
    expect(identityNumberProblem('1101051949123100')).toMatch(/18 characters/);
  });

  it('encrypts so that only the key reveals, hashes for lookup, and masks', () => {
    const vault = new PersonalDataVault('k'.repeat(40));
    const data = { identityNumber: '11010519491231002X', phone: '13812345678' };
    const stored = vault.protect(data);
    expect(stored.identityMasked).toBe('1101**********002X');
    expect(stored.phoneMasked).toBe('138****5678');
    expect(stored.personalCipher).not.toContain('1949');
    expect(vault.protect(data).personalCipher).not.toBe(stored.personalCipher); // a fresh IV every time
    expect(vault.protect(data).identityHash).toBe(stored.identityHash);
    expect(vault.reveal(stored.personalCipher)).toEqual(data);
    expect(() => new PersonalDataVault('o'.repeat(40)).reveal(stored.personalCipher)).toThrow();
  });

  it('generates valid, deterministic trainees from the city asked for', () => {
    const a = new TraineeGenerator(7);
    const b = new TraineeGenerator(7);
    const trainees = Array.from({ length: 2000 }, () => a.next('510100', '2024-05-01'));
    expect(Array.from({ length: 2000 }, () => b.next('510100', '2024-05-01'))).toEqual(trainees);
    expect(trainees.every((t) => identityNumberProblem(t.identityNumber) === null)).toBe(true);
    expect(trainees.filter((t) => t.identityNumber.startsWith('5101')).length).toBeGreaterThan(1800);
    expect(trainees.every((t) => /^[\u4e00-\u9fa5]{2,3}$/.test(t.name))).toBe(true);
  });

  it('reads CSV with quotes, CRLF and the line each record starts on', () => {
    expect(parseCsv('\ufeffa,b\r\n"x, ""y""",2\n\n"multi\nline",3\n')).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['x, "y"', '2'] },
      { line: 4, fields: ['multi\nline', '3'] },
    ]);
    expect(() => parseCsv('a\n"open')).toThrow(/line 2/);
  });
});
