import { FeedbackErrors } from '../errors';
import { CANONICALIZATION, canonicalJson } from './canonical-json';
import { isDigestHex, sha256Hex } from './digest';
import { keyIdFromPublicKeyPem, ReceiptSigner } from './receipt-signer';

// The one receipt module: sealing issues receipts with issueReceipt, verification (one tracking
// number, a whole round, the CLI) checks them with checkReceipt; buildReceipt / verifyReceipt are
// the same operations on canonical text from elsewhere.

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
    throw FeedbackErrors.receiptInputNotCanonical();
  }
  return sign(submissionCanonical, signer);
}

/**
 * Sealing: the receipt of a sealed submission's canonical document as submissionCanonical (or its
 * template) wrote it — canonical JSON by construction, so buildReceipt's re-parse check is not
 * repeated on the seal path. The text or its UTF-8 bytes (the same digest).
 */
export function issueReceipt(submissionCanonical: string | Uint8Array, signer: ReceiptSigner): Receipt {
  return sign(submissionCanonical, signer);
}

/**
 * The two checks of a stored receipt, each on its own (verification reports them separately):
 * the digest is that of these canonical bytes, and the signature over it is by this public key
 * (false without a key).
 */
export function checkReceipt(submissionCanonical: string, receipt: Pick<Receipt, 'digest' | 'signature'>, publicKeyPem: string | null): { digest: boolean; signature: boolean } {
  return {
    digest: typeof submissionCanonical === 'string' && isDigestHex(receipt.digest) && sha256Hex(submissionCanonical) === receipt.digest,
    signature: !!publicKeyPem && ReceiptSigner.verify(publicKeyPem, receipt.digest, receipt.signature),
  };
}

/** The digest a receipt of these canonical bytes carries (verification rebuilds documents from rows and compares). */
export function receiptDigest(submissionCanonical: string): string {
  return sha256Hex(submissionCanonical);
}

/** True when the receipt was issued by this public key for exactly these canonical bytes. */
export function verifyReceipt(submissionCanonical: string, receipt: Receipt, publicKeyPem: string): boolean {
  if (receipt.algorithm !== 'Ed25519' || receipt.canonicalization !== CANONICALIZATION || receipt.keyId !== keyIdFromPublicKeyPem(publicKeyPem)) return false;
  const checked = checkReceipt(submissionCanonical, receipt, publicKeyPem);
  return checked.digest && checked.signature;
}

function sign(canonical: string | Uint8Array, signer: ReceiptSigner): Receipt {
  const digest = sha256Hex(canonical);
  return { digest, signature: signer.sign(digest), keyId: signer.keyId(), algorithm: 'Ed25519', canonicalization: CANONICALIZATION };
}

function isCanonical(text: string): boolean {
  if (typeof text !== 'string') return false;
  try {
    return canonicalJson(JSON.parse(text)) === text;
  } catch {
    return false;
  }
}
