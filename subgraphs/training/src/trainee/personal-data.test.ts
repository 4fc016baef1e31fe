import { parseCsv } from '../record/csv';
import { identityCheckCharacter, identityNumberProblem } from './identity-number';
import { createHmac } from 'node:crypto';
import { LegacyV1Vault } from './__tests__/legacy-v1-vault';
import { deriveTraineeKeys, legacyV1EncryptionKey, PersonalDataVault, TRAINEE_KEY_INFO, TRAINEE_KEY_SALT } from './personal-data';
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

  it('derives the v2 keys with HKDF-SHA256 from the documented salt and info labels, pinned', () => {
    const keys = deriveTraineeKeys('k'.repeat(40));
    // pinned: a changed salt or label would make every stored ciphertext and hash unusable
    expect(keys.encryption.toString('hex')).toBe('b21e1e79763819b4b049674c625c8cca1a5e3c5cb348ea5d5429a0b0d304d55d');
    expect(keys.lookup.toString('hex')).toBe('9be85147906b31116eb16fd00f9d9733f2b55b0e2bf60fb3d063b323eabfd11c');
    // and they are RFC 5869 spelled out: PRK = HMAC(salt, secret), OKM = HMAC(PRK, info | 0x01) for 32 bytes
    const prk = createHmac('sha256', TRAINEE_KEY_SALT).update('k'.repeat(40)).digest();
    const expand = (info: string) =>
      createHmac('sha256', prk)
        .update(Buffer.concat([Buffer.from(info), Buffer.from([1])]))
        .digest();
    expect(keys.encryption).toEqual(expand(TRAINEE_KEY_INFO.encryption));
    expect(keys.lookup).toEqual(expand(TRAINEE_KEY_INFO.lookup));
  });

  it('keeps v1 and v2 keys, and the two purposes, apart', () => {
    const secret = 'k'.repeat(40);
    const v2 = deriveTraineeKeys(secret);
    const v1 = legacyV1EncryptionKey(secret);
    expect(v2.encryption.equals(v2.lookup)).toBe(false);
    expect(v2.encryption.equals(v1)).toBe(false);
    expect(v2.lookup.equals(createHmac('sha256', secret).update('training/trainee/lookup').digest())).toBe(false);
    expect(new PersonalDataVault(secret).identityHash('11010519491231002X')).not.toBe(
      new LegacyV1Vault(secret).identityHash('11010519491231002X'),
    );
  });

  it('writes v2, still reads v1, and rewrites v1 as v2 with the v2 hash', () => {
    const secret = 'k'.repeat(40);
    const vault = new PersonalDataVault(secret);
    const data = { identityNumber: '11010519491231002X', phone: '13812345678' };
    const written = vault.protect(data);
    expect(written.personalCipher).toMatch(/^v2\./);
    expect(PersonalDataVault.isLegacy(written.personalCipher)).toBe(false);

    const legacy = new LegacyV1Vault(secret).protect(data);
    expect(PersonalDataVault.isLegacy(legacy.personalCipher)).toBe(true);
    expect(vault.reveal(legacy.personalCipher)).toEqual(data);
    expect(vault.reveal(new LegacyV1Vault(secret).protect({ ...data, phone: null }).personalCipher)).toEqual({ ...data, phone: null });

    const rewritten = vault.reprotect(legacy.personalCipher);
    expect(rewritten.personalCipher).toMatch(/^v2\./);
    expect(rewritten.identityHash).toBe(written.identityHash);
    expect(vault.reveal(rewritten.personalCipher)).toEqual(data);
  });

  it('refuses an unknown format and a wrong key without repeating the data', () => {
    const vault = new PersonalDataVault('k'.repeat(40));
    const legacy = new LegacyV1Vault('k'.repeat(40)).protect({ identityNumber: '11010519491231002X', phone: '13812345678' });
    expect(() => vault.reveal(`v3.${legacy.personalCipher.slice(3)}`)).toThrow(/unknown format/);
    const other = new PersonalDataVault('o'.repeat(40));
    for (const cipher of [legacy.personalCipher, vault.protect({ identityNumber: '11010519491231002X', phone: null }).personalCipher]) {
      expect(() => other.reveal(cipher)).toThrow(/does not decrypt with this TRAINEE_DATA_KEY/);
      expect(() => other.reprotect(cipher)).toThrow(/does not decrypt/);
    }
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
