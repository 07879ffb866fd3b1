import { Inject, Injectable } from '@nestjs/common';
import { AccessPolicy, Actor, isOffice } from '@zq/access';
import { Clock, DomainError, metrics, nfc } from '@zq/common';
import { ConsultationErrors } from '@zq/consultation';
import { FeedbackErrors } from './errors';
import { RecipientService, RecipientStatus, recipientMachine } from '@zq/consultation';
import { UnitOfWork } from '@zq/jobs';
import { ComposeMail, MAILS_PER_STATEMENT, MailService, receiptMail } from '@zq/mail';
import { APP_CONFIG, AppConfig, AUDIT_ROWS_PER_STATEMENT, AuditInput, auditInsertSql, recordAudit, sqlParams } from '@zq/persistence';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { DraftItem, SubmissionChannel } from './entities/feedback.entity';
import { KIND_LABELS, lateText, shanghaiText } from './format';
import { chainHash } from './receipt/hash-chain';
import type { ReceiptSigner } from './receipt/receipt-signer';
import { issueReceipt, Receipt } from './receipt/receipt';
import { CanonicalTemplate, SealedItemRecord, SealedRecord, submissionCanonicalTemplate } from './receipt/submission-document';
import { trackingNumber } from './receipt/tracking-number';
import { JobOutcome, KeyedBatcher } from './keyed-batcher';
import { ReceiptKeyService } from './receipt-key.service';
import { ChainHeadEntry, ChainHeadLogService } from './chain-head-log.service';
import { verificationCodeOf } from './receipt.service';
import { contextFromRow, ContextRow, replyingUnitIds, ReplyContext, requireRoundOpen } from './reply-context';
import { AttestationRequest, checkApproval, checkItems, resolveSeals, RuleClause, RuleUnit, SealRequest } from './rules/reply-rules';

export interface SealSignoff {
  /** 签发人 */
  signatory: string;
  contactName: string;
  contactPhone: string;
  seals: SealRequest[];
  attestation?: AttestationRequest | null;
}

export interface SealInput extends SealSignoff {
  /** the draft version the approver reviewed: a draft changed since is not sealed unseen */
  draftVersion: number;
}

export interface WithdrawInput extends SealSignoff {
  reason: string;
}

/** 代为录入: a letter the office received, entered and sealed on the unit's behalf. */
export interface RecordInput extends SealSignoff {
  /** the unit the round asked */
  unitId: string;
  /** who sent the letter: the unit itself (default) or one of its city's offices (e.g. 市政府办公厅) */
  actingUnitId?: string | null;
  channel: Exclude<SubmissionChannel, 'portal'>;
  /** the day the letter was received, YYYY-MM-DD in Asia/Shanghai */
  receivedOn: string;
  kind: 'with_comments' | 'no_comment';
  items: DraftItem[];
}

/** 回执 as the unit gets it back from sealing. */
export interface SealedReceipt {
  submissionId: string;
  trackingNo: string;
  revision: number;
  kind: SealedRecord['kind'];
  supersedesId: string | null;
  itemCount: number;
  sealedAt: Date;
  deadlineAt: Date;
  late: boolean;
  lateSeconds: number;
  receipt: Receipt & {
    chainSeq: number;
    prevChainHash: string | null;
    chainHash: string;
  };
  verifyUrl: string;
}

type SealClause = RuleClause & { lineageKey: string };

interface SealContext {
  ctx: ReplyContext;
  units: { recipient: RuleUnit; acting: RuleUnit; cityOffices: RuleUnit[] };
  draft: { kind: 'with_comments' | 'no_comment'; items: DraftItem[]; version: number } | null;
  latest: { id: string; revision: number; kind: SealedRecord['kind'] } | null;
  /** the version's clauses that the batch's items point at (shared by the batch's jobs) */
  clauses: Map<string, SealClause>;
  /** those clauses' quotable texts, normalised once for the batch (see checkItems) */
  spans: Map<string, string[]>;
  /** evidence file id → SHA-256, only this unit's files of this round */
  evidence: Map<string, string>;
  contacts: { name: string; email: string }[];
  trackingSeq: string;
}

interface SealContextRow extends ContextRow {
  draft: SealContext['draft'];
  latest: SealContext['latest'];
  units: RuleUnit[] | null;
  clauses: SealClause[] | null;
  evidence: Record<string, string> | null;
  contacts: { name: string; email: string }[] | null;
  tracking_seq: string;
}

type SealJob = { actor: Actor } & ({ action: 'seal'; input: SealInput } | { action: 'withdraw'; input: WithdrawInput } | { action: 'record'; input: RecordInput });

/** A seal checked and ready to append: everything but its place in the chain. */
interface PreparedSeal {
  index: number;
  job: SealJob;
  sc: SealContext;
  id: string;
  base: Omit<SealedRecord, 'chainSeq' | 'prevChainHash'>;
  items: SealedItemRecord[];
  /** the canonical text, written before the chain lock; filled with the position under it */
  canonical: CanonicalTemplate;
  audit: AuditInput[];
  /** the recipient's move (consultation applies it: RecipientService.markSubmitted) */
  from: RecipientStatus;
  event: 'submit' | 'revise' | 'withdraw';
  /** when the reply counts as made: sealing, or for 代为录入 the end of the day the letter was received */
  arrivedAt: Date;
}

/** A batch's answer to one job: its receipt, answered once the chain head is logged (`anchored`). */
interface Sealed {
  receipt: SealedReceipt;
  anchored: Promise<void>;
}

function withAnchor(outcomes: JobOutcome<SealedReceipt>[], anchored: Promise<void>): JobOutcome<Sealed>[] {
  return outcomes.map((o) => (o.status === 'done' ? { status: 'done', value: { receipt: o.value, anchored } } : o));
}

/** Aborts a batch's transaction (so nothing of it stays) while still answering each job. */
class BatchAbort extends Error {
  constructor(readonly outcomes: JobOutcome<SealedReceipt>[]) {
    super('batch aborted');
  }
}

/**
 * 加盖公章: turns a unit's draft into a sealed submission: rules checked, canonical JSON signed, linked
 * into the round's hash chain, rows written once and never changed, 回执 mailed, all in one transaction.
 * Seals of one round that arrive together are appended together (group commit): the round's chain
 * lock and the commit are paid once per batch; a job that fails its checks fails alone.
 */
@Injectable()
export class SealingService {
  /** where each round's chain ends as far as this process knows (a guess: the database decides) */
  private readonly chainTips = new Map<string, { seq: number; hash: string | null }>();
  /** per round: the turn at the chain lock of this process's last batch to ask for one */
  private readonly placing = new Map<string, Promise<void>>();
  private readonly batcher = new KeyedBatcher<SealJob, Sealed>({
    maxBatch: 25,
    maxConcurrent: 2,
    run: (roundId, jobs) => this.runBatch(roundId, jobs),
  });

  constructor(
    private readonly uow: UnitOfWork,
    private readonly mail: MailService,
    private readonly keys: ReceiptKeyService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly recipients: RecipientService,
    private readonly heads: ChainHeadLogService,
  ) {}

  async seal(actor: Actor, roundId: string, input: SealInput): Promise<SealedReceipt> {
    AccessPolicy.requireApprover(actor);
    return this.submit(roundId, { actor, action: 'seal', input });
  }

  /**
   * 代为录入: the office enters a unit's letter (paper, OA exchange, fax, e-mail) and seals it as
   * received, with the scan as evidence. The same rules as a portal reply (seals, 经市政府同意, items
   * against the version); it counts as the unit's reply (board, reminders, adoption), the unit gets the
   * 回执 mail. Refused (ALREADY_REPLIED) while the unit has a live reply: never two live replies.
   */
  async record(actor: Actor, roundId: string, input: RecordInput): Promise<SealedReceipt> {
    AccessPolicy.requireOffice(actor);
    return this.submit(roundId, { actor, action: 'record', input });
  }

  /** 撤回: only by a new sealed revision saying so; the withdrawn reply stays on record. */
  async withdraw(actor: Actor, roundId: string, input: WithdrawInput): Promise<SealedReceipt> {
    AccessPolicy.requireApprover(actor);
    return this.submit(roundId, { actor, action: 'withdraw', input });
  }

  /** A receipt is answered once its batch is committed and the chain head is in the log outside the database. */
  private async submit(roundId: string, job: SealJob): Promise<SealedReceipt> {
    const { receipt, anchored } = await this.batcher.submit(roundId, job);
    await anchored;
    metrics.seals.inc({ action: job.action });
    return receipt;
  }

  private async runBatch(roundId: string, jobs: SealJob[]): Promise<JobOutcome<Sealed>[]> {
    const signer = await this.keys.signer();
    const anchors: Omit<ChainHeadEntry, 'v' | 'at' | 'keyId'>[] = [];
    let outcomes: JobOutcome<SealedReceipt>[];
    try {
      outcomes = await this.uow.run((em) => this.sealBatch(em, roundId, jobs, signer, anchors));
    } catch (error) {
      this.chainTips.delete(roundId); // what this batch placed is not on the chain
      if (error instanceof BatchAbort) return withAnchor(error.outcomes, Promise.resolve()); // nothing of it was sealed
      throw error;
    }
    // Committed: the new chain head goes into the log outside the database before the receipts are answered
    // (appends keep their order). The round's next batch need not wait for the file: it starts now.
    return withAnchor(outcomes, this.heads.append(anchors, signer));
  }

  private async sealBatch(
    em: EntityManager,
    roundId: string,
    jobs: SealJob[],
    signer: ReceiptSigner,
    anchors: Omit<ChainHeadEntry, 'v' | 'at' | 'keyId'>[],
  ): Promise<JobOutcome<SealedReceipt>[]> {
    const outcomes: JobOutcome<SealedReceipt>[] = jobs.map(() => ({ status: 'later' }));
    const prepared: PreparedSeal[] = [];
    const recipients = new Set<string>();
    const contexts = await this.loadContexts(em, roundId, jobs);
    for (const [index, job] of jobs.entries()) {
      const sc = contexts[index];
      if (sc instanceof DomainError) {
        outcomes[index] = { status: 'failed', error: sc };
        continue;
      }
      if (recipients.has(sc.ctx.recipient.id)) continue; // the same unit twice: the later one goes in the next batch
      recipients.add(sc.ctx.recipient.id);
      try {
        prepared.push(this.prepare(index, job, sc));
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        outcomes[index] = { status: 'failed', error };
      }
    }
    if (!prepared.length) return outcomes;

    // Everything that does not depend on the chain position is written before the chain is locked, so
    // the next batch's items go in while this round's chain is held by the previous batch, and in one
    // statement: the audit rows (persistence writes them), the recipients' new status (consultation's
    // rows, already locked by loadContexts) and the items (their foreign key to the submission is checked
    // at commit).
    // The items rows are read by PostgreSQL out of the canonical document itself (its final form but for the
    // chain position), sent as UTF-8 bytes: the rows cannot differ from what the receipt signs, and the
    // items travel once, unescaped, instead of as a second JSON copy.
    const audit = prepared.flatMap((p) => p.audit);
    const docs = prepared.map((p) => p.canonical.unplacedBytes);
    const params: unknown[] = [];
    const param = sqlParams(params);
    const moved = this.recipients.markSubmittedSql(
      prepared.map((p) => ({
        recipientId: p.sc.ctx.recipient.id,
        from: p.from,
        event: p.event,
        replyKind: p.base.kind === 'withdrawal' ? null : p.base.kind,
        at: p.arrivedAt,
        submissionId: p.id,
      })),
      param,
    );
    const audited = audit.length <= AUDIT_ROWS_PER_STATEMENT ? auditInsertSql(audit, param) : null;
    await em.query(
      `WITH moved AS (${moved})${audited ? `, audited AS (${audited})` : ''}
       INSERT INTO sealed_item (submission_id, round_id, unit_id, position, clause_id, lineage_key, kind, quote, proposed_text, reason)
       SELECT d.id, ${param(roundId)}, d.unit_id, t.position, t."clauseId", t."lineageKey", t.kind, t.quote, t."proposedText", t.reason
         FROM unnest(${param(prepared.map((p) => p.id))}::uuid[], ${param(prepared.map((p) => p.base.unitId))}::uuid[],
                     ARRAY[${docs.map((doc) => `${param(doc)}::bytea`).join(', ')}]::bytea[]) AS d(id, unit_id, doc),
              jsonb_to_recordset(convert_from(d.doc, 'UTF8')::jsonb -> 'items')
                AS t(position int, "clauseId" uuid, "lineageKey" uuid, kind text, quote text, "proposedText" text, reason text)`,
      params,
    );
    if (!audited) await recordAudit(em, audit);

    // The round's chain grows one batch at a time: zq_lock_chain takes the round's advisory lock (held to
    // commit) and only then reads the head, so it sees the previous holder's commit. From the lock to the
    // commit only what depends on the chain position is done: splice it into the prepared canonical text,
    // hash, sign, write the submission rows and their 回执 mails.
    //
    // Usually this process knows where the chain ends (the tip its last batch of the round left, or the one
    // the batch ahead of this one in the other lane is about to leave): the batch is then placed there
    // before the lock, and one statement takes the lock and inserts only if the head is indeed that tip.
    // Otherwise (first batch here, another process sealed, the batch ahead failed) the head it read is used.
    const keyId = signer.keyId();
    const place = (seq: number, prev: string | null) => {
      const placed = prepared.map((p) => {
        const record: SealedRecord = { ...p.base, chainSeq: ++seq, prevChainHash: prev };
        // the template's output is canonical by construction; the one receipt module (receipt/receipt.ts) signs
        // its UTF-8 bytes, and the same bytes are stored
        const canonical = p.canonical.bytes(record.chainSeq, record.prevChainHash);
        const receipt = issueReceipt(canonical, signer);
        const digest = receipt.digest;
        const link = chainHash(prev, digest);
        prev = link;
        return { p, record, canonical, digest, signature: receipt.signature, receipt, link };
      });
      this.chainTips.set(roundId, { seq, hash: prev });
      return placed;
    };
    type Head = { status: ReplyContext['round']['status']; seq: number | null; hash: string | null };
    const refuseUnlessOpen = (head: Head) => {
      if (head.status === 'open') return;
      try {
        requireRoundOpen({ ...prepared[0].sc.ctx, round: { ...prepared[0].sc.ctx.round, status: head.status } });
      } catch (error) {
        for (const p of prepared) outcomes[p.index] = { status: 'failed', error };
        throw new BatchAbort(outcomes);
      }
    };

    // On that path the 回执 mails (and their send jobs) are written by the same statement, under the same
    // condition: the lock is then held for that one statement and the commit.
    let sealed: ReturnType<typeof place> | null = null;
    let head: Head | null = null;
    let mailed = false;
    // The batches of this process take their turn at the lock in the order they are placed (the next one is
    // placed and sent once this one's statement is back): a later batch reaching the lock first would find
    // the head short of the tip it was placed at, and both would fall back.
    const done = await this.placementTurn(roundId);
    try {
      const tip = this.chainTips.get(roundId);
      sealed = tip ? place(tip.seq, tip.hash) : null;
      if (sealed) {
        const params = submissionParams(roundId, keyId, sealed);
        const param = sqlParams(params);
        const mails = this.receiptMails(sealed, keyId);
        const mailCtes = mails.length && mails.length <= MAILS_PER_STATEMENT ? this.mail.composeCtes(mails, param, { when: '(SELECT ok FROM placed)' }) : null;
        const [row]: (Head & { inserted: number })[] = await em.query(
          `WITH head AS MATERIALIZED (SELECT round_status AS status, chain_seq AS seq, chain_hash AS hash FROM zq_lock_chain($1)),
                placed AS MATERIALIZED (SELECT h.status = 'open' AND h.seq IS NOT DISTINCT FROM ${param(tip!.seq)}::int
                                               AND h.hash IS NOT DISTINCT FROM ${param(tip!.hash)}::text AS ok FROM head h),
                ins AS (${INSERT_SUBMISSIONS(sealed.length)} WHERE (SELECT ok FROM placed) RETURNING 1)
                ${mailCtes ? `, ${mailCtes.sql}` : ''}
           SELECT status, seq, hash, (SELECT count(*)::int FROM ins) AS inserted FROM head`,
          params,
        );
        if (row.inserted !== sealed.length) {
          head = row;
          sealed = null;
        } else {
          mailed = !!mailCtes || !mails.length;
        }
      } else {
        [head] = await em.query(`SELECT round_status AS status, chain_seq AS seq, chain_hash AS hash FROM zq_lock_chain($1)`, [roundId]);
      }
      if (!sealed) {
        refuseUnlessOpen(head!);
        sealed = place(head!.seq ?? 0, head!.hash ?? null);
        await em.query(INSERT_SUBMISSIONS(sealed.length), submissionParams(roundId, keyId, sealed));
      }
    } finally {
      done();
    }

    if (!mailed) {
      const mails = this.receiptMails(sealed, keyId);
      if (mails.length) await this.mail.compose(em, mails);
    }

    anchors.push(
      ...sealed.map((s) => ({
        roundId,
        chainSeq: s.record.chainSeq,
        chainHash: s.link,
        trackingNo: s.record.trackingNo,
        digest: s.digest,
        unit: s.record.unitName,
        actingUnit: s.record.actingUnitName,
        sealedAt: s.record.sealedAt.toISOString(),
      })),
    );
    for (const s of sealed) {
      outcomes[s.p.index] = {
        status: 'done',
        value: {
          submissionId: s.p.id,
          trackingNo: s.record.trackingNo,
          revision: s.record.revision,
          kind: s.record.kind,
          supersedesId: s.record.supersedesId,
          itemCount: s.p.items.length,
          sealedAt: s.record.sealedAt,
          deadlineAt: s.record.deadlineAt,
          late: s.record.lateSeconds > 0,
          lateSeconds: s.record.lateSeconds,
          receipt: {
            ...s.receipt,
            chainSeq: s.record.chainSeq,
            prevChainHash: s.record.prevChainHash,
            chainHash: s.link,
          },
          verifyUrl: this.verifyUrl(s.record.trackingNo, s.digest),
        },
      };
    }
    return outcomes;
  }

  /** Waits for this process's batch ahead of this one (if any) to have its chain statement back; call the result when this one's is back. */
  private async placementTurn(roundId: string): Promise<() => void> {
    const ahead = this.placing.get(roundId) ?? Promise.resolve();
    let release!: () => void;
    const turn = ahead.then(() => new Promise<void>((resolve) => (release = resolve)));
    this.placing.set(roundId, turn);
    await ahead;
    return () => {
      release();
      if (this.placing.get(roundId) === turn) this.placing.delete(roundId);
    };
  }

  /** The 回执 mails of placed seals: one per contact of the unit (and of the office that sent the letter). */
  private receiptMails(sealed: PlacedSeal[], keyId: string): ComposeMail[] {
    return sealed.flatMap((s) => {
      const { record, p } = s;
      if (!p.sc.contacts.length) return [];
      const rendered = receiptMail({
        unitName: record.unitName,
        actingUnitName: record.actingUnitName,
        roundTitle: p.sc.ctx.round.title,
        trackingNo: record.trackingNo,
        revision: record.revision,
        kindLabel: KIND_LABELS[record.kind],
        itemCount: p.items.length,
        sealedAt: shanghaiText(record.sealedAt),
        lateText: lateText(record.lateSeconds),
        signatory: record.signatory,
        digest: s.digest,
        signature: s.signature,
        keyId,
        chainSeq: record.chainSeq,
        chainHash: s.link,
        verifyUrl: this.verifyUrl(record.trackingNo, s.digest),
      });
      return p.sc.contacts.map((c, n) => ({
        ...rendered,
        dedupeKey: n === 0 ? `receipt.${p.id}` : `receipt.${p.id}.${n + 1}`,
        purpose: 'receipt',
        to: c.email,
        toName: c.name,
        roundId: record.roundId,
        unitId: record.unitId,
      }));
    });
  }

  /** The job's own checks (each throws its DomainError) and everything it will write but its chain position. */
  private prepare(index: number, job: SealJob, sc: SealContext): PreparedSeal {
    const { ctx, units, latest } = sc;
    requireRoundOpen(ctx);
    let content: { kind: SealedRecord['kind']; items: DraftItem[]; withdrawalReason: string | null };
    let entry: SealedRecord['entry'] = null;
    if (job.action === 'record') {
      if (ctx.recipient.status === 'submitted') {
        throw FeedbackErrors.alreadyReplied({
          latestSubmissionId: latest?.id ?? null,
          revision: latest?.revision ?? null,
        });
      }
      if (units.acting.id !== units.recipient.id && units.acting.parentId !== units.recipient.id) {
        throw FeedbackErrors.actingUnitInvalid(units.recipient.shortName, { actingUnitId: job.input.actingUnitId });
      }
      checkItems(job.input.kind, job.input.items, sc.clauses, sc.spans);
      content = { kind: job.input.kind, items: job.input.items, withdrawalReason: null };
      entry = { channel: job.input.channel, receivedAt: receivedDay(job.input.receivedOn, this.clock.now()) };
    } else if (job.action === 'seal') {
      const draft = sc.draft;
      if (!draft) throw FeedbackErrors.noDraftToSeal();
      if (draft.version !== job.input.draftVersion) {
        throw FeedbackErrors.draftChangedSinceReview(draft.version, {
          baseVersion: job.input.draftVersion,
          currentVersion: draft.version,
        });
      }
      checkItems(draft.kind, draft.items, sc.clauses, sc.spans);
      content = { kind: draft.kind, items: draft.items, withdrawalReason: null };
    } else {
      if (!latest || ctx.recipient.status !== 'submitted' || latest.kind === 'withdrawal') {
        throw FeedbackErrors.nothingToWithdraw({ status: ctx.recipient.status, latestKind: latest?.kind ?? null });
      }
      content = { kind: 'withdrawal', items: [], withdrawalReason: nfc(job.input.reason).trim() };
    }

    const signoff = job.input;
    const resolved = resolveSeals(signoff.seals, units.recipient, units.cityOffices);
    const missingEvidence = [...new Set(resolved.map((s) => s.evidenceFileId))].filter((id) => !sc.evidence.has(id));
    if (missingEvidence.length) {
      throw FeedbackErrors.evidenceNotFound({ evidenceFileIds: missingEvidence });
    }
    const { attestation } = checkApproval({
      rules: ctx.round.rules,
      recipient: units.recipient,
      acting: units.acting,
      cityOffices: units.cityOffices,
      attestation: signoff.attestation,
      seals: resolved,
    });

    const sealedAt = this.clock.now();
    const from = ctx.recipient.status;
    const event = content.kind === 'withdrawal' ? 'withdraw' : from === 'submitted' ? 'revise' : 'submit';
    const to = recipientMachine.next(from, event);
    const deadlineAt = ctx.recipient.effectiveDeadline;
    if (from === 'submitted' && sealedAt.getTime() > deadlineAt.getTime()) {
      throw FeedbackErrors.revisionAfterDeadline(shanghaiText(deadlineAt), {
        deadline: deadlineAt,
      });
    }
    // a letter entered by the office is on time if it was received by the deadline's day
    const arrivedAt = entry ? new Date(Math.min(entry.receivedAt.getTime() + DAY_MS - 1, sealedAt.getTime())) : sealedAt;
    const lateSeconds = Math.max(0, Math.floor((arrivedAt.getTime() - deadlineAt.getTime()) / 1000));
    const id = randomUUID();
    const items: SealedItemRecord[] = content.items.map((item, position) => ({
      position: position + 1,
      clauseId: item.clauseId,
      lineageKey: item.clauseId ? (sc.clauses.get(item.clauseId)?.lineageKey ?? null) : null,
      kind: item.kind,
      quote: nfc(item.quote),
      proposedText: nfc(item.proposedText),
      reason: nfc(item.reason),
    }));
    for (const [field, label] of [['signatory', '签发人'], ['contactName', '联系人']] as const)
      if (!signoff[field].trim()) throw FeedbackErrors.signoffBlank(label, { field });
    const base: PreparedSeal['base'] = {
      trackingNo: trackingNumber({ roundNumber: ctx.round.roundNumber, unitShortName: units.recipient.shortName, sequence: Number(sc.trackingSeq) }),
      roundId: ctx.round.id,
      roundNumber: ctx.round.roundNumber,
      unitId: units.recipient.id,
      unitName: units.recipient.shortName,
      actingUnitId: units.acting.id,
      actingUnitName: units.acting.shortName,
      revision: (latest?.revision ?? 0) + 1,
      supersedesId: latest?.id ?? null,
      kind: content.kind,
      withdrawalReason: content.withdrawalReason,
      attestation,
      seals: resolved.map((s) => ({ unitId: s.unitId, role: s.role, evidenceFileId: s.evidenceFileId, evidenceSha256: sc.evidence.get(s.evidenceFileId)! })),
      signatory: nfc(signoff.signatory).trim(),
      contactName: nfc(signoff.contactName).trim(),
      contactPhone: nfc(signoff.contactPhone).trim(),
      sealedBy: job.actor.userId,
      sealedAt,
      deadlineAt,
      lateSeconds,
      entry,
    };
    const audit: AuditInput[] = [
      {
        actorUserId: job.actor.userId,
        action: 'submission.sealed',
        entityType: 'sealed_submission',
        entityId: id,
        data: {
          roundId: base.roundId,
          unitId: base.unitId,
          actingUnitId: base.actingUnitId,
          trackingNo: base.trackingNo,
          revision: base.revision,
          kind: base.kind,
          itemCount: items.length,
          lateSeconds,
          ...(entry ? { channel: entry.channel, receivedAt: entry.receivedAt, enteredBy: job.actor.userId } : {}),
        },
      },
    ];
    if (entry) {
      audit.push({
        actorUserId: job.actor.userId,
        action: 'submission.entered_by_office',
        entityType: 'sealed_submission',
        entityId: id,
        data: { roundId: base.roundId, unitId: base.unitId, channel: entry.channel, receivedAt: entry.receivedAt, trackingNo: base.trackingNo },
      });
    }
    if (latest) {
      audit.push({
        actorUserId: job.actor.userId,
        action: 'submission.superseded',
        entityType: 'sealed_submission',
        entityId: latest.id,
        data: { roundId: base.roundId, unitId: base.unitId, revision: latest.revision, supersededBy: id, byKind: base.kind },
      });
    }
    if (from !== to) {
      audit.push({
        actorUserId: job.actor.userId,
        action: 'round_recipient.status_changed',
        entityType: 'round_recipient',
        entityId: ctx.recipient.id,
        data: { roundId: base.roundId, unitId: base.unitId, from, to, event },
      });
    }
    return { index, job, sc, id, base, items, audit, from, event, arrivedAt, canonical: submissionCanonicalTemplate(base, items) };
  }

  /** the web page that verifies it, with the 核验码 (a tracking number alone verifies nothing) */
  private verifyUrl(trackingNo: string, digest: string): string {
    return `${this.config.publicUrl}/verify/${encodeURIComponent(trackingNo)}?code=${verificationCodeOf(digest)}`;
  }

  /**
   * What a batch of seals reads, in two statements for the whole batch. First the recipient rows are
   * locked (in id order, so two batches never deadlock): a unit's seals then run one at a time. Then,
   * in a statement of its own (so it sees what a batch it waited for committed), each job's round,
   * draft, latest revision, units, the evidence named, the contacts for the 回执, the clauses the batch points at (once)
   * and a tracking sequence number. A job whose unit is not asked in the round gets its own error.
   */
  private async loadContexts(em: EntityManager, roundId: string, jobs: SealJob[]): Promise<(SealContext | DomainError)[]> {
    const candidates = jobs.map((job) => (job.action === 'record' ? [job.input.unitId] : isOffice(job.actor) ? [] : replyingUnitIds(job.actor)));
    const locked: { id: string; unit_id: string }[] = await em.query(
      `SELECT rr.id, rr.unit_id FROM round_recipient rr JOIN consultation_round r ON r.id = rr.round_id
        WHERE rr.round_id = $1 AND r.status <> 'draft' AND rr.unit_id = ANY($2::uuid[])
        ORDER BY rr.id FOR UPDATE OF rr`,
      [roundId, [...new Set(candidates.flat())]],
    );
    const recipientOf = new Map(locked.map((r) => [r.unit_id, r.id]));
    const picks = jobs.map((job, i): string | DomainError => {
      if (isOffice(job.actor) !== (job.action === 'record')) {
        return job.action === 'record'
          ? FeedbackErrors.officeOnlyRecord()
          : FeedbackErrors.unitUserOnlySeal();
      }
      const recipientId = candidates[i].map((unitId) => recipientOf.get(unitId)).find((id) => id);
      return recipientId ?? ConsultationErrors.roundNotFoundForUnit({ roundId });
    });
    const wanted = jobs.flatMap((job, i) => (typeof picks[i] === 'string' ? [{ i, job, recipientId: picks[i] as string }] : []));
    // a job whose row does not come back below gets ROUND_NOT_FOUND (an error is made only for such a job)
    const contexts: (SealContext | DomainError | null)[] = picks.map((p) => (p instanceof DomainError ? p : null));
    const answered = () => contexts.map((c) => c ?? ConsultationErrors.roundNotFound({ roundId }));
    if (!wanted.length) return answered();

    // The clauses the batch's items point at are read once for the batch (all its jobs are of one round, so
    // of one version), on the first row, and shared: replies of one round mostly point at the same clauses.
    const rows: (SealContextRow & { idx: number })[] = await em.query(
      `WITH q AS (SELECT * FROM unnest($1::int[], $2::uuid[], $3::uuid[], $4::text[], $5::text[]) AS q(idx, recipient_id, acting_unit, evidence, clause_ids)),
            pointed AS (SELECT (e->>'clauseId')::uuid AS id FROM q JOIN feedback_draft d ON d.recipient_id = q.recipient_id, jsonb_array_elements(d.items) e
                         WHERE coalesce(e->>'clauseId', '') <> ''
                        UNION SELECT jsonb_array_elements_text(q.clause_ids::jsonb)::uuid FROM q)
       SELECT q.idx, r.id AS round_id, r.title, r.round_number, r.status AS round_status, r.version_id, r.deadline, r.silence_rule,
              r.seal_required, r.city_approval, rr.id AS recipient_id, rr.unit_id, rr.status AS recipient_status, rr.reply_kind,
              rr.deadline_override, rr.latest_submission_id,
              (SELECT json_build_object('kind', d.kind, 'items', d.items, 'version', d.version) FROM feedback_draft d WHERE d.recipient_id = rr.id) AS draft,
              (SELECT json_build_object('id', s.id, 'revision', s.revision, 'kind', s.kind) FROM sealed_submission s
                WHERE s.recipient_id = rr.id ORDER BY s.revision DESC LIMIT 1) AS latest,
              (SELECT json_agg(json_build_object('id', u.id, 'kind', u.kind, 'shortName', u.short_name, 'officeRole', u.office_role, 'parentId', u.parent_id))
                 FROM unit u WHERE u.id = rr.unit_id OR u.id = q.acting_unit OR u.parent_id = rr.unit_id) AS units,
              CASE WHEN q.idx = (SELECT min(idx) FROM q) THEN
                (SELECT json_agg(json_build_object('id', c.id, 'label', c.label, 'heading', c.heading, 'text', c.text, 'tableRows', c.table_rows, 'lineageKey', c.lineage_key))
                   FROM clause c WHERE c.version_id = r.version_id AND c.id IN (SELECT id FROM pointed)) END AS clauses,
              (SELECT json_object_agg(f.id, f.sha256) FROM evidence_file f
                WHERE f.id IN (SELECT jsonb_array_elements_text(q.evidence::jsonb)::uuid) AND f.round_id = r.id AND f.unit_id = rr.unit_id) AS evidence,
              (SELECT json_agg(json_build_object('name', k.name, 'email', k.email)) FROM (
                 SELECT DISTINCT ON (lower(uc.email)) uc.name, uc.email FROM unit_contact uc
                  WHERE uc.unit_id IN (q.acting_unit, rr.unit_id) AND coalesce(uc.email, '') <> ''
                  ORDER BY lower(uc.email), uc.is_primary DESC, uc.name) k) AS contacts,
              nextval('sealed_submission_tracking_seq') AS tracking_seq
         FROM q
         JOIN round_recipient rr ON rr.id = q.recipient_id
         JOIN consultation_round r ON r.id = rr.round_id
        ORDER BY q.idx`,
      [
        wanted.map((w) => w.i),
        wanted.map((w) => w.recipientId),
        wanted.map((w) => (w.job.action === 'record' ? (w.job.input.actingUnitId ?? w.job.input.unitId) : w.job.actor.unitId)),
        wanted.map((w) => JSON.stringify([...new Set(w.job.input.seals.map((seal) => seal.evidenceFileId))])),
        wanted.map((w) => JSON.stringify(w.job.action === 'record' ? [...new Set(w.job.input.items.flatMap((i) => (i.clauseId ? [i.clauseId] : [])))] : [])),
      ],
    );
    const clauses = new Map((rows.find((row) => row.clauses)?.clauses ?? []).map((c) => [c.id, c]));
    const spans = new Map<string, string[]>();
    for (const row of rows) {
      const job = jobs[row.idx];
      contexts[row.idx] = toSealContext(row, job.action === 'record' ? (job.input.actingUnitId ?? job.input.unitId) : job.actor.unitId, clauses, spans);
    }
    return answered();
  }
}

function toSealContext(row: SealContextRow, actingUnitId: string | null, clauses: Map<string, SealClause>, spans: Map<string, string[]>): SealContext {
  const units = (row.units ?? []) as RuleUnit[];
  const recipient = units.find((u) => u.id === row.unit_id)!;
  const acting = units.find((u) => u.id === actingUnitId) ?? recipient;
  return {
    ctx: contextFromRow(row),
    units: {
      recipient,
      acting,
      cityOffices: recipient.kind === 'prefecture_city' ? units.filter((u) => u.parentId === recipient.id && u.kind === 'city_office') : [],
    },
    draft: row.draft,
    latest: row.latest,
    clauses,
    spans,
    evidence: new Map(Object.entries(row.evidence ?? {})),
    contacts: row.contacts ?? [],
    trackingSeq: row.tracking_seq,
  };
}

const DAY_MS = 24 * 3600 * 1000;

interface PlacedSeal {
  p: PreparedSeal;
  record: SealedRecord;
  canonical: Buffer;
  digest: string;
  signature: string;
  link: string;
}

/** INSERT of a batch's submission rows: $1 round, $2 key id, $3 the rows as JSON, $4… each one's canonical bytes. */
const INSERT_SUBMISSIONS = (count: number) =>
  `INSERT INTO sealed_submission (id, round_id, recipient_id, unit_id, unit_name, revision, supersedes_id, kind, signatory,
          contact_name, contact_phone, acting_unit_id, acting_unit_name, withdrawal_reason, attestation, seals, canonical, digest,
          signature, key_id, chain_seq, prev_chain_hash, chain_hash, tracking_no, sealed_by, sealed_at, deadline_at, late_seconds,
          channel, received_at)
   SELECT t.id, $1, t.recipient_id, t.unit_id, t.unit_name, t.revision, t.supersedes_id, t.kind, t.signatory, t.contact_name,
          t.contact_phone, t.acting_unit_id, t.acting_unit_name, t.withdrawal_reason, t.attestation, t.seals,
          convert_from(c.doc, 'UTF8'), t.digest, t.signature, $2, t.chain_seq, t.prev_chain_hash, t.chain_hash, t.tracking_no, t.sealed_by,
          t.sealed_at, t.deadline_at, t.late_seconds, t.channel, t.received_at
     FROM json_to_recordset($3::json) AS t(id uuid, recipient_id uuid, unit_id uuid, unit_name text, revision int, supersedes_id uuid,
          kind text, signatory text, contact_name text, contact_phone text, acting_unit_id uuid, acting_unit_name text,
          withdrawal_reason text, attestation jsonb, seals jsonb, n int, digest text, signature text, chain_seq int,
          prev_chain_hash text, chain_hash text, tracking_no text, sealed_by uuid, sealed_at timestamptz, deadline_at timestamptz,
          late_seconds int, channel text, received_at timestamptz)
     JOIN unnest(${byteaArray(Array.from({ length: count }), 4)}) WITH ORDINALITY AS c(doc, n) ON c.n = t.n`;

function submissionParams(roundId: string, keyId: string, sealed: PlacedSeal[]): unknown[] {
  return [
    roundId,
    keyId,
    JSON.stringify(
      sealed.map(({ p, record, digest, signature, link }, n) => ({
        id: p.id,
        recipient_id: p.sc.ctx.recipient.id,
        unit_id: record.unitId,
        unit_name: record.unitName,
        revision: record.revision,
        supersedes_id: record.supersedesId,
        kind: record.kind,
        signatory: record.signatory,
        contact_name: record.contactName,
        contact_phone: record.contactPhone,
        acting_unit_id: record.actingUnitId,
        acting_unit_name: record.actingUnitName,
        withdrawal_reason: record.withdrawalReason,
        attestation: record.attestation,
        seals: record.seals,
        n: n + 1,
        digest,
        signature,
        chain_seq: record.chainSeq,
        prev_chain_hash: record.prevChainHash,
        chain_hash: link,
        tracking_no: record.trackingNo,
        sealed_by: record.sealedBy,
        sealed_at: record.sealedAt,
        deadline_at: record.deadlineAt,
        late_seconds: record.lateSeconds,
        channel: record.entry?.channel ?? 'portal',
        received_at: record.entry?.receivedAt ?? null,
      })),
    ),
    ...sealed.map((s) => s.canonical),
  ];
}

/** `ARRAY[$from::bytea, …]` for one parameter per value: Buffers go to PostgreSQL as binary, unescaped. */
function byteaArray(values: readonly unknown[], from: number): string {
  return `ARRAY[${values.map((_, i) => `$${from + i}::bytea`).join(', ')}]::bytea[]`;
}

/** The day a letter was received (YYYY-MM-DD, Asia/Shanghai) as its first instant; not a day still to come. */
function receivedDay(day: string, now: Date): Date {
  const at = /^\d{4}-\d{2}-\d{2}$/.test(day ?? '') ? new Date(`${day}T00:00:00+08:00`) : null;
  // 2023-02-30 is not a day: the parsed instant must read back as the same Shanghai date
  if (!at || Number.isNaN(at.getTime()) || new Date(at.getTime() + 8 * 3600 * 1000).toISOString().slice(0, 10) !== day) {
    throw FeedbackErrors.receivedOnInvalid({ receivedOn: day });
  }
  if (at.getTime() > now.getTime()) throw FeedbackErrors.receivedOnInFuture({ receivedOn: day });
  return at;
}
