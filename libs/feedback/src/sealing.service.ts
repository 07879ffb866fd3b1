import { Inject, Injectable } from '@nestjs/common';
import { AccessPolicy, Actor } from '@zq/access';
import { Clock, conflict, ruleViolation } from '@zq/common';
import { recipientMachine } from '@zq/consultation';
import { UnitOfWork } from '@zq/jobs';
import { MailService } from '@zq/mail';
import { APP_CONFIG, AppConfig, AuditInput, recordAudit } from '@zq/persistence';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { receiptMail } from '../../mail/src/templates/receipt';
import type { DraftItem } from './entities/feedback.entity';
import { KIND_LABELS, lateText, shanghaiText } from './format';
import { CANONICALIZATION } from './receipt/canonical-json';
import { sha256Hex } from './receipt/digest';
import { chainHash } from './receipt/hash-chain';
import type { ReceiptSigner } from './receipt/receipt-signer';
import { SealedItemRecord, SealedRecord, submissionCanonical } from './receipt/submission-document';
import { trackingNumber } from './receipt/tracking-number';
import { ReceiptKeyService } from './receipt-key.service';
import { loadReplyContext, loadReplyUnits, ReplyContext, requireRoundOpen } from './reply-context';
import { AttestationRequest, checkApproval, checkItems, resolveSeals, RuleClause, SealRequest } from './rules/reply-rules';

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
  receipt: {
    digest: string;
    signature: string;
    keyId: string;
    algorithm: 'Ed25519';
    canonicalization: typeof CANONICALIZATION;
    chainSeq: number;
    prevChainHash: string | null;
    chainHash: string;
  };
  verifyUrl: string;
}

interface Content {
  kind: SealedRecord['kind'];
  items: DraftItem[];
  clauses: Map<string, RuleClause & { lineageKey: string }>;
  withdrawalReason: string | null;
}

/**
 * 加盖公章: turns a unit's draft into a sealed submission in one transaction: rules checked, canonical
 * JSON signed, linked into the round's hash chain, rows written once and never changed, 回执 mailed.
 */
@Injectable()
export class SealingService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly mail: MailService,
    private readonly keys: ReceiptKeyService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async seal(actor: Actor, roundId: string, input: SealInput): Promise<SealedReceipt> {
    AccessPolicy.requireApprover(actor);
    const signer = await this.keys.signer();
    return this.uow.run(async (em) => {
      const ctx = await loadReplyContext(em, actor, roundId, { lock: true });
      requireRoundOpen(ctx);
      const drafts: { kind: 'with_comments' | 'no_comment'; items: DraftItem[]; version: number }[] = await em.query(
        `SELECT kind, items, version FROM feedback_draft WHERE recipient_id = $1`,
        [ctx.recipient.id],
      );
      const draft = drafts[0];
      if (!draft) throw ruleViolation('REPLY_EMPTY', '尚未填写反馈：请先保存反馈意见，或选择“无意见”后再盖章提交');
      if (draft.version !== input.draftVersion) {
        throw conflict('DRAFT_VERSION_CONFLICT', `反馈草稿在您审阅后又被修改（当前第 ${draft.version} 版），请重新审阅后再盖章提交`, {
          baseVersion: input.draftVersion,
          currentVersion: draft.version,
        });
      }
      const clauses = await this.clausesOf(em, ctx.round.versionId, draft.items);
      checkItems(draft.kind, draft.items, clauses);
      return this.sealInTransaction(em, actor, ctx, input, { kind: draft.kind, items: draft.items, clauses, withdrawalReason: null }, signer);
    });
  }

  /** 撤回: only by a new sealed revision saying so; the withdrawn reply stays on record. */
  async withdraw(actor: Actor, roundId: string, input: WithdrawInput): Promise<SealedReceipt> {
    AccessPolicy.requireApprover(actor);
    const signer = await this.keys.signer();
    return this.uow.run(async (em) => {
      const ctx = await loadReplyContext(em, actor, roundId, { lock: true });
      requireRoundOpen(ctx);
      const latest = await this.latestOf(em, ctx.recipient.id);
      if (!latest || ctx.recipient.status !== 'submitted' || latest.kind === 'withdrawal') {
        throw ruleViolation('NOTHING_TO_WITHDRAW', '本单位没有可撤回的已提交反馈', { status: ctx.recipient.status, latestKind: latest?.kind ?? null });
      }
      const content: Content = { kind: 'withdrawal', items: [], clauses: new Map(), withdrawalReason: input.reason.normalize('NFC').trim() };
      return this.sealInTransaction(em, actor, ctx, input, content, signer);
    });
  }

  private async sealInTransaction(em: EntityManager, actor: Actor, ctx: ReplyContext, signoff: SealSignoff, content: Content, signer: ReceiptSigner): Promise<SealedReceipt> {
    const sealedAt = this.clock.now();
    const units = await loadReplyUnits(em, ctx.recipient.unitId, actor.unitId!);
    const resolved = resolveSeals(signoff.seals, units.recipient, units.cityOffices);
    const evidence = await this.evidenceOf(em, ctx, resolved.map((s) => s.evidenceFileId));
    const { attestation } = checkApproval({ rules: ctx.round.rules, recipient: units.recipient, acting: units.acting, cityOffices: units.cityOffices, attestation: signoff.attestation, seals: resolved });

    const latest = await this.latestOf(em, ctx.recipient.id);
    const from = ctx.recipient.status;
    const event = from === 'submitted' ? 'revise' : 'submit';
    const to = recipientMachine.next(from, event);
    const deadlineAt = ctx.recipient.effectiveDeadline;
    if (event === 'revise' && sealedAt.getTime() > deadlineAt.getTime()) {
      throw ruleViolation('REVISION_AFTER_DEADLINE', `反馈截止时间（${shanghaiText(deadlineAt)}）已过，已提交的反馈不能再更正或撤回；如确需更正，请联系征求意见发起单位`, {
        deadline: deadlineAt,
      });
    }
    const lateSeconds = Math.max(0, Math.floor((sealedAt.getTime() - deadlineAt.getTime()) / 1000));
    const contacts = await this.contactsOf(em, [units.acting.id, units.recipient.id]);
    const [{ seq }]: { seq: string }[] = await em.query(`SELECT nextval('sealed_submission_tracking_seq') AS seq`);
    const id = randomUUID();
    const items: SealedItemRecord[] = content.items.map((item, index) => ({
      position: index + 1,
      clauseId: item.clauseId,
      lineageKey: item.clauseId ? (content.clauses.get(item.clauseId)?.lineageKey ?? null) : null,
      kind: item.kind,
      quote: item.quote.normalize('NFC'),
      proposedText: item.proposedText.normalize('NFC'),
      reason: item.reason.normalize('NFC'),
    }));
    const base = {
      trackingNo: trackingNumber({ roundNumber: ctx.round.roundNumber, unitShortName: units.recipient.shortName, sequence: Number(seq) }),
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
      seals: resolved.map((s) => ({ unitId: s.unitId, role: s.role, evidenceFileId: s.evidenceFileId, evidenceSha256: evidence.get(s.evidenceFileId)! })),
      signatory: signoff.signatory.normalize('NFC').trim(),
      contactName: signoff.contactName.normalize('NFC').trim(),
      contactPhone: signoff.contactPhone.normalize('NFC').trim(),
      sealedBy: actor.userId,
      sealedAt,
      deadlineAt,
      lateSeconds,
    };

    // The round's chain is appended one seal at a time; everything above ran before taking the lock.
    await em.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`zq.chain.${ctx.round.id}`]);
    const [head]: { status: string; seq: number | null; hash: string | null }[] = await em.query(
      `SELECT r.status, s.chain_seq AS seq, s.chain_hash AS hash
         FROM consultation_round r
         LEFT JOIN LATERAL (SELECT chain_seq, chain_hash FROM sealed_submission WHERE round_id = r.id ORDER BY chain_seq DESC LIMIT 1) s ON true
        WHERE r.id = $1`,
      [ctx.round.id],
    );
    if (head.status !== 'open') requireRoundOpen({ ...ctx, round: { ...ctx.round, status: head.status as ReplyContext['round']['status'] } });
    const record: SealedRecord = { ...base, chainSeq: (head.seq ?? 0) + 1, prevChainHash: head.hash ?? null };
    const canonical = submissionCanonical(record, items);
    // canonicalJson's output is canonical by construction: buildReceipt's re-parse check is not needed here
    const digest = sha256Hex(canonical);
    const signature = signer.sign(digest);
    const link = chainHash(record.prevChainHash, digest);

    await em.query(
      `WITH s AS (
         INSERT INTO sealed_submission (id, round_id, recipient_id, unit_id, unit_name, revision, supersedes_id, kind, signatory,
                contact_name, contact_phone, acting_unit_id, acting_unit_name, withdrawal_reason, attestation, seals, canonical, digest,
                signature, key_id, chain_seq, prev_chain_hash, chain_hash, tracking_no, sealed_by, sealed_at, deadline_at, late_seconds)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15::jsonb, $16::jsonb, $17, $18, $19, $20, $21, $22, $23,
                 $24, $25, $26, $27, $28)
         RETURNING id
       ), i AS (
         INSERT INTO sealed_item (submission_id, round_id, unit_id, position, clause_id, lineage_key, kind, quote, proposed_text, reason)
         SELECT s.id, $2, $4, t.position, t.clause_id, t.lineage_key, t.kind, t.quote, t.proposed_text, t.reason
           FROM s, unnest($29::int[], $30::uuid[], $31::uuid[], $32::text[], $33::text[], $34::text[], $35::text[])
                AS t(position, clause_id, lineage_key, kind, quote, proposed_text, reason)
         RETURNING 1
       ), r AS (
         UPDATE round_recipient SET status = $36, reply_kind = $37, submitted_at = $26, latest_submission_id = $1 WHERE id = $3 RETURNING 1
       )
       SELECT (SELECT count(*) FROM i) AS items, (SELECT count(*) FROM r) AS recipients`,
      [
        id, record.roundId, ctx.recipient.id, record.unitId, record.unitName, record.revision, record.supersedesId, record.kind, record.signatory,
        record.contactName, record.contactPhone, record.actingUnitId, record.actingUnitName, record.withdrawalReason,
        record.attestation ? JSON.stringify(record.attestation) : null, JSON.stringify(record.seals), canonical, digest,
        signature, signer.keyId(), record.chainSeq, record.prevChainHash, link, record.trackingNo, record.sealedBy, record.sealedAt, record.deadlineAt,
        record.lateSeconds,
        items.map((i) => i.position), items.map((i) => i.clauseId), items.map((i) => i.lineageKey), items.map((i) => i.kind),
        items.map((i) => i.quote), items.map((i) => i.proposedText), items.map((i) => i.reason),
        to, record.kind === 'withdrawal' ? null : record.kind,
      ],
    );

    const audit: AuditInput[] = [
      {
        actorUserId: actor.userId,
        action: 'submission.sealed',
        entityType: 'sealed_submission',
        entityId: id,
        // the chain head is also kept here (append-only), so cutting the chain's tail is detectable
        data: { roundId: record.roundId, unitId: record.unitId, actingUnitId: record.actingUnitId, trackingNo: record.trackingNo, revision: record.revision, kind: record.kind, itemCount: items.length, lateSeconds, chainSeq: record.chainSeq, chainHash: link, digest },
      },
    ];
    if (latest) {
      audit.push({ actorUserId: actor.userId, action: 'submission.superseded', entityType: 'sealed_submission', entityId: latest.id, data: { roundId: record.roundId, unitId: record.unitId, revision: latest.revision, supersededBy: id, byKind: record.kind } });
    }
    if (from !== to) {
      audit.push({ actorUserId: actor.userId, action: 'round_recipient.status_changed', entityType: 'round_recipient', entityId: ctx.recipient.id, data: { roundId: record.roundId, unitId: record.unitId, from, to, event } });
    }
    await recordAudit(em, audit);

    const verifyUrl = `${this.config.publicUrl}/api/v1/receipts/${encodeURIComponent(record.trackingNo)}/verify`;
    const rendered = receiptMail({
      unitName: record.unitName,
      actingUnitName: record.actingUnitName,
      roundTitle: ctx.round.title,
      trackingNo: record.trackingNo,
      revision: record.revision,
      kindLabel: KIND_LABELS[record.kind],
      itemCount: items.length,
      sealedAt: shanghaiText(sealedAt),
      lateText: lateText(lateSeconds),
      signatory: record.signatory,
      digest,
      signature,
      keyId: signer.keyId(),
      verifyUrl,
    });
    if (contacts.length) {
      await this.mail.compose(
        em,
        contacts.map((c, n) => ({ ...rendered, dedupeKey: n === 0 ? `receipt.${id}` : `receipt.${id}.${n + 1}`, purpose: 'receipt', to: c.email, toName: c.name, roundId: record.roundId, unitId: record.unitId })),
      );
    }

    return {
      submissionId: id,
      trackingNo: record.trackingNo,
      revision: record.revision,
      kind: record.kind,
      supersedesId: record.supersedesId,
      itemCount: items.length,
      sealedAt,
      deadlineAt,
      late: lateSeconds > 0,
      lateSeconds,
      receipt: { digest, signature, keyId: signer.keyId(), algorithm: 'Ed25519', canonicalization: CANONICALIZATION, chainSeq: record.chainSeq, prevChainHash: record.prevChainHash, chainHash: link },
      verifyUrl,
    };
  }

  private async clausesOf(em: EntityManager, versionId: string, items: DraftItem[]): Promise<Content['clauses']> {
    const ids = [...new Set(items.map((i) => i.clauseId).filter((id): id is string => !!id))];
    if (!ids.length) return new Map();
    const rows: { id: string; label: string; heading: string; text: string; table_rows: string[][] | null; lineage_key: string }[] = await em.query(
      `SELECT id, label, heading, text, table_rows, lineage_key FROM clause WHERE version_id = $1 AND id = ANY($2::uuid[])`,
      [versionId, ids],
    );
    return new Map(rows.map((r) => [r.id, { id: r.id, label: r.label, heading: r.heading, text: r.text, tableRows: r.table_rows, lineageKey: r.lineage_key }]));
  }

  private async evidenceOf(em: EntityManager, ctx: ReplyContext, ids: string[]): Promise<Map<string, string>> {
    const wanted = [...new Set(ids)];
    const rows: { id: string; sha256: string }[] = wanted.length
      ? await em.query(`SELECT id, sha256 FROM evidence_file WHERE id = ANY($1::uuid[]) AND round_id = $2 AND unit_id = $3`, [wanted, ctx.round.id, ctx.recipient.unitId])
      : [];
    const found = new Map(rows.map((r) => [r.id, r.sha256]));
    const missing = wanted.filter((id) => !found.has(id));
    if (missing.length) {
      throw ruleViolation('EVIDENCE_NOT_FOUND', '所附的盖章文件扫描件不存在，或不是本单位为本轮上传的文件，请重新上传', { evidenceFileIds: missing });
    }
    return found;
  }

  private async latestOf(em: EntityManager, recipientId: string): Promise<{ id: string; revision: number; kind: SealedRecord['kind'] } | undefined> {
    const rows = await em.query(`SELECT id, revision, kind FROM sealed_submission WHERE recipient_id = $1 ORDER BY revision DESC LIMIT 1`, [recipientId]);
    return rows[0];
  }

  private async contactsOf(em: EntityManager, unitIds: string[]): Promise<{ name: string; email: string }[]> {
    return em.query(
      `SELECT DISTINCT ON (lower(email)) name, email FROM unit_contact
        WHERE unit_id = ANY($1::uuid[]) AND coalesce(email, '') <> ''
        ORDER BY lower(email), (unit_id = $2) DESC, is_primary DESC, name`,
      [unitIds, unitIds[0]],
    );
  }
}
