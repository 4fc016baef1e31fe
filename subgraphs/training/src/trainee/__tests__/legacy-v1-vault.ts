import { createCipheriv, createHmac, randomBytes } from 'node:crypto';
import { maskIdentityNumber, maskPhone, type PersonalData, type ProtectedPersonalData } from '../personal-data';

/**
 * Personal data written exactly as the v1 vault wrote it (keys from a bare HMAC of the
 * secret), so tests can hold what databases written before v2 hold. Tests only: nothing
 * in the service writes v1 any more.
 */
export class LegacyV1Vault {
  private readonly encryptionKey: Buffer;
  private readonly lookupKey: Buffer;

  constructor(secret: string) {
    this.encryptionKey = createHmac('sha256', secret).update('training/trainee/encryption').digest();
    this.lookupKey = createHmac('sha256', secret).update('training/trainee/lookup').digest();
  }

  identityHash(identityNumber: string): string {
    return createHmac('sha256', this.lookupKey).update(identityNumber).digest('base64url');
  }

  protect(data: PersonalData): ProtectedPersonalData {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.encryptionKey, iv);
    const body = Buffer.concat([cipher.update(JSON.stringify([data.identityNumber, data.phone]), 'utf8'), cipher.final()]);
    return {
      identityHash: this.identityHash(data.identityNumber),
      identityMasked: maskIdentityNumber(data.identityNumber),
      phoneMasked: data.phone ? maskPhone(data.phone) : null,
      personalCipher: `v1.${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url')}`,
    };
  }
}
