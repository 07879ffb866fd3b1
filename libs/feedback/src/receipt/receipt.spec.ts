import { createPublicKey, generateKeyPairSync, verify } from 'node:crypto';
import fc from 'fast-check';
import { DomainError } from '@zq/common';
import { canonicalJson } from './canonical-json';
import { sha256Hex } from './digest';
import { buildReceipt, checkReceipt, issueReceipt, receiptDigest, verifyReceipt } from './receipt';
import { SealedItemRecord, SealedRecord, submissionCanonical } from './submission-document';
import { keyIdFromPublicKeyPem, ReceiptSigner } from './receipt-signer';

const thrown = (fn: () => unknown): DomainError => {
  try {
    fn();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a DomainError');
};

// A throwaway key made for this test only: it pins the signature format against silent changes.
const FIXTURE_PRIVATE_KEY = `-----BEGIN PRIVATE KEY-----
MC4CAQAwBQYDK2VwBCIEIGc918DIqDqLdbcHXMYPjiBVUDEODA7E9siPjAYvdtkC
-----END PRIVATE KEY-----
`;
const FIXTURE_PUBLIC_KEY = `-----BEGIN PUBLIC KEY-----
MCowBQYDK2VwAyEAhKEnL3TscIAvjN/9l+Mk4K3uc6kRqIq3LuvTaGcPQEI=
-----END PUBLIC KEY-----
`;

const aSubmission = () =>
  canonicalJson({
    roundId: 'r-2',
    unit: '省财政厅',
    kind: 'with_comments',
    items: [{ clause: '（一）1.', quoted: '加大城镇路网设施建设', proposed: '加快城镇路网设施建设', reason: '表述更准确' }],
    sealedAt: new Date('2023-05-22T17:30:00+08:00'),
  });

describe('sha256Hex', () => {
  it('hashes strings as UTF-8 and bytes as given', () => {
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(sha256Hex('意见')).toBe(sha256Hex(Buffer.from('意见', 'utf8')));
  });
});

describe('ReceiptSigner', () => {
  const signer = ReceiptSigner.fromPrivateKeyPem(FIXTURE_PRIVATE_KEY);

  it('signs the digest’s raw bytes, deterministically, as Ed25519', () => {
    const digest = sha256Hex('{"a":1}');
    expect(digest).toBe('015abd7f5cc57a2dd94b7590f04ad8084273905ee33ec5cebeae62276a97f862');
    const signature = signer.sign(digest);
    expect(signature).toBe(
      'YuWTAQutMLYUCeXUdahplpNjNwZx7K6Osgwi9643XA5xvsJA8tppjzg7sbmRmgIz2IlPl8Sj304dqm3gSHN6AA==',
    );
    // What an outside verifier does with the public key alone.
    expect(verify(null, Buffer.from(digest, 'hex'), createPublicKey(FIXTURE_PUBLIC_KEY), Buffer.from(signature, 'base64'))).toBe(
      true,
    );
  });

  it('names its key by the SHA-256 of the DER public key', () => {
    expect(signer.publicKeyPem()).toBe(FIXTURE_PUBLIC_KEY);
    expect(signer.keyId()).toBe('97514ecb5d43abe5');
    expect(keyIdFromPublicKeyPem(FIXTURE_PUBLIC_KEY)).toBe('97514ecb5d43abe5');
  });

  it('round-trips a generated key through its PEM', () => {
    const fresh = ReceiptSigner.generate();
    const reloaded = ReceiptSigner.fromPrivateKeyPem(fresh.exportPrivateKeyPem());
    expect(reloaded.keyId()).toBe(fresh.keyId());
    expect(reloaded.publicKeyPem()).toBe(fresh.publicKeyPem());
    expect(fresh.keyId()).toMatch(/^[0-9a-f]{16}$/);
    expect(fresh.keyId()).not.toBe(signer.keyId());
  });

  it('loads an encrypted PEM with its passphrase, and refuses a wrong one', () => {
    const { privateKey } = generateKeyPairSync('ed25519', {
      privateKeyEncoding: { type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: '口令' },
      publicKeyEncoding: { type: 'spki', format: 'pem' },
    });
    expect(ReceiptSigner.fromPrivateKeyPem(privateKey, '口令').keyId()).toMatch(/^[0-9a-f]{16}$/);
    expect(thrown(() => ReceiptSigner.fromPrivateKeyPem(privateKey, 'wrong')).code).toBe('RECEIPT_KEY_INVALID');
  });

  it('refuses keys that are not Ed25519 private keys', () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ type: 'pkcs8', format: 'pem' });
    expect(thrown(() => ReceiptSigner.fromPrivateKeyPem(rsa.toString())).code).toBe('RECEIPT_KEY_INVALID');
    expect(thrown(() => ReceiptSigner.fromPrivateKeyPem('not a key')).code).toBe('RECEIPT_KEY_INVALID');
    expect(thrown(() => ReceiptSigner.verify('not a key', sha256Hex('x'), 'AA==')).code).toBe('RECEIPT_KEY_INVALID');
  });

  it('signs only well-formed digests', () => {
    expect(thrown(() => signer.sign('abc')).code).toBe('RECEIPT_DIGEST_INVALID');
    expect(thrown(() => signer.sign(sha256Hex('x').toUpperCase())).code).toBe('RECEIPT_DIGEST_INVALID');
  });

  it('verifies its own signature and nothing else', () => {
    const digest = sha256Hex(aSubmission());
    const signature = signer.sign(digest);
    expect(ReceiptSigner.verify(FIXTURE_PUBLIC_KEY, digest, signature)).toBe(true);
    expect(ReceiptSigner.verify(FIXTURE_PUBLIC_KEY, sha256Hex('other'), signature)).toBe(false);
    expect(ReceiptSigner.verify(FIXTURE_PUBLIC_KEY, digest, signature.slice(0, -4))).toBe(false);
    expect(ReceiptSigner.verify(FIXTURE_PUBLIC_KEY, digest, `${signature} `)).toBe(false);
    expect(ReceiptSigner.verify(FIXTURE_PUBLIC_KEY, 'zz', signature)).toBe(false);
  });

  it('rejects a signature made by another key', () => {
    const digest = sha256Hex(aSubmission());
    const forged = ReceiptSigner.generate().sign(digest);
    expect(ReceiptSigner.verify(FIXTURE_PUBLIC_KEY, digest, forged)).toBe(false);
  });
});

describe('buildReceipt / verifyReceipt', () => {
  const signer = ReceiptSigner.generate();
  const publicKey = signer.publicKeyPem();

  it('issues a receipt that names its key, algorithm and canonicalisation', () => {
    const canonical = aSubmission();
    const receipt = buildReceipt(canonical, signer);
    expect(receipt).toEqual({
      digest: sha256Hex(canonical),
      signature: expect.stringMatching(/^[A-Za-z0-9+/]{86}==$/),
      keyId: signer.keyId(),
      algorithm: 'Ed25519',
      canonicalization: 'zq-canonical-json-v1',
    });
    expect(verifyReceipt(canonical, receipt, publicKey)).toBe(true);
  });

  it('refuses to sign JSON that is not in canonical form', () => {
    for (const text of ['{"b":1,"a":2}', '{ "a": 1 }', '"e\u0301"', 'not json', '{"a":1,"a":2}']) {
      expect(thrown(() => buildReceipt(text, signer)).code).toBe('RECEIPT_INPUT_NOT_CANONICAL');
    }
  });

  it('fails for a changed submission, a foreign key or a tampered receipt', () => {
    const canonical = aSubmission();
    const receipt = buildReceipt(canonical, signer);
    const other = ReceiptSigner.generate();
    expect(verifyReceipt(canonical.replace('加快', '加大'), receipt, publicKey)).toBe(false);
    expect(verifyReceipt(canonical, receipt, other.publicKeyPem())).toBe(false);
    expect(verifyReceipt(canonical, { ...receipt, keyId: other.keyId() }, publicKey)).toBe(false);
    expect(verifyReceipt(canonical, { ...receipt, signature: other.sign(receipt.digest), keyId: other.keyId() }, publicKey)).toBe(
      false,
    );
    expect(verifyReceipt(canonical, buildReceipt(canonical, other), publicKey)).toBe(false);
  });

  it('detects any single-byte change to the canonical bytes', () => {
    fc.assert(
      fc.property(
        fc.jsonValue(),
        fc.nat(),
        fc.integer({ min: 1, max: 255 }),
        (value, position, delta) => {
          const canonical = canonicalJson(value);
          const receipt = buildReceipt(canonical, signer);
          const bytes = Buffer.from(canonical, 'utf8');
          const index = position % bytes.length;
          bytes[index] = (bytes[index] + delta) % 256;
          const changedDigest = sha256Hex(bytes);
          expect(changedDigest).not.toBe(receipt.digest);
          expect(ReceiptSigner.verify(publicKey, changedDigest, receipt.signature)).toBe(false);
          expect(verifyReceipt(bytes.toString('utf8'), receipt, publicKey)).toBe(false);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('issueReceipt / checkReceipt (what sealing and verification use)', () => {
  const signer = ReceiptSigner.generate();
  const publicKey = signer.publicKeyPem();
  const record: SealedRecord = {
    trackingNo: 'R2-省财政厅-0001',
    roundId: '00000000-0000-4000-8000-000000000001',
    roundNumber: 2,
    unitId: '00000000-0000-4000-8000-000000000002',
    unitName: '省财政厅',
    actingUnitId: '00000000-0000-4000-8000-000000000002',
    actingUnitName: '省财政厅',
    revision: 1,
    supersedesId: null,
    kind: 'with_comments',
    withdrawalReason: null,
    attestation: null,
    seals: [],
    signatory: '王财',
    contactName: '李联',
    contactPhone: '0571-87000000',
    sealedBy: '00000000-0000-4000-8000-000000000005',
    sealedAt: new Date('2023-05-22T10:00:00+08:00'),
    deadlineAt: new Date('2023-05-23T23:59:59.999+08:00'),
    lateSeconds: 0,
    chainSeq: 1,
    prevChainHash: null,
  };
  const items: SealedItemRecord[] = [
    { position: 1, clauseId: null, lineageKey: null, kind: 'other', quote: '', proposedText: '建议加快城镇路网设施建设', reason: '表述更准确' },
  ];

  it('signs the canonical document of the sealed rows, which buildReceipt would sign identically', () => {
    const canonical = submissionCanonical(record, items);
    const receipt = issueReceipt(canonical, signer);
    expect(receipt).toEqual(buildReceipt(canonical, signer));
    expect(verifyReceipt(canonical, receipt, publicKey)).toBe(true);
    expect(checkReceipt(canonical, receipt, publicKey)).toEqual({ digest: true, signature: true });
    expect(receiptDigest(submissionCanonical(record, items))).toBe(receipt.digest);
  });

  it('reports a changed document, a forged signature and a missing key separately', () => {
    const canonical = submissionCanonical(record, items);
    const receipt = issueReceipt(canonical, signer);
    const changed = submissionCanonical({ ...record, signatory: '张三' }, items);
    expect(checkReceipt(changed, receipt, publicKey)).toEqual({ digest: false, signature: true });
    expect(checkReceipt(canonical, { ...receipt, signature: ReceiptSigner.generate().sign(receipt.digest) }, publicKey)).toEqual({ digest: true, signature: false });
    expect(checkReceipt(canonical, receipt, null)).toEqual({ digest: true, signature: false });
    expect(checkReceipt(canonical, { ...receipt, digest: receipt.digest.toUpperCase() }, publicKey)).toEqual({ digest: false, signature: false });
  });
});
