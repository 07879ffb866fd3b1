import { invalidInput } from '@zq/common';
import { CANONICALIZATION, canonicalJson } from './canonical-json';
import { sha256Hex } from './digest';
import { keyIdFromPublicKeyPem, ReceiptSigner } from './receipt-signer';

/** 回执: proof of exactly what a unit sealed, checkable with the office's public key alone. */
export interface Receipt {
  /** SHA-256 of the UTF-8 canonical JSON of the sealed submission, lowercase hex. */
  digest: string;
  /** Base64 Ed25519 signature over the digest's 32 raw bytes. */
  signature: string;
  keyId: string;
  algorithm: 'Ed25519';
  canonicalization: typeof CANONICALIZATION;
}

/**
 * Signs a submission already in canonical form (canonicalJson's output). Other JSON is refused,
 * so the receipt's `canonicalization` claim is always true and the digest reproducible.
 */
export function buildReceipt(submissionCanonical: string, signer: ReceiptSigner): Receipt {
  if (!isCanonical(submissionCanonical)) {
    throw invalidInput('RECEIPT_INPUT_NOT_CANONICAL', '回执只能对规范化（zq-canonical-json-v1）后的提交内容签名');
  }
  const digest = sha256Hex(submissionCanonical);
  return {
    digest,
    signature: signer.sign(digest),
    keyId: signer.keyId(),
    algorithm: 'Ed25519',
    canonicalization: CANONICALIZATION,
  };
}

/** True when the receipt was issued by this public key for exactly these canonical bytes. */
export function verifyReceipt(submissionCanonical: string, receipt: Receipt, publicKeyPem: string): boolean {
  return (
    receipt.algorithm === 'Ed25519' &&
    receipt.canonicalization === CANONICALIZATION &&
    receipt.keyId === keyIdFromPublicKeyPem(publicKeyPem) &&
    typeof submissionCanonical === 'string' &&
    receipt.digest === sha256Hex(submissionCanonical) &&
    ReceiptSigner.verify(publicKeyPem, receipt.digest, receipt.signature)
  );
}

function isCanonical(text: string): boolean {
  if (typeof text !== 'string') return false;
  try {
    return canonicalJson(JSON.parse(text)) === text;
  } catch {
    return false;
  }
}
