import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { CONTACT_KEY_VARIABLE, contactDataKeyFromEnv } from '../config';

/**
 * How the history of an organisation's contacts is kept: the old and new values of every
 * correction are contact people's names, phones and e-mails (personal data), so they are
 * sealed with AES-256-GCM (random 96-bit IV, 128-bit tag) as `v1.<base64url(iv | tag | ciphertext)>`,
 * the correction's id bound in as additional data so a sealed value cannot be moved onto
 * another correction. The key is HKDF-SHA256 of CONTACT_DATA_KEY, under a salt and label of
 * its own: nothing else derived from the same secret can open it.
 */
const FORMAT = 'v1';
export const CONTACT_KEY_SALT = 'skills-sichuan/bases/organization-contact-history/v1';
export const CONTACT_KEY_INFO = 'bases/organization-contact-history/encryption';

export const deriveContactHistoryKey = (secret: string): Buffer =>
  Buffer.from(hkdfSync('sha256', secret, CONTACT_KEY_SALT, CONTACT_KEY_INFO, 32));

/** A sealed value the vault cannot open: its message never says anything of the content. */
export class ContactHistoryUnreadableError extends Error {}

export class ContactHistoryVault {
  private readonly key: Buffer;

  constructor(secret: string) {
    this.key = deriveContactHistoryKey(secret);
  }

  /** Seals a JSON value for the record `boundTo` (the correction's id). */
  seal(value: unknown, boundTo: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(Buffer.from(boundTo, 'utf8'));
    const body = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
    return `${FORMAT}.${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url')}`;
  }

  open<T>(sealed: string, boundTo: string): T {
    const [format, payload] = sealed.split('.');
    if (format !== FORMAT || !payload) throw new ContactHistoryUnreadableError('contact history is stored in an unknown format');
    const raw = Buffer.from(payload, 'base64url');
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.key, raw.subarray(0, 12));
      decipher.setAAD(Buffer.from(boundTo, 'utf8'));
      decipher.setAuthTag(raw.subarray(12, 28));
      return JSON.parse(Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8')) as T;
    } catch {
      // GCM's own message ("unable to authenticate data") does not say what to check
      throw new ContactHistoryUnreadableError(
        `contact history does not open with this ${CONTACT_KEY_VARIABLE} for its record: is it the key it was written with?`,
      );
    }
  }
}

let vault: ContactHistoryVault | undefined;
/** The process's vault, its key from the environment on first use. */
export function contactHistoryVault(): ContactHistoryVault {
  vault ??= new ContactHistoryVault(contactDataKeyFromEnv());
  return vault;
}
