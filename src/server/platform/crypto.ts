// Field encryption for personal information (PIPL): AES-256-GCM with a versioned envelope, and a
// keyed hash (HMAC-SHA256) for uniqueness and lookup without decrypting. The key comes from
// YUNQIAO_SECRET_KEY, or is generated once into the data directory (development, demo).
import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export type FieldCrypto = {
  encrypt(plain: string): string;
  decrypt(envelope: string): string;
  keyedHash(value: string): string;
};

function deriveKey(master: Buffer, purpose: string): Buffer {
  return createHash('sha256').update(master).update(`\0yunqiao:${purpose}`).digest();
}

function decodeKey(text: string): Buffer {
  const t = text.trim();
  const buf = /^[0-9a-f]{64}$/i.test(t) ? Buffer.from(t, 'hex') : Buffer.from(t, 'base64');
  if (buf.length < 32) throw new Error('YUNQIAO_SECRET_KEY must hold at least 32 bytes (hex or base64)');
  return buf;
}

export function loadMasterKey(configured: string | undefined, dataDir: string): Buffer {
  if (configured) return decodeKey(configured);
  const file = join(dataDir, 'secret.key');
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, `${randomBytes(32).toString('hex')}\n`, { mode: 0o600 });
  }
  return decodeKey(readFileSync(file, 'utf8'));
}

export function createFieldCrypto(master: Buffer): FieldCrypto {
  const encKey = deriveKey(master, 'field-encryption-v1');
  const macKey = deriveKey(master, 'keyed-hash-v1');
  return {
    encrypt(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', encKey, iv);
      const ct = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return `v1:${Buffer.concat([iv, cipher.getAuthTag(), ct]).toString('base64')}`;
    },
    decrypt(envelope) {
      if (!envelope.startsWith('v1:')) throw new Error('unknown envelope version');
      const raw = Buffer.from(envelope.slice(3), 'base64');
      const decipher = createDecipheriv('aes-256-gcm', encKey, raw.subarray(0, 12));
      decipher.setAuthTag(raw.subarray(12, 28));
      return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
    },
    keyedHash(value) {
      return createHmac('sha256', macKey).update(value).digest('hex');
    },
  };
}

export function sha256Hex(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}
