import { timingSafeEqual } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { ConsultationErrors } from '@zq/consultation';
import { FeedbackErrors } from './errors';
import { DataSource } from 'typeorm';
import { chainHash, verifyChain } from './receipt/hash-chain';
import { checkReceipt, receiptDigest } from './receipt/receipt';
import { SealedItemRecord, SealedRecord, submissionCanonical } from './receipt/submission-document';
import { parseTrackingNumber } from './receipt/tracking-number';
import { ReceiptKeyService } from './receipt-key.service';
import { ChainHeadLogService } from './chain-head-log.service';
import type { RoundVerification, SubmissionChecks } from './round-report';

export interface ReceiptVerification {
  valid: boolean;
  /** false: the chain head log outside the database has this seal, the database no longer does (deleted) */
  stored: boolean;
  checks: SubmissionChecks;
  trackingNo: string;
  unit: string;
  actingUnit: string;
  sealedAt: Date;
  digest: string;
  keyId: string;
  chainSeq: number;
}

interface SubmissionRow {
  id: string;
  tracking_no: string;
  round_id: string;
  round_number: number;
  unit_id: string;
  unit_name: string;
  acting_unit_id: string;
  acting_unit_name: string;
  revision: number;
  supersedes_id: string | null;
  kind: SealedRecord['kind'];
  withdrawal_reason: string | null;
  attestation: SealedRecord['attestation'];
  seals: SealedRecord['seals'];
  signatory: string;
  contact_name: string;
  contact_phone: string;
  sealed_by: string;
  sealed_at: Date;
  deadline_at: Date;
  late_seconds: number;
  chain_seq: number;
  prev_chain_hash: string | null;
  chain_hash: string;
  canonical: string;
  digest: string;
  signature: string;
  key_id: string;
  channel: 'portal' | 'paper' | 'oa_exchange' | 'fax' | 'email';
  received_at: Date | null;
}

interface ItemRow {
  submission_id: string;
  position: number;
  clause_id: string | null;
  lineage_key: string | null;
  kind: SealedItemRecord['kind'];
  quote: string;
  proposed_text: string;
  reason: string;
}

const SUBMISSION_COLUMNS = `s.id, s.tracking_no, s.round_id, r.round_number, s.unit_id, s.unit_name, s.acting_unit_id, s.acting_unit_name,
  s.revision, s.supersedes_id, s.kind, s.withdrawal_reason, s.attestation, s.seals, s.signatory, s.contact_name, s.contact_phone,
  s.sealed_by, s.sealed_at, s.deadline_at, s.late_seconds, s.chain_seq, s.prev_chain_hash, s.chain_hash, s.canonical, s.digest,
  s.signature, s.key_id, s.channel, s.received_at`;

/**
 * Checks receipts against what is stored: the digest of the stored canonical text, the digest
 * rebuilt from the stored rows (items, seals, evidence), the server's signature and the round's chain.
 */
@Injectable()
export class ReceiptService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly keys: ReceiptKeyService,
    private readonly heads: ChainHeadLogService,
  ) {}

  publicKey() {
    return this.keys.publicKey();
  }

  /**
   * Public verification needs what only the receipt's holder has: its tracking number AND its 核验码
   * (the first 16 hex digits of the digest printed on it; the whole digest works too). A wrong or
   * missing code answers exactly like an unknown number, so tracking numbers cannot be enumerated.
   */
  async verify(trackingNo: string, code?: string): Promise<ReceiptVerification> {
    parseTrackingNumber(trackingNo);
    const em = this.dataSource.manager;
    const [row]: SubmissionRow[] = await em.query(
      `SELECT ${SUBMISSION_COLUMNS} FROM sealed_submission s JOIN consultation_round r ON r.id = s.round_id WHERE s.tracking_no = $1`,
      [trackingNo],
    );
    if (!row) {
      // sealed (the log outside the database has it, and the holder has its 核验码) but no longer stored
      const logged = await this.heads.entry(trackingNo);
      if (logged && codeMatches(logged.digest, code)) {
        return {
          valid: false,
          stored: false,
          checks: { digest: false, signature: false, content: false, chain: false },
          trackingNo: logged.trackingNo,
          unit: logged.unit,
          actingUnit: logged.actingUnit,
          sealedAt: new Date(logged.sealedAt),
          digest: logged.digest,
          keyId: logged.keyId,
          chainSeq: logged.chainSeq,
        };
      }
    }
    // one answer for an unknown number and for a known one with a missing or wrong 核验码
    if (!row || !codeMatches(row.digest, code)) throw FeedbackErrors.receiptNotVerifiable();
    const items: ItemRow[] = await em.query(`SELECT ${ITEM_COLUMNS} FROM sealed_item WHERE submission_id = $1`, [row.id]);
    const evidence = await this.evidenceHashes(row.seals.map((s) => s.evidenceFileId));
    const neighbours: { chain_seq: number; prev_chain_hash: string | null; chain_hash: string }[] = await em.query(
      `SELECT chain_seq, prev_chain_hash, chain_hash FROM sealed_submission WHERE round_id = $1 AND chain_seq IN ($2, $3)`,
      [row.round_id, row.chain_seq - 1, row.chain_seq + 1],
    );
    const before = neighbours.find((n) => n.chain_seq === row.chain_seq - 1);
    const after = neighbours.find((n) => n.chain_seq === row.chain_seq + 1);
    const checks = {
      ...(await this.ownChecks(row, items, evidence)),
      chain:
        linksItself(row) &&
        (row.chain_seq === 1 ? row.prev_chain_hash === null : before?.chain_hash === row.prev_chain_hash) &&
        (!after || after.prev_chain_hash === row.chain_hash) &&
        (await this.matchesAnchor(row)),
    };
    return {
      valid: checks.digest && checks.signature && checks.content && checks.chain,
      stored: true,
      checks,
      trackingNo: row.tracking_no,
      unit: row.unit_name,
      actingUnit: row.acting_unit_name,
      sealedAt: row.sealed_at,
      digest: row.digest,
      keyId: row.key_id,
      chainSeq: row.chain_seq,
    };
  }

  /** Every sealed submission of a round and the round's chain, against the append-only audit of seals. */
  async verifyRound(roundId: string): Promise<RoundVerification> {
    const em = this.dataSource.manager;
    const [round]: { id: string; round_number: number; title: string }[] = await em.query(
      `SELECT id, round_number, title FROM consultation_round WHERE id = $1`,
      [roundId],
    );
    if (!round) throw ConsultationErrors.roundNotFound({ roundId });
    const rows: SubmissionRow[] = await em.query(
      `SELECT ${SUBMISSION_COLUMNS} FROM sealed_submission s JOIN consultation_round r ON r.id = s.round_id
        WHERE s.round_id = $1 ORDER BY s.chain_seq`,
      [roundId],
    );
    const itemRows: ItemRow[] = await em.query(`SELECT ${ITEM_COLUMNS} FROM sealed_item WHERE round_id = $1`, [roundId]);
    const itemsBySubmission = new Map<string, ItemRow[]>();
    for (const item of itemRows) itemsBySubmission.set(item.submission_id, [...(itemsBySubmission.get(item.submission_id) ?? []), item]);
    const evidence = await this.evidenceHashes(rows.flatMap((r) => r.seals.map((s) => s.evidenceFileId)));
    // what was sealed, as the append-only audit recorded it in each seal's transaction: a row deleted
    // anywhere in the chain, the last one included, is still listed there
    const sealedLog: { tracking_no: string }[] = await em.query(
      `SELECT data->>'trackingNo' AS tracking_no FROM audit_event WHERE action = 'submission.sealed' AND data->>'roundId' = $1 ORDER BY id`,
      [roundId],
    );

    const submissions: RoundVerification['submissions'] = [];
    let previous: SubmissionRow | null = null;
    for (const row of rows) {
      const own = await this.ownChecks(row, itemsBySubmission.get(row.id) ?? [], evidence);
      const chain =
        linksItself(row) &&
        (previous ? previous.chain_hash === row.prev_chain_hash && previous.chain_seq + 1 === row.chain_seq : row.chain_seq === 1 && row.prev_chain_hash === null);
      const checks = { ...own, chain };
      submissions.push({
        trackingNo: row.tracking_no,
        unit: row.unit_name,
        actingUnit: row.acting_unit_name,
        revision: row.revision,
        kind: row.kind,
        chainSeq: row.chain_seq,
        sealedAt: row.sealed_at,
        checks,
        valid: checks.digest && checks.signature && checks.content && checks.chain,
      });
      previous = row;
    }
    const brokenIndex = verifyChain(rows.map((r) => ({ digest: r.digest, chainHash: r.chain_hash })));
    const present = new Set(rows.map((r) => r.tracking_no));
    // the chain head log outside the database: every seal it logged must still be stored, unchanged
    const anchor = await this.heads.round(roundId);
    const bySeq = new Map(rows.map((r) => [r.chain_seq, r]));
    const inAudit = new Set(sealedLog.map((l) => l.tracking_no));
    const missingByNo = new Map<string, RoundVerification['chain']['missing'][number]>();
    for (const l of sealedLog) {
      if (!present.has(l.tracking_no)) missingByNo.set(l.tracking_no, { trackingNo: l.tracking_no, chainSeq: null, inAudit: true, inAnchor: false });
    }
    const mismatched: RoundVerification['chain']['anchor']['mismatched'] = [];
    for (const e of [...anchor.bySeq.values()].sort((a, b) => a.chainSeq - b.chainSeq)) {
      const stored = bySeq.get(e.chainSeq);
      if (!stored && !present.has(e.trackingNo)) {
        missingByNo.set(e.trackingNo, { trackingNo: e.trackingNo, chainSeq: e.chainSeq, inAudit: inAudit.has(e.trackingNo), inAnchor: true });
      } else if (!stored || stored.chain_hash !== e.chainHash || stored.tracking_no !== e.trackingNo) {
        mismatched.push({ chainSeq: e.chainSeq, trackingNo: e.trackingNo, storedTrackingNo: stored?.tracking_no ?? null });
      }
    }
    const missing = [...missingByNo.values()];
    const anchorOk = mismatched.length === 0 && anchor.unverifiable === 0 && (!anchor.head || bySeq.get(anchor.head.chainSeq)?.chain_hash === anchor.head.chainHash);
    const chainOk = brokenIndex === -1 && missing.length === 0 && sealedLog.length === rows.length && anchorOk;
    return {
      roundId: round.id,
      roundNumber: round.round_number,
      title: round.title,
      ok: chainOk && submissions.every((s) => s.valid),
      submissions,
      chain: {
        ok: chainOk,
        length: rows.length,
        recorded: sealedLog.length,
        brokenAt: brokenIndex === -1 ? null : { index: brokenIndex, trackingNo: rows[brokenIndex]?.tracking_no ?? null, chainSeq: rows[brokenIndex]?.chain_seq ?? null },
        missing,
        anchor: {
          file: anchor.file,
          recorded: anchor.bySeq.size,
          head: anchor.head ? { chainSeq: anchor.head.chainSeq, chainHash: anchor.head.chainHash, trackingNo: anchor.head.trackingNo } : null,
          mismatched,
          unverifiable: anchor.unverifiable,
        },
      },
    };
  }

  /**
   * The chain head log outside the database agrees with the stored chain at this receipt's position
   * and still holds the newest head it logged for the round: a deleted tail (the newest seals and
   * their audit rows) fails every receipt of the round.
   */
  private async matchesAnchor(row: SubmissionRow): Promise<boolean> {
    const anchor = await this.heads.round(row.round_id);
    if (anchor.unverifiable) return false;
    const own = anchor.bySeq.get(row.chain_seq);
    if (own && (own.chainHash !== row.chain_hash || own.trackingNo !== row.tracking_no)) return false;
    if (!anchor.head || anchor.head.chainSeq === row.chain_seq) return true;
    const [stored]: { chain_hash: string }[] = await this.dataSource.query(
      `SELECT chain_hash FROM sealed_submission WHERE round_id = $1 AND chain_seq = $2`,
      [row.round_id, anchor.head.chainSeq],
    );
    return stored?.chain_hash === anchor.head.chainHash;
  }

  private async ownChecks(row: SubmissionRow, items: ItemRow[], evidence: Map<string, string>): Promise<Omit<SubmissionChecks, 'chain'>> {
    let content = false;
    try {
      const rebuilt = submissionCanonical(recordOf(row), items.map(itemOf));
      content = receiptDigest(rebuilt) === row.digest && row.seals.every((s) => evidence.get(s.evidenceFileId) === s.evidenceSha256);
    } catch {
      content = false; // rows no canonical form can be made of were changed by hand
    }
    const pem = await this.keys.publicKeyPemFor(row.key_id);
    const { digest, signature } = checkReceipt(row.canonical, { digest: row.digest, signature: row.signature }, pem ?? null);
    return { digest, signature, content };
  }

  /** SHA-256 of the evidence bytes as stored now (computed in PostgreSQL: no 20 MB scans through Node). */
  private async evidenceHashes(ids: string[]): Promise<Map<string, string>> {
    const wanted = [...new Set(ids)];
    if (!wanted.length) return new Map();
    const rows: { id: string; sha256: string }[] = await this.dataSource.query(
      `SELECT id, encode(sha256(content), 'hex') AS sha256 FROM evidence_file WHERE id = ANY($1::uuid[])`,
      [wanted],
    );
    return new Map(rows.map((r) => [r.id, r.sha256]));
  }
}

const ITEM_COLUMNS = `submission_id, position, clause_id, lineage_key, kind, quote, proposed_text, reason`;

function linksItself(row: SubmissionRow): boolean {
  try {
    return row.chain_hash === chainHash(row.prev_chain_hash, row.digest);
  } catch {
    return false;
  }
}

function recordOf(row: SubmissionRow): SealedRecord {
  return {
    trackingNo: row.tracking_no,
    roundId: row.round_id,
    roundNumber: row.round_number,
    unitId: row.unit_id,
    unitName: row.unit_name,
    actingUnitId: row.acting_unit_id,
    actingUnitName: row.acting_unit_name,
    revision: row.revision,
    supersedesId: row.supersedes_id,
    kind: row.kind,
    withdrawalReason: row.withdrawal_reason,
    attestation: row.attestation,
    seals: row.seals,
    signatory: row.signatory,
    contactName: row.contact_name,
    contactPhone: row.contact_phone,
    sealedBy: row.sealed_by,
    sealedAt: row.sealed_at,
    deadlineAt: row.deadline_at,
    lateSeconds: row.late_seconds,
    chainSeq: row.chain_seq,
    prevChainHash: row.prev_chain_hash,
    entry: row.channel && row.channel !== 'portal' ? { channel: row.channel, receivedAt: row.received_at! } : null,
  };
}

function itemOf(row: ItemRow): SealedItemRecord {
  return {
    position: row.position,
    clauseId: row.clause_id,
    lineageKey: row.lineage_key,
    kind: row.kind,
    quote: row.quote,
    proposedText: row.proposed_text,
    reason: row.reason,
  };
}

/** The 核验码 printed on a receipt: the first 16 hex digits (64 bits) of its SHA-256 digest. */
export const VERIFICATION_CODE_LENGTH = 16;
export const verificationCodeOf = (digest: string) => digest.slice(0, VERIFICATION_CODE_LENGTH).toUpperCase();

function codeMatches(digest: string, code: string | undefined): boolean {
  const given = (code ?? '').replace(/[\s-]/g, '').toLowerCase();
  if (given.length < VERIFICATION_CODE_LENGTH || given.length > digest.length) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(digest.toLowerCase().slice(0, given.length));
  return a.length === b.length && timingSafeEqual(a, b);
}
