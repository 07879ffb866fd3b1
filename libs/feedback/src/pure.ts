// Framework-free feedback logic: canonical JSON, signed receipts, tracking numbers, the hash chain.
export { CANONICALIZATION, canonicalJson } from './receipt/canonical-json';
export { isDigestHex, sha256Hex } from './receipt/digest';
export { keyIdFromPublicKeyPem, ReceiptSigner } from './receipt/receipt-signer';
export type { Receipt } from './receipt/receipt';
export { buildReceipt, verifyReceipt } from './receipt/receipt';
export type { TrackingNumberParts } from './receipt/tracking-number';
export { parseTrackingNumber, trackingNumber, trackingUnitName } from './receipt/tracking-number';
export type { ChainEntry, VerifyChainOptions } from './receipt/hash-chain';
export { CHAIN_GENESIS, chainHash, verifyChain } from './receipt/hash-chain';
export type { SealedItemRecord, SealedRecord } from './receipt/submission-document';
export { SUBMISSION_SCHEMA, submissionCanonical } from './receipt/submission-document';
export * from './rules/reply-rules';
export type { RoundVerification, SubmissionChecks } from './round-report';
export { formatRoundVerification } from './round-report';
export { KIND_LABELS, lateText, shanghaiText } from './format';
