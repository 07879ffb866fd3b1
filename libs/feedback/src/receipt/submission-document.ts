import { canonicalJson, canonicalString, canonicalText } from './canonical-json';
import type { ItemKind } from '../entities/feedback.entity';

/** Names the shape below in every sealed submission, so a verifier knows which fields were covered. */
export const SUBMISSION_SCHEMA = 'zq-sealed-submission-v1';

/** Everything a sealed submission row holds that its receipt covers. */
export interface SealedRecord {
  trackingNo: string;
  roundId: string;
  roundNumber: number;
  unitId: string;
  unitName: string;
  actingUnitId: string;
  actingUnitName: string;
  revision: number;
  supersedesId: string | null;
  kind: 'with_comments' | 'no_comment' | 'withdrawal';
  withdrawalReason: string | null;
  attestation: { channel: 'general_office' | 'department'; statement: string | null } | null;
  seals: { unitId: string; role: string; evidenceFileId: string; evidenceSha256: string }[];
  signatory: string;
  contactName: string;
  contactPhone: string;
  sealedBy: string;
  sealedAt: Date;
  deadlineAt: Date;
  lateSeconds: number;
  chainSeq: number;
  prevChainHash: string | null;
  /** 代为录入: the channel the letter came by and the day it was received; absent for portal replies */
  entry?: { channel: 'paper' | 'oa_exchange' | 'fax' | 'email'; receivedAt: Date } | null;
}

export interface SealedItemRecord {
  position: number;
  clauseId: string | null;
  lineageKey: string | null;
  kind: ItemKind;
  quote: string;
  proposedText: string;
  reason: string;
}

/**
 * The canonical JSON a receipt signs. Built from the same fields whether sealing or verifying, so
 * the stored rows can be checked against the stored canonical text (and both against the digest).
 */
export function submissionCanonical(record: SealedRecord, items: SealedItemRecord[]): string {
  const ordered = [...items].sort((a, b) => a.position - b.position);
  return canonicalJson({
    schema: SUBMISSION_SCHEMA,
    trackingNo: record.trackingNo,
    round: { id: record.roundId, number: record.roundNumber },
    unit: { id: record.unitId, name: record.unitName },
    actingUnit: { id: record.actingUnitId, name: record.actingUnitName },
    revision: record.revision,
    supersedesId: record.supersedesId,
    kind: record.kind,
    withdrawalReason: record.withdrawalReason,
    items: canonicalText(`[${ordered.map(canonicalItem).join(',')}]`),
    attestation: record.attestation ? { channel: record.attestation.channel, statement: record.attestation.statement } : null,
    seals: record.seals.map((s) => ({ unitId: s.unitId, role: s.role, evidenceFileId: s.evidenceFileId, evidenceSha256: s.evidenceSha256 })),
    signatory: record.signatory,
    contact: { name: record.contactName, phone: record.contactPhone },
    sealedBy: record.sealedBy,
    sealedAt: record.sealedAt,
    deadlineAt: record.deadlineAt,
    lateSeconds: record.lateSeconds,
    chain: { seq: record.chainSeq, prev: record.prevChainHash },
    // only entries by the office carry it, so a portal reply's canonical form is unchanged
    ...(record.entry ? { entry: { channel: record.entry.channel, receivedAt: record.entry.receivedAt } } : {}),
  });
}

type ItemKey = keyof Pick<SealedItemRecord, 'position' | 'clauseId' | 'lineageKey' | 'kind' | 'quote' | 'proposedText' | 'reason'>;
/** an item's members in canonical (UTF-16 code-unit) order */
const ITEM_KEYS: ItemKey[] = (['position', 'clauseId', 'lineageKey', 'kind', 'quote', 'proposedText', 'reason'] as ItemKey[]).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));

/**
 * One item exactly as canonicalJson writes `{position, clauseId, lineageKey, kind, quote, proposedText,
 * reason}` (the spec holds the two equal over arbitrary items), without its generic sorting: the items
 * are nearly all of a submission's bytes. Anything but a string, null, a finite number or undefined
 * goes to canonicalJson (which also refuses what it cannot carry).
 */
export function canonicalItem(item: SealedItemRecord): string {
  let out = '';
  for (const key of ITEM_KEYS) {
    const value: unknown = item[key];
    let text: string;
    if (value === undefined) continue;
    if (value === null) text = 'null';
    else if (typeof value === 'string') text = canonicalString(value);
    else if (typeof value === 'number' && Number.isFinite(value)) text = JSON.stringify(value);
    else return canonicalJson(Object.fromEntries(ITEM_KEYS.map((k) => [k, item[k]])));
    out += `${out ? ',' : ''}"${key}":${text}`;
  }
  return `{${out}}`;
}

/** The chain member of submissionCanonical before the position is known, as canonical JSON writes it. */
const CHAIN_PLACEHOLDER = `"chain":${canonicalJson({ seq: 0, prev: null })}`;

/**
 * submissionCanonical in two steps, so the expensive part is done before the round's chain lock is
 * taken: everything but the chain position is written once, and `fill(seq, prev)` returns exactly the
 * bytes submissionCanonical would for that position. The placeholder can only match the top-level
 * `chain` member: inside a JSON string every quote is escaped, and no nested object has a `chain` key.
 */
export function submissionCanonicalTemplate(
  record: Omit<SealedRecord, 'chainSeq' | 'prevChainHash'>,
  items: SealedItemRecord[],
): CanonicalTemplate {
  const text = submissionCanonical({ ...record, chainSeq: 0, prevChainHash: null }, items);
  const at = text.indexOf(CHAIN_PLACEHOLDER);
  if (at < 0 || text.indexOf(CHAIN_PLACEHOLDER, at + 1) >= 0) throw new Error('submission canonical JSON: chain placeholder not found exactly once');
  const head = text.slice(0, at + '"chain":'.length);
  const tail = text.slice(at + CHAIN_PLACEHOLDER.length);
  const chain = (chainSeq: number, prevChainHash: string | null) => canonicalJson({ seq: chainSeq, prev: prevChainHash });
  // the UTF-8 bytes of the two fixed parts, encoded once: a placed document is then a copy, not a re-encoding
  const headBytes = Buffer.from(head, 'utf8');
  const tailBytes = Buffer.from(tail, 'utf8');
  const bytesAt = (chainJson: string) => Buffer.concat([headBytes, Buffer.from(chainJson, 'utf8'), tailBytes]);
  return Object.assign((chainSeq: number, prevChainHash: string | null) => head + chain(chainSeq, prevChainHash) + tail, {
    unplaced: text,
    unplacedBytes: bytesAt(CHAIN_PLACEHOLDER.slice('"chain":'.length)),
    bytes: (chainSeq: number, prevChainHash: string | null) => bytesAt(chain(chainSeq, prevChainHash)),
  });
}

/** `fill(seq, prev)`: the canonical document at that chain position; `unplaced`: the same document at position 0 (no predecessor). */
export interface CanonicalTemplate {
  (chainSeq: number, prevChainHash: string | null): string;
  /** everything but the chain position is already final here (the items the rows are read from, for one) */
  readonly unplaced: string;
  /** `unplaced` as UTF-8 */
  readonly unplacedBytes: Buffer;
  /** `fill(seq, prev)` as UTF-8 (the bytes a receipt signs) */
  bytes(chainSeq: number, prevChainHash: string | null): Buffer;
}
