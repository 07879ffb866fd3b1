import { createPrivateKey, createPublicKey, generateKeyPairSync, KeyObject, sign, verify } from 'node:crypto';
import { FeedbackErrors } from '../errors';
import { isDigestHex, sha256Hex } from './digest';

// Ed25519 signatures are 64 bytes: 88 base64 characters ending in ==.
const SIGNATURE_PATTERN = /^[A-Za-z0-9+/]{86}==$/;

/**
 * Signs receipt digests with an Ed25519 key. The signed message is the digest's 32 raw bytes,
 * so anyone can check a receipt with the public key alone, e.g.
 * `openssl pkeyutl -verify -rawin -pubin -inkey pub.pem -in digest.bin -sigfile sig.bin`.
 */
export class ReceiptSigner {
  private readonly publicKey: KeyObject;
  private readonly id: string;

  private constructor(private readonly privateKey: KeyObject) {
    this.publicKey = createPublicKey(privateKey);
    this.id = keyIdOf(this.publicKey);
  }

  /** A fresh key; persist exportPrivateKeyPem() or every receipt signed with it becomes unverifiable later. */
  static generate(): ReceiptSigner {
    return new ReceiptSigner(generateKeyPairSync('ed25519').privateKey);
  }

  /** Loads a PKCS#8 PEM private key, encrypted when a passphrase is given. */
  static fromPrivateKeyPem(pem: string, passphrase?: string): ReceiptSigner {
    let key: KeyObject;
    try {
      key = createPrivateKey(passphrase === undefined ? pem : { key: pem, passphrase });
    } catch {
      throw FeedbackErrors.receiptKeyUnreadable('私钥');
    }
    if (key.asymmetricKeyType !== 'ed25519') throw FeedbackErrors.receiptKeyNotEd25519('私钥', key.asymmetricKeyType);
    return new ReceiptSigner(key);
  }

  /** Checks a signature made by sign(). False for a wrong, malformed or foreign signature or digest. */
  static verify(publicKeyPem: string, digestHex: string, signature: string): boolean {
    const key = publicKeyFromPem(publicKeyPem);
    if (!isDigestHex(digestHex) || typeof signature !== 'string' || !SIGNATURE_PATTERN.test(signature)) return false;
    return verify(null, Buffer.from(digestHex, 'hex'), key, Buffer.from(signature, 'base64'));
  }

  exportPrivateKeyPem(): string {
    return this.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  }

  publicKeyPem(): string {
    return this.publicKey.export({ type: 'spki', format: 'pem' }).toString();
  }

  /** First 16 hex characters of the SHA-256 of the DER public key: names the key in each receipt. */
  keyId(): string {
    return this.id;
  }

  /** Base64 Ed25519 signature over the digest's raw bytes. */
  sign(digestHex: string): string {
    if (!isDigestHex(digestHex)) {
      throw FeedbackErrors.receiptDigestInvalid({ value: digestHex });
    }
    return sign(null, Buffer.from(digestHex, 'hex'), this.privateKey).toString('base64');
  }
}

/** The key id of a PEM public key, to match a receipt's keyId against the key that verifies it. */
export function keyIdFromPublicKeyPem(publicKeyPem: string): string {
  return keyIdOf(publicKeyFromPem(publicKeyPem));
}

function keyIdOf(publicKey: KeyObject): string {
  return sha256Hex(publicKey.export({ type: 'spki', format: 'der' })).slice(0, 16);
}

function publicKeyFromPem(pem: string): KeyObject {
  let key: KeyObject;
  try {
    key = createPublicKey(pem);
  } catch {
    throw FeedbackErrors.receiptKeyUnreadable('公钥');
  }
  if (key.asymmetricKeyType !== 'ed25519') throw FeedbackErrors.receiptKeyNotEd25519('公钥', key.asymmetricKeyType);
  return key;
}
