import { createHash } from 'node:crypto';

const DIGEST_PATTERN = /^[0-9a-f]{64}$/;

/** SHA-256 as 64 lowercase hex characters; strings are hashed as their UTF-8 bytes. */
export function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** Digests travel as lowercase hex only, so that equal digests are equal strings. */
export function isDigestHex(value: unknown): value is string {
  return typeof value === 'string' && DIGEST_PATTERN.test(value);
}
