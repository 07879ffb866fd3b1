import { Inject, Injectable } from '@nestjs/common';
import { AccessPolicy, Actor, isOffice } from '@zq/access';
import { Clock, conflict, forbidden, notFound, ruleViolation } from '@zq/common';
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
import { KeyedGate } from './keyed-gate';
import { ReceiptKeyService } from './receipt-key.service';
import { replyingUnitIds, ReplyContext, requireRoundOpen } from './reply-context';
import { AttestationRequest, checkApproval, checkItems, CityOfficeRole, resolveSeals, RuleClause, RuleUnit, SealRequest } from './rules/reply-rules';

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
  withdrawalReason: string | null;
}

type SealClause = RuleClause & { lineageKey: string };

interface SealContext {
  ctx: ReplyContext;
  units: { recipient: RuleUnit; acting: RuleUnit; cityOffices: RuleUnit[] };
  draft: { kind: 'with_comments' | 'no_comment'; items: DraftItem[]; version: number } | null;
  latest: { id: string; revision: number; kind: SealedRecord['kind'] } | null;
  clauses: Map<string, SealClause>;
  /** evidence file id → SHA-256, only this unit's files of this round */
  evidence: Map<string, string>;
  contacts: { name: string; email: string }[];
  trackingSeq: string;
}

interface SealContextRow {
  round_id: string;
  title: string;
  round_number: number;
  round_status: ReplyContext['round']['status'];
  version_id: string;
  deadline: Date;
  silence_rule: string;
  seal_required: boolean;
  city_approval: { required?: boolean; generalOfficeSuffices?: boolean; requiredSeals?: string[] } | null;
  recipient_id: string;
  unit_id: string;
  recipient_status: ReplyContext['recipient']['status'];
  reply_kind: ReplyContext['recipient']['replyKind'];
  deadline_override: Date | null;
  latest_submission_id: string | null;
  draft: SealContext['draft'];
  latest: SealContext['latest'];
  units: RuleUnit[] | null;
  clauses: SealClause[] | null;
  evidence: Record<string, string> | null;
  contacts: { name: string; email: string }[] | null;
  tracking_seq: string;
}

/**
 * 加盖公章: turns a unit's draft into a sealed submission in one transaction: rules checked, canonical
 * JSON signed, linked into the round's hash chain, rows written once and never changed, 回执 mailed.
 */
@Injectable()
export class SealingService {
  /** a few seals per round prepare while one appends to the chain; more would only queue in PostgreSQL */
  private readonly gate = new KeyedGate(4);

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
    return this.gate.run(roundId, () => this.uow.run(async (em) => {
      const sc = await this.sealContext(em, actor, roundId, input.seals);
      requireRoundOpen(sc.ctx);
      const draft = sc.draft;
      if (!draft) throw ruleViolation('REPLY_EMPTY', '尚未填写反馈：请先保存反馈意见，或选择“无意见”后再盖章提交');
      if (draft.version !== input.draftVersion) {
        throw conflict('DRAFT_VERSION_CONFLICT', `反馈草稿在您审阅后又被修改（当前第 ${draft.version} 版），请重新审阅后再盖章提交`, {
          baseVersion: input.draftVersion,
          currentVersion: draft.version,
        });
      }
      checkItems(draft.kind, draft.items, sc.clauses);
      return this.sealInTransaction(em, actor, sc, input, { kind: draft.kind, items: draft.items, withdrawalReason: null }, signer);
    }));
  }

  /** 撤回: only by a new sealed revision saying so; the withdrawn reply stays on record. */
  async withdraw(actor: Actor, roundId: string, input: WithdrawInput): Promise<SealedReceipt> {
    AccessPolicy.requireApprover(actor);
    const signer = await this.keys.signer();
    return this.gate.run(roundId, () => this.uow.run(async (em) => {
      const sc = await this.sealContext(em, actor, roundId, input.seals);
      requireRoundOpen(sc.ctx);
      if (!sc.latest || sc.ctx.recipient.status !== 'submitted' || sc.latest.kind === 'withdrawal') {
        throw ruleViolation('NOTHING_TO_WITHDRAW', '本单位没有可撤回的已提交反馈', { status: sc.ctx.recipient.status, latestKind: sc.latest?.kind ?? null });
      }
      return this.sealInTransaction(em, actor, sc, input, { kind: 'withdrawal', items: [], withdrawalReason: input.reason.normalize('NFC').trim() }, signer);
    }));
  }

  private async sealInTransaction(em: EntityManager, actor: Actor, sc: SealContext, signoff: SealSignoff, content: Content, signer: ReceiptSigner): Promise<SealedReceipt> {
    const { ctx, units, latest } = sc;
    const sealedAt = this.clock.now();
    const resolved = resolveSeals(signoff.seals, units.recipient, units.cityOffices);
    const missingEvidence = [...new Set(resolved.map((s) => s.evidenceFileId))].filter((id) => !sc.evidence.has(id));
    if (missingEvidence.length) {
      throw ruleViolation('EVIDENCE_NOT_FOUND', '所附的盖章文件扫描件不存在，或不是本单位为本轮上传的文件，请重新上传', { evidenceFileIds: missingEvidence });
    }
    const { attestation } = checkApproval({ rules: ctx.round.rules, recipient: units.recipient, acting: units.acting, cityOffices: units.cityOffices, attestation: signoff.attestation, seals: resolved });

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
    const id = randomUUID();
    const items: SealedItemRecord[] = content.items.map((item, index) => ({
      position: index + 1,
      clauseId: item.clauseId,
      lineageKey: item.clauseId ? (sc.clauses.get(item.clauseId)?.lineageKey ?? null) : null,
      kind: item.kind,
      quote: item.quote.normalize('NFC'),
      proposedText: item.proposedText.normalize('NFC'),
      reason: item.reason.normalize('NFC'),
    }));
    const base = {
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
      signatory: signoff.signatory.normalize('NFC').trim(),
      contactName: signoff.contactName.normalize('NFC').trim(),
      contactPhone: signoff.contactPhone.normalize('NFC').trim(),
      sealedBy: actor.userId,
      sealedAt,
      deadlineAt,
      lateSeconds,
    };

    // Everything that does not depend on the chain position is written before the chain is locked.
    const audit: AuditInput[] = [
      {
        actorUserId: actor.userId,
        action: 'submission.sealed',
        entityType: 'sealed_submission',
        entityId: id,
        data: { roundId: base.roundId, unitId: base.unitId, actingUnitId: base.actingUnitId, trackingNo: base.trackingNo, revision: base.revision, kind: base.kind, itemCount: items.length, lateSeconds },
      },
    ];
    if (latest) {
      audit.push({ actorUserId: actor.userId, action: 'submission.superseded', entityType: 'sealed_submission', entityId: latest.id, data: { roundId: base.roundId, unitId: base.unitId, revision: latest.revision, supersededBy: id, byKind: base.kind } });
    }
    if (from !== to) {
      audit.push({ actorUserId: actor.userId, action: 'round_recipient.status_changed', entityType: 'round_recipient', entityId: ctx.recipient.id, data: { roundId: base.roundId, unitId: base.unitId, from, to, event } });
    }
    await recordAudit(em, audit);

    // The round's chain grows one seal at a time: zq_lock_chain takes the round's advisory lock (held to
    // commit) and only then reads the head, so it sees the previous holder's commit.
    const [head]: { status: string; seq: number | null; hash: string | null }[] = await em.query(
      `SELECT round_status AS status, chain_seq AS seq, chain_hash AS hash FROM zq_lock_chain($1)`,
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

    const verifyUrl = `${this.config.publicUrl}/api/v1/receipts/${encodeURIComponent(record.trackingNo)}/verify`;
    if (sc.contacts.length) {
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
      await this.mail.compose(
        em,
        sc.contacts.map((c, n) => ({ ...rendered, dedupeKey: n === 0 ? `receipt.${id}` : `receipt.${id}.${n + 1}`, purpose: 'receipt', to: c.email, toName: c.name, roundId: record.roundId, unitId: record.unitId })),
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

  /**
   * Everything sealing reads, in one statement: the recipient row (locked, so one unit's seals run one
   * at a time), its round, draft and latest revision, the units involved, the draft's clauses, the
   * evidence named, the contacts for the 回执, and a tracking sequence number.
   */
  private async sealContext(em: EntityManager, actor: Actor, roundId: string, seals: SealRequest[]): Promise<SealContext> {
    if (isOffice(actor)) throw forbidden('UNIT_USER_ONLY', '征求意见发起单位不能代替各单位盖章提交');
    const evidenceIds = [...new Set(seals.map((s) => s.evidenceFileId))];
    const [row]: SealContextRow[] = await em.query(
      `WITH ctx AS (
         SELECT r.id AS round_id, r.title, r.round_number, r.status AS round_status, r.version_id, r.deadline, r.silence_rule,
                r.seal_required, r.city_approval, rr.id AS recipient_id, rr.unit_id, rr.status AS recipient_status, rr.reply_kind,
                rr.deadline_override, rr.latest_submission_id
           FROM round_recipient rr JOIN consultation_round r ON r.id = rr.round_id
          WHERE rr.round_id = $1 AND rr.unit_id = ANY($2::uuid[]) AND r.status <> 'draft'
          ORDER BY (rr.unit_id = $3) DESC
          LIMIT 1
          FOR UPDATE OF rr
       )
       SELECT ctx.*,
              (SELECT json_build_object('kind', d.kind, 'items', d.items, 'version', d.version) FROM feedback_draft d WHERE d.recipient_id = ctx.recipient_id) AS draft,
              (SELECT json_build_object('id', s.id, 'revision', s.revision, 'kind', s.kind) FROM sealed_submission s
                WHERE s.recipient_id = ctx.recipient_id ORDER BY s.revision DESC LIMIT 1) AS latest,
              (SELECT json_agg(json_build_object('id', u.id, 'kind', u.kind, 'shortName', u.short_name, 'officeRole', u.office_role, 'parentId', u.parent_id))
                 FROM unit u WHERE u.id = ctx.unit_id OR u.id = $3 OR u.parent_id = ctx.unit_id) AS units,
              (SELECT json_agg(json_build_object('id', c.id, 'label', c.label, 'heading', c.heading, 'text', c.text, 'tableRows', c.table_rows, 'lineageKey', c.lineage_key))
                 FROM clause c
                WHERE c.version_id = ctx.version_id
                  AND c.id IN (SELECT (e->>'clauseId')::uuid FROM feedback_draft d, jsonb_array_elements(d.items) e
                                WHERE d.recipient_id = ctx.recipient_id AND coalesce(e->>'clauseId', '') <> '')) AS clauses,
              (SELECT json_object_agg(f.id, f.sha256) FROM evidence_file f
                WHERE f.id = ANY($4::uuid[]) AND f.round_id = ctx.round_id AND f.unit_id = ctx.unit_id) AS evidence,
              (SELECT json_agg(json_build_object('name', k.name, 'email', k.email)) FROM (
                 SELECT DISTINCT ON (lower(uc.email)) uc.name, uc.email FROM unit_contact uc
                  WHERE uc.unit_id IN ($3, ctx.unit_id) AND coalesce(uc.email, '') <> ''
                  ORDER BY lower(uc.email), uc.is_primary DESC, uc.name) k) AS contacts,
              nextval('sealed_submission_tracking_seq') AS tracking_seq
         FROM ctx`,
      [roundId, replyingUnitIds(actor), actor.unitId, evidenceIds],
    );
    if (!row) throw notFound('ROUND_NOT_FOUND', '征求意见轮次不存在，或本单位不在本轮征求范围内', { roundId });
    const units = (row.units ?? []) as RuleUnit[];
    const recipient = units.find((u) => u.id === row.unit_id)!;
    const acting = units.find((u) => u.id === actor.unitId) ?? recipient;
    return {
      ctx: {
        round: {
          id: row.round_id,
          title: row.title,
          roundNumber: row.round_number,
          status: row.round_status,
          versionId: row.version_id,
          deadline: row.deadline,
          silenceRule: row.silence_rule,
          rules: {
            sealRequired: row.seal_required,
            cityApproval: {
              required: !!row.city_approval?.required,
              generalOfficeSuffices: !!row.city_approval?.generalOfficeSuffices,
              requiredSeals: (row.city_approval?.requiredSeals ?? []) as CityOfficeRole[],
            },
          },
        },
        recipient: {
          id: row.recipient_id,
          unitId: row.unit_id,
          status: row.recipient_status,
          replyKind: row.reply_kind,
          deadlineOverride: row.deadline_override,
          latestSubmissionId: row.latest_submission_id,
          effectiveDeadline: row.deadline_override ?? row.deadline,
        },
      },
      units: {
        recipient,
        acting,
        cityOffices: recipient.kind === 'prefecture_city' ? units.filter((u) => u.parentId === recipient.id && u.kind === 'city_office') : [],
      },
      draft: row.draft,
      latest: row.latest,
      clauses: new Map((row.clauses ?? []).map((c) => [c.id, c])),
      evidence: new Map(Object.entries(row.evidence ?? {})),
      contacts: row.contacts ?? [],
      trackingSeq: row.tracking_seq,
    };
  }
}
