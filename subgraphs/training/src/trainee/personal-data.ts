import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import { secretFromEnv } from '@skills-sichuan/runtime';

/**
 * How a trainee's identity number and phone are kept (DOMAIN.md: personal data, stored
 * protected, returned masked):
 *  - encrypted together with AES-256-GCM (random 96-bit IV, 128-bit tag) under a key
 *    derived from TRAINEE_DATA_KEY, as `v1.<base64url(iv | tag | ciphertext)>`; only the
 *    roles allowed to see them unmasked cause a decryption;
 *  - the identity number's HMAC-SHA256 under a second derived key, for exact lookup and
 *    the one-person-once-per-program rule, without decrypting anything;
 *  - their masked forms (5101**********1234, 138****5678) in clear, so lists answer
 *    without decrypting.
 * The key comes from the environment (at least 32 characters; required in production;
 * a development key is derived outside production, like the kit's other secrets).
 */
export const TRAINEE_KEY_VARIABLE = 'TRAINEE_DATA_KEY';
const FORMAT = 'v1';

export interface PersonalData {
  identityNumber: string;
  phone: string | null;
}

export interface ProtectedPersonalData {
  /** HMAC of the identity number: lookup and uniqueness */
  identityHash: string;
  identityMasked: string;
  phoneMasked: string | null;
  /** AES-256-GCM of both */
  personalCipher: string;
}

export const maskIdentityNumber = (value: string) => `${value.slice(0, 4)}${'*'.repeat(value.length - 8)}${value.slice(-4)}`;
export const maskPhone = (value: string) => `${value.slice(0, 3)}****${value.slice(-4)}`;

export class PersonalDataVault {
  private readonly encryptionKey: Buffer;
  private readonly lookupKey: Buffer;
  /** IVs drawn in bulk: one randomBytes call per 4,096 encryptions keeps a 300,000-record seed fast */
  private ivPool = Buffer.alloc(0);
  private ivOffset = 0;

  constructor(secret: string) {
    this.encryptionKey = createHmac('sha256', secret).update('training/trainee/encryption').digest();
    this.lookupKey = createHmac('sha256', secret).update('training/trainee/lookup').digest();
  }

  static fromEnv(env: NodeJS.ProcessEnv = process.env): PersonalDataVault {
    return new PersonalDataVault(secretFromEnv(TRAINEE_KEY_VARIABLE, env));
  }

  /** The lookup hash of an identity number (already normalised and valid). */
  identityHash(identityNumber: string): string {
    return createHmac('sha256', this.lookupKey).update(identityNumber).digest('base64url');
  }

  protect(data: PersonalData): ProtectedPersonalData {
    return {
      identityHash: this.identityHash(data.identityNumber),
      identityMasked: maskIdentityNumber(data.identityNumber),
      phoneMasked: data.phone ? maskPhone(data.phone) : null,
      personalCipher: this.encrypt(JSON.stringify([data.identityNumber, data.phone])),
    };
  }

  reveal(personalCipher: string): PersonalData {
    const [identityNumber, phone] = JSON.parse(this.decrypt(personalCipher)) as [string, string | null];
    return { identityNumber, phone };
  }

  private nextIv(): Buffer {
    if (this.ivOffset + 12 > this.ivPool.length) {
      this.ivPool = randomBytes(12 * 4096);
      this.ivOffset = 0;
    }
    const iv = this.ivPool.subarray(this.ivOffset, this.ivOffset + 12);
    this.ivOffset += 12;
    return iv;
  }

  private encrypt(plain: string): string {
    const iv = this.nextIv();
    const cipher = createCipheriv('aes-256-gcm', this.encryptionKey, iv);
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return `${FORMAT}.${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url')}`;
  }

  private decrypt(stored: string): string {
    const [format, payload] = stored.split('.');
    if (format !== FORMAT || !payload) throw new Error('personal data is stored in an unknown format');
    const raw = Buffer.from(payload, 'base64url');
    const decipher = createDecipheriv('aes-256-gcm', this.encryptionKey, raw.subarray(0, 12));
    decipher.setAuthTag(raw.subarray(12, 28));
    return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
  }
}

let vault: PersonalDataVault | undefined;
/** The process's vault, read from the environment on first use. */
export function personalDataVault(): PersonalDataVault {
  vault ??= PersonalDataVault.fromEnv();
  return vault;
}
