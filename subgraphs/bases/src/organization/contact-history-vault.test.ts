import { createHmac } from 'node:crypto';
import { contactDataKeyFromEnv } from '../config';
import { CONTACT_KEY_INFO, CONTACT_KEY_SALT, ContactHistoryVault, deriveContactHistoryKey } from './contact-history-vault';

/** The sealing of contact corrections: only the key and the right record open them. */
describe('the contact history vault', () => {
  const secret = 'k'.repeat(40);
  const value = { changes: [{ field: 'contacts[0].phone', before: '13812345678', after: '028-86000001' }], reason: '电话变更' };

  it('seals so that only the key opens, with a fresh IV each time', () => {
    const vault = new ContactHistoryVault(secret);
    const sealed = vault.seal(value, 'correction-1');
    expect(sealed).toMatch(/^v1\.[A-Za-z0-9_-]+$/);
    expect(sealed).not.toContain('1381');
    expect(Buffer.from(sealed.slice(3), 'base64url').toString('utf8')).not.toContain('13812345678');
    expect(vault.seal(value, 'correction-1')).not.toBe(sealed);
    expect(vault.open(sealed, 'correction-1')).toEqual(value);
    expect(() => new ContactHistoryVault('o'.repeat(40)).open(sealed, 'correction-1')).toThrow(/does not open with this CONTACT_DATA_KEY/);
  });

  it('binds a sealed value to its record: moved onto another correction, it does not open', () => {
    const vault = new ContactHistoryVault(secret);
    expect(() => vault.open(vault.seal(value, 'correction-1'), 'correction-2')).toThrow(/does not open/);
  });

  it('refuses a tampered or unknown format without saying anything of the content', () => {
    const vault = new ContactHistoryVault(secret);
    const sealed = vault.seal(value, 'c');
    const raw = Buffer.from(sealed.slice(3), 'base64url');
    raw[raw.length - 1] ^= 1;
    expect(() => vault.open(`v1.${raw.toString('base64url')}`, 'c')).toThrow(/does not open/);
    expect(() => vault.open(`v9.${sealed.slice(3)}`, 'c')).toThrow(/unknown format/);
  });

  it('derives its key with HKDF-SHA256 from its own salt and label, pinned', () => {
    const key = deriveContactHistoryKey(secret);
    // pinned: a changed salt or label would make every stored correction unreadable
    expect(key.toString('hex')).toBe('9557a2c51cfa83dc2146054eb3495e92de9b2f80b76a000ffa715f2e6ab157d3');
    // RFC 5869 spelled out: PRK = HMAC(salt, secret), OKM = HMAC(PRK, info | 0x01) for 32 bytes
    const prk = createHmac('sha256', CONTACT_KEY_SALT).update(secret).digest();
    const okm = createHmac('sha256', prk)
      .update(Buffer.concat([Buffer.from(CONTACT_KEY_INFO), Buffer.from([1])]))
      .digest();
    expect(key).toEqual(okm);
    expect(CONTACT_KEY_SALT).toBe('skills-sichuan/bases/organization-contact-history/v1');
    expect(CONTACT_KEY_INFO).toBe('bases/organization-contact-history/encryption');
  });

  it('refuses to start without its key outside development, and a short one', () => {
    expect(() => contactDataKeyFromEnv({})).toThrow(/CONTACT_DATA_KEY must be set/);
    expect(() => contactDataKeyFromEnv({ CONTACT_DATA_KEY: 'short' })).toThrow(/at least 32 characters/);
    expect(contactDataKeyFromEnv({ CONTACT_DATA_KEY: secret })).toBe(secret);
  });
});
