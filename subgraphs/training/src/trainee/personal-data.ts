import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { TRAINEE_KEY_VARIABLE, traineeDataKeyFromEnv } from '../config';

/**
 * How a trainee's identity number and phone are kept (DOMAIN.md: personal data, stored
 * protected, returned masked):
 *  - encrypted together with AES-256-GCM (random 96-bit IV, 128-bit tag) under the
 *    encryption key, as `v2.<base64url(iv | tag | ciphertext)>`; only the roles allowed to
 *    see them unmasked cause a decryption;
 *  - the identity number's HMAC-SHA256 under the lookup key, for exact lookup and the
 *    one-person-once-per-program rule, without decrypting anything;
 *  - their masked forms (5101**********1234, 138****5678) in clear, so lists answer
 *    without decrypting.
 * Both keys are derived from TRAINEE_DATA_KEY with HKDF-SHA256 (RFC 5869), one `info`
 * label per purpose, so neither key says anything about the other or about the secret.
 * The key comes from the environment (at least 32 characters; required in production;
 * a development key is derived outside production, like the kit's other secrets).
 *
 * `v1.` ciphertexts (keys from a bare HMAC of the secret) are still read; migration
 * ReencryptTraineeData rewrites every one as v2 with its v2 lookup hash.
 */
export { TRAINEE_KEY_VARIABLE };
const FORMAT = 'v2';
const LEGACY_FORMAT = 'v1';

/**
 * HKDF's salt: fixed and public (RFC 5869 §3.1: a salt need not be secret); it names the
 * scheme, so another use of the same secret can never derive these keys. Changing it, or
 * an info label, makes every stored ciphertext and lookup hash unusable: the unit test
 * pins the derived bytes.
 */
export const TRAINEE_KEY_SALT = 'skills-sichuan/training/trainee-personal-data/v2';
export const TRAINEE_KEY_INFO = { encryption: 'training/trainee/encryption', lookup: 'training/trainee/lookup' } as const;

export interface TraineeKeys {
  encryption: Buffer;
  lookup: Buffer;
}

/** The v2 keys: 32 bytes each from HKDF-SHA256(secret, salt, info). */
export function deriveTraineeKeys(secret: string): TraineeKeys {
  const derive = (info: string) => Buffer.from(hkdfSync('sha256', secret, TRAINEE_KEY_SALT, info, 32));
  return { encryption: derive(TRAINEE_KEY_INFO.encryption), lookup: derive(TRAINEE_KEY_INFO.lookup) };
}

/**
 * The v1 encryption key (a bare HMAC of the secret), kept only to read v1 ciphertexts;
 * nothing is written with it. v1's lookup key is gone: the migration recomputes hashes.
 */
export const legacyV1EncryptionKey = (secret: string): Buffer =>
  createHmac('sha256', secret).update('training/trainee/encryption').digest();

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

/** What a v1 record's protected columns become in v2: the masked forms stay as they are. */
export type ReprotectedPersonalData = Pick<ProtectedPersonalData, 'identityHash' | 'personalCipher'>;

/** A stored ciphertext the vault cannot open: never says anything of its content. */
export class PersonalDataUnreadableError extends Error {}

export const maskIdentityNumber = (value: string) => `${value.slice(0, 4)}${'*'.repeat(value.length - 8)}${value.slice(-4)}`;
export const maskPhone = (value: string) => `${value.slice(0, 3)}****${value.slice(-4)}`;

export class PersonalDataVault {
  /** derived once per vault, never per record: the seed protects 330,000 */
  private readonly encryptionKey: Buffer;
  private readonly lookupKey: Buffer;
  private readonly legacyEncryptionKey: Buffer;
  /** IVs drawn in bulk: one randomBytes call per 4,096 encryptions keeps a 300,000-record seed fast */
  private ivPool = Buffer.alloc(0);
  private ivOffset = 0;

  constructor(secret: string) {
    const keys = deriveTraineeKeys(secret);
    this.encryptionKey = keys.encryption;
    this.lookupKey = keys.lookup;
    this.legacyEncryptionKey = legacyV1EncryptionKey(secret);
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

  /** Whether a stored ciphertext predates v2 and is to be rewritten. */
  static isLegacy(personalCipher: string): boolean {
    return personalCipher.startsWith(`${LEGACY_FORMAT}.`);
  }

  /** A stored ciphertext (v1 or v2) as v2, with the lookup hash that goes with it. */
  reprotect(personalCipher: string): ReprotectedPersonalData {
    const { identityHash, personalCipher: cipher } = this.protect(this.reveal(personalCipher));
    return { identityHash, personalCipher: cipher };
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
    const key = format === FORMAT ? this.encryptionKey : format === LEGACY_FORMAT ? this.legacyEncryptionKey : undefined;
    if (!key || !payload) throw new PersonalDataUnreadableError('personal data is stored in an unknown format');
    const raw = Buffer.from(payload, 'base64url');
    try {
      const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
      decipher.setAuthTag(raw.subarray(12, 28));
      return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
    } catch {
      // GCM's own message ("unable to authenticate data") does not say what to check
      throw new PersonalDataUnreadableError(
        `personal data (${format}) does not decrypt with this ${TRAINEE_KEY_VARIABLE}: is it the key it was written with?`,
      );
    }
  }
}

let vault: PersonalDataVault | undefined;
/** The process's vault, its key from the training subgraph's config on first use. */
export function personalDataVault(): PersonalDataVault {
  vault ??= new PersonalDataVault(traineeDataKeyFromEnv());
  return vault;
}
