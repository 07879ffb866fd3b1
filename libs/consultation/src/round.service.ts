import { Injectable, Optional } from '@nestjs/common';
import { AccessPolicy, Actor } from '@zq/access';
import { Clock } from '@zq/common';
import { CalendarErrors } from '@zq/calendar';
import { ConsultationErrors } from './errors';
import { DraftingService, LetterFacts } from '@zq/drafting';
import { UnitOfWork } from '@zq/jobs';
import { MailService } from '@zq/mail';
import { recordAudit } from '@zq/persistence';
import { deadlineFromDate, deadlineFromWorkdays, isValidCalendarDate, shanghaiDate, shanghaiDateTime, WorkingCalendar } from '@zq/calendar';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { CityApprovalRule, ConsultationRound, LetterAttachment, RoundStatus, SilenceRule } from './entities/round.entity';
import { LetterAttachmentMaker } from './letter-files';
import { mailRefOf, RoundAttachmentsService } from './round-attachments.service';
import { DEFAULT_CITY_APPROVAL, LetterPrefill, prefillFromLetter, PrefillWarning } from './letter-prefill';
import { letterMail } from './mail/round-mails';
import { UnitMailbox, unitMailboxes } from './recipient-sql';
import { AfterCommit, ReminderPlanner, RoundReminderPolicy } from './reminder-planner';
import { RoundFactsReader } from './round-facts';
import { roundMachine } from './state-machines';

/** What the office may set on a draft round (every field optional on update). */
export interface RoundInput {
  versionId?: string;
  title?: string;
  roundNumber?: number;
  letterText?: string;
  /** YYYY-MM-DD: replies due by the end of that day, Asia/Shanghai */
  deadlineDate?: string;
  /** or: N working days after launch */
  deadlineWorkdays?: number;
  contactName?: string;
  contactPhone?: string;
  sealRequired?: boolean;
  cityApproval?: CityApprovalRule;
  silenceRule?: SilenceRule;
  reminderPolicy?: RoundReminderPolicy;
  escalationEmails?: string[];
  recipientUnitIds?: string[];
}

export interface CoverageReport {
  /** units named as 责任单位 in the draft that are not asked in this round */
  notRecipients: { unitId: string; name: string; clauses: string[] }[];
  /** recipients with no contact e-mail (for a city: none on its offices either) */
  unnotifiable: { unitId: string; name: string }[];
  /** 责任单位 names that matched no unit of the directory (for information) */
  unresolvedNames: { name: string; clauses: string[] }[];
  /** ids the office must acknowledge before launch */
  issueUnitIds: string[];
  acknowledged: boolean;
}

export interface LaunchResult {
  id: string;
  status: RoundStatus;
  launchedAt: string;
  deadline: string;
  deadlineLocal: string;
  recipients: number;
  letters: number;
  reminders: number;
  unnotifiable: { unitId: string; name: string }[];
}

const STATUS_LABEL: Record<RoundStatus, string> = { draft: '草稿', open: '征求中', closed: '已截止', concluded: '已办结' };
const RECIPIENT_KINDS = ['provincial_department', 'prefecture_city', 'city_office'];

@Injectable()
export class RoundService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
    private readonly drafting: DraftingService,
    private readonly calendar: WorkingCalendar,
    private readonly mail: MailService,
    private readonly reminders: ReminderPlanner,
    private readonly facts: RoundFactsReader,
    private readonly attachments: RoundAttachmentsService,
    @Optional() private readonly letterFiles?: LetterAttachmentMaker,
  ) {}

  async create(actor: Actor, input: RoundInput) {
    AccessPolicy.requireOffice(actor);
    if (!input.versionId) throw ConsultationErrors.versionRequired({ field: 'versionId' });
    if (!input.deadlineDate && !input.deadlineWorkdays) {
      throw ConsultationErrors.deadlineRequired({ field: 'deadlineDate' });
    }
    const version = await this.drafting.getVersion(input.versionId);
    const round = await this.uow.run(async (em) => {
      const row = await this.draftRow(em, actor, version, input);
      await em.getRepository(ConsultationRound).insert(row as never);
      await recordAudit(em, { actorUserId: actor.userId, action: 'round.created', entityType: 'consultation_round', entityId: row.id!, data: { versionId: version.id } });
      return row as ConsultationRound;
    });
    return this.get(actor, round.id);
  }

  /**
   * A draft round pre-filled from a letter: from its text (the draft is imported first) or from a
   * version imported earlier with its letter. Never launches: the office reviews, then launches.
   */
  async createFromLetter(actor: Actor, input: { text?: string; versionId?: string }) {
    AccessPolicy.requireOffice(actor);
    if (!input.text && !input.versionId) throw ConsultationErrors.letterRequired({ field: 'text' });
    const importWarnings: PrefillWarning[] = [];
    let versionId = input.versionId;
    if (input.text) {
      const imported = await this.drafting.importDraft(actor, { text: input.text, matchExistingPolicy: true });
      versionId = imported.versionId;
      importWarnings.push(...imported.warnings.map((w) => ({ code: w.code, message: w.message })));
      if (imported.matched) {
        importWarnings.push(
          imported.matched.reusedVersion
            ? { code: 'SAME_AS_VERSION', message: `征求意见稿与已有文件《${imported.matched.policyTitle}》的第${imported.seq}版（${imported.label}）相同，直接使用该版本` }
            : { code: 'NEW_VERSION_OF_POLICY', message: `已有同名文件《${imported.matched.policyTitle}》：征求意见稿已作为它的第${imported.seq}版导入，没有另建文件` },
        );
      }
    }
    const version = await this.drafting.getVersion(versionId!);
    const cities: { id: string }[] = await this.dataSource.query(`SELECT id FROM unit WHERE kind = 'prefecture_city' ORDER BY sort_order, short_name`);
    const prefill = prefillFromLetter({
      source: input.text ?? version.sourceText ?? '',
      versionTitle: version.title,
      versionLabel: version.label,
      facts: (version.letter as LetterFacts | null) ?? null,
      cityUnitIds: cities.map((c) => c.id),
    });
    const id = await this.uow.run(async (em) => {
      const row = await this.draftRow(em, actor, version, fromPrefill(prefill, version.id));
      await em.getRepository(ConsultationRound).insert(row as never);
      await recordAudit(em, { actorUserId: actor.userId, action: 'round.created_from_letter', entityType: 'consultation_round', entityId: row.id!, data: { versionId: version.id, warnings: prefill.warnings.map((w) => w.code) } });
      return row.id!;
    });
    return { round: await this.get(actor, id), warnings: [...importWarnings, ...prefill.warnings], coverage: await this.coverage(actor, id) };
  }

  async update(actor: Actor, id: string, input: RoundInput) {
    AccessPolicy.requireOffice(actor);
    if (!Object.values(input).some((v) => v !== undefined)) throw ConsultationErrors.nothingToUpdate();
    await this.uow.run(async (em) => {
      const round = await this.lockRound(em, id);
      const onlyEscalation = Object.keys(input).every((k) => k === 'escalationEmails');
      // the 电话催办 list may change while the round runs; everything else is fixed at launch
      if (round.status !== 'draft' && !onlyEscalation) throw ConsultationErrors.roundLaunchedOnlyEscalation({ status: round.status });
      const version = input.versionId ? await this.drafting.getVersion(input.versionId, em) : await this.drafting.getVersion(round.versionId, em);
      const patch = await this.draftRow(em, actor, version, input, round);
      delete patch.id;
      delete patch.createdBy;
      await em.getRepository(ConsultationRound).update(id, patch as never);
      await recordAudit(em, { actorUserId: actor.userId, action: 'round.updated', entityType: 'consultation_round', entityId: id, data: { fields: Object.keys(input) } });
    });
    return this.get(actor, id);
  }

  async remove(actor: Actor, id: string): Promise<{ deleted: true }> {
    AccessPolicy.requireOffice(actor);
    return this.uow.run(async (em) => {
      const round = await this.lockRound(em, id);
      if (round.status !== 'draft') throw ConsultationErrors.roundLaunchedCannotDelete({ status: round.status });
      await em.getRepository(ConsultationRound).delete(id);
      await recordAudit(em, { actorUserId: actor.userId, action: 'round.deleted', entityType: 'consultation_round', entityId: id });
      return { deleted: true as const };
    });
  }

  /**
   * The quick picks of the deadline field: today's date (Beijing time: a date before it is in the
   * past) and the date N working days from today for each N, by the Chinese calendar with 调休.
   */
  deadlineOptions(actor: Actor, workdays: number[] = [3, 5, 7, 10]) {
    AccessPolicy.requireOffice(actor);
    const now = this.clock.now();
    return {
      today: shanghaiDate(now),
      options: workdays.map((n) => {
        const deadline = deadlineFromWorkdays(now, n, this.calendar);
        return { workdays: n, deadlineDate: shanghaiDate(deadline), deadlineLocal: shanghaiDateTime(deadline) };
      }),
    };
  }

  async list(actor: Actor, query: { policyId?: string; status?: RoundStatus } = {}) {
    AccessPolicy.requireOffice(actor);
    const rows = await this.dataSource.query(
      `SELECT c.id, c.policy_id AS "policyId", c.version_id AS "versionId", c.round_number AS "roundNumber", c.title, c.status,
              c.deadline, c.launched_at AS "launchedAt", c.closed_at AS "closedAt", c.created_at AS "createdAt",
              CASE WHEN c.status = 'draft' THEN cardinality(c.recipient_unit_ids)
                   ELSE (SELECT count(*)::int FROM round_recipient rr WHERE rr.round_id = c.id) END AS recipients,
              (SELECT count(*)::int FROM round_recipient rr WHERE rr.round_id = c.id AND rr.status IN ('submitted','exempted')) AS replied
         FROM consultation_round c
        WHERE ($1::uuid IS NULL OR c.policy_id = $1) AND ($2::text IS NULL OR c.status = $2)
        ORDER BY c.created_at DESC`,
      [query.policyId ?? null, query.status ?? null],
    );
    return rows.map((r: { status: RoundStatus; deadline: Date }) => ({ ...r, statusLabel: STATUS_LABEL[r.status], deadlineLocal: shanghaiDateTime(r.deadline) }));
  }

  async get(actor: Actor, id: string) {
    AccessPolicy.requireOffice(actor);
    const round = await this.findRound(this.dataSource.manager, id);
    const recipients: { unitId: string; name: string; kind: string }[] = await this.dataSource.query(
      round.status === 'draft'
        ? `SELECT u.id AS "unitId", u.short_name AS name, u.kind FROM unnest($1::uuid[]) WITH ORDINALITY t(id, n) JOIN unit u ON u.id = t.id ORDER BY t.n`
        : `SELECT u.id AS "unitId", u.short_name AS name, u.kind FROM round_recipient rr JOIN unit u ON u.id = rr.unit_id
            WHERE rr.round_id = $1 ORDER BY (u.kind = 'prefecture_city'), u.sort_order, u.short_name`,
      [round.status === 'draft' ? round.recipientUnitIds : round.id],
    );
    return roundView(round, recipients);
  }

  async coverage(actor: Actor, id: string): Promise<CoverageReport> {
    AccessPolicy.requireOffice(actor);
    const round = await this.findRound(this.dataSource.manager, id);
    return this.computeCoverage(this.dataSource.manager, round, await unitMailboxes(this.dataSource.manager, round.recipientUnitIds));
  }

  /** Records that the office has seen the coverage issues and launches anyway. */
  async acknowledgeCoverage(actor: Actor, id: string, unitIds?: string[]): Promise<CoverageReport> {
    AccessPolicy.requireOffice(actor);
    await this.uow.run(async (em) => {
      const round = await this.lockRound(em, id);
      if (round.status !== 'draft') throw ConsultationErrors.roundNotDraft({ status: round.status });
      const report = await this.computeCoverage(em, round, await unitMailboxes(em, round.recipientUnitIds));
      const ids = unitIds ?? report.issueUnitIds;
      const acknowledged = { unitIds: ids, by: actor.userId, at: this.clock.now().toISOString() };
      await em.getRepository(ConsultationRound).update(id, { coverageAcknowledged: acknowledged });
      await recordAudit(em, { actorUserId: actor.userId, action: 'round.coverage_acknowledged', entityType: 'consultation_round', entityId: id, data: { unitIds: ids } });
    });
    return this.coverage(actor, id);
  }

  /**
   * 发出: in one transaction the round opens, its version locks, the recipients, their letters
   * (outbox) and their reminder schedule are written in bulk; after commit the letters go out
   * and the reminders become delayed jobs.
   */
  async launch(actor: Actor, id: string, input: { acknowledgedUnitIds?: string[] } = {}): Promise<LaunchResult> {
    AccessPolicy.requireOffice(actor);
    let handOver: AfterCommit = async () => undefined;
    const result = await this.uow.run(async (em) => {
      const round = await this.lockRound(em, id);
      const status = roundMachine.next(round.status, 'launch');
      const now = this.clock.now();
      if (!round.recipientUnitIds.length) throw ConsultationErrors.roundNoRecipients();
      const deadline = round.deadlineWorkdays ? deadlineFromWorkdays(now, round.deadlineWorkdays, this.calendar) : round.deadline;
      if (deadline.getTime() <= now.getTime()) {
        throw ConsultationErrors.deadlinePassed(shanghaiDateTime(deadline), { deadline: deadline.toISOString() });
      }
      const books = await unitMailboxes(em, round.recipientUnitIds);
      const coverage = await this.computeCoverage(em, round, books, input.acknowledgedUnitIds);
      if (!coverage.acknowledged) {
        throw ConsultationErrors.coverageNotAcknowledged({
          notRecipients: coverage.notRecipients,
          unnotifiable: coverage.unnotifiable,
        });
      }
      await this.drafting.lockVersion(em, round.versionId);
      const recipients: { id: string; unit_id: string }[] = await em.query(
        `INSERT INTO round_recipient (round_id, unit_id) SELECT $1, unnest($2::uuid[]) RETURNING id, unit_id`,
        [id, round.recipientUnitIds],
      );
      // every recipient shares the round's deadline: the reminders library plans them all at once
      // and queues them right after commit
      const planned = await this.reminders.planned(em, {
        roundId: id,
        recipients: recipients.map((r) => ({ recipientId: r.id, unitId: r.unit_id })),
        policy: round.reminderPolicy as unknown as RoundReminderPolicy,
        deadline,
        launchedAt: now,
      });
      handOver = planned.afterCommit;

      const launched = { ...round, deadline, status } as ConsultationRound;
      const facts = await this.facts.read(em, launched);
      // 附件: the draft as Word and the 反馈意见表 first, then the office's files; each letter references them
      const generated = this.letterFiles ? await this.letterFiles.make(actor, { id, versionId: round.versionId, title: round.title, deadline, cityApprovalRequired: !!round.cityApproval?.required }) : [];
      const made = await this.attachments.store(em, id, generated, actor.userId);
      const files = [...made, ...round.letterAttachments.filter((a): a is LetterAttachment & { id: string } => !!a.id)].map(mailRefOf);
      const letters = round.recipientUnitIds.flatMap((unitId) => {
        const book = books.get(unitId);
        if (!book?.emails.length) return [];
        const rendered = letterMail({ ...facts, unitName: book.name, forCity: book.kind === 'prefecture_city', attachmentNames: files.map((f) => f.filename) });
        return [{ ...rendered, dedupeKey: `letter.${id}.${unitId}`, purpose: 'letter', to: book.emails.join(', '), roundId: id, unitId, attachments: files }];
      });
      await this.mail.compose(em, letters);

      const acknowledged = { unitIds: coverage.issueUnitIds, by: actor.userId, at: now.toISOString() };
      await em.getRepository(ConsultationRound).update(id, { status, launchedAt: now, deadline, coverageAcknowledged: acknowledged });
      await recordAudit(em, {
        actorUserId: actor.userId,
        action: 'round.launched',
        entityType: 'consultation_round',
        entityId: id,
        data: { recipients: round.recipientUnitIds.length, letters: letters.length, reminders: planned.reminders, deadline: deadline.toISOString(), acknowledged: coverage.issueUnitIds },
      });
      return {
        id,
        status,
        launchedAt: now.toISOString(),
        deadline: deadline.toISOString(),
        deadlineLocal: shanghaiDateTime(deadline),
        recipients: round.recipientUnitIds.length,
        letters: letters.length,
        reminders: planned.reminders,
        unnotifiable: coverage.unnotifiable,
      };
    });
    await handOver();
    return result;
  }

  async close(actor: Actor, id: string) {
    return this.transition(actor, id, 'close');
  }

  async reopen(actor: Actor, id: string) {
    return this.transition(actor, id, 'reopen');
  }

  private async transition(actor: Actor, id: string, event: 'close' | 'reopen') {
    AccessPolicy.requireOffice(actor);
    await this.uow.run(async (em) => {
      const round = await this.lockRound(em, id);
      const status = roundMachine.next(round.status, event);
      await em.getRepository(ConsultationRound).update(id, { status, closedAt: event === 'close' ? this.clock.now() : null });
      await recordAudit(em, { actorUserId: actor.userId, action: `round.${event === 'close' ? 'closed' : 'reopened'}`, entityType: 'consultation_round', entityId: id, data: { from: round.status, to: status } });
    });
    this.reminders.roundStatusChanged(id);
    return this.get(actor, id);
  }

  /** 办结 (called by adoption in its transaction, the round locked): closed → concluded. */
  async markConcluded(em: EntityManager, id: string, from: RoundStatus, at: Date): Promise<RoundStatus> {
    const status = roundMachine.next(from, 'conclude');
    await em.query(`UPDATE consultation_round SET status = $2, concluded_at = $3 WHERE id = $1`, [id, status, at]);
    return status;
  }

  /** Links a round to the round it follows (下一轮征求意见), in the caller's transaction. */
  async linkPrevious(em: EntityManager, id: string, previousRoundId: string): Promise<void> {
    await em.query(`UPDATE consultation_round SET previous_round_id = $2 WHERE id = $1`, [id, previousRoundId]);
  }

  private async computeCoverage(em: EntityManager, round: ConsultationRound, books: Map<string, UnitMailbox>, extraAcknowledged: string[] = []): Promise<CoverageReport> {
    const recipients = new Set(round.recipientUnitIds);
    const clauses = await this.drafting.listClauses(round.versionId, em);
    const named = new Map<string, string[]>();
    const unresolved = new Map<string, string[]>();
    for (const c of clauses) {
      const ref = `${c.label}${c.heading || c.text.slice(0, 20)}`.trim();
      for (const r of c.responsibilities) {
        const bucket = r.unitId ? named : unresolved;
        const key = r.unitId ?? r.name;
        const refs = bucket.get(key) ?? [];
        if (!refs.includes(ref)) refs.push(ref);
        bucket.set(key, refs);
      }
    }
    const units: { id: string; short_name: string; kind: string; parent_id: string | null }[] = named.size
      ? await em.query(`SELECT id, short_name, kind, parent_id FROM unit WHERE id = ANY($1::uuid[])`, [[...named.keys()]])
      : [];
    const notRecipients = units
      // the office itself, and a city office whose city is asked, need no letter of their own
      .filter((u) => u.kind !== 'organizer' && !recipients.has(u.id) && !(u.parent_id && recipients.has(u.parent_id)))
      .map((u) => ({ unitId: u.id, name: u.short_name, clauses: named.get(u.id)! }))
      .sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'));
    const unnotifiable = round.recipientUnitIds
      .filter((unitId) => !books.get(unitId)?.emails.length)
      .map((unitId) => ({ unitId, name: books.get(unitId)?.name ?? unitId }));
    const issueUnitIds = [...notRecipients.map((u) => u.unitId), ...unnotifiable.map((u) => u.unitId)];
    const stored = (round.coverageAcknowledged as { unitIds?: string[] } | null)?.unitIds ?? [];
    const acknowledgedIds = new Set([...stored, ...extraAcknowledged]);
    return {
      notRecipients,
      unnotifiable,
      unresolvedNames: [...unresolved].map(([name, refs]) => ({ name, clauses: refs })),
      issueUnitIds,
      acknowledged: issueUnitIds.every((u) => acknowledgedIds.has(u)),
    };
  }

  /** Builds (or patches) a draft row from the input, checking every rule the office could get wrong. */
  private async draftRow(
    em: EntityManager,
    actor: Actor,
    version: { id: string; policyId: string; title: string },
    input: RoundInput,
    existing?: ConsultationRound,
  ): Promise<Partial<ConsultationRound>> {
    const row: Partial<ConsultationRound> = existing ? {} : { id: randomUUID(), createdBy: actor.userId, status: 'draft' };
    if (!existing || input.versionId) {
      row.versionId = version.id;
      row.policyId = version.policyId;
    }
    if (!existing || input.roundNumber !== undefined) {
      if (input.roundNumber !== undefined && (!Number.isInteger(input.roundNumber) || input.roundNumber < 1)) {
        throw ConsultationErrors.roundNumberInvalid({ field: 'roundNumber' });
      }
      row.roundNumber = input.roundNumber ?? (await this.nextRoundNumber(em, version.policyId));
    }
    if (!existing || input.title !== undefined) row.title = input.title?.trim() || `关于征求《${version.title}》意见的函`;
    if (input.letterText !== undefined || !existing) row.letterText = input.letterText ?? '';
    if (input.deadlineDate !== undefined || input.deadlineWorkdays !== undefined) {
      if (input.deadlineDate !== undefined && input.deadlineWorkdays !== undefined) {
        throw ConsultationErrors.deadlineAmbiguous({ field: 'deadlineDate' });
      }
      if (input.deadlineDate !== undefined) {
        if (!isValidCalendarDate(input.deadlineDate)) throw CalendarErrors.invalidCalendarDate(input.deadlineDate, { field: 'deadlineDate' });
        row.deadline = deadlineFromDate(input.deadlineDate);
        row.deadlineWorkdays = null;
      } else {
        // a preview from today; launch fixes it from the launch date
        row.deadline = deadlineFromWorkdays(this.clock.now(), input.deadlineWorkdays!, this.calendar);
        row.deadlineWorkdays = input.deadlineWorkdays!;
      }
    }
    if (input.contactName !== undefined || !existing) row.contactName = input.contactName?.trim() ?? '';
    if (input.contactPhone !== undefined || !existing) row.contactPhone = input.contactPhone?.trim() ?? '';
    if (input.sealRequired !== undefined || !existing) row.sealRequired = input.sealRequired ?? true;
    if (input.cityApproval !== undefined || !existing) row.cityApproval = checkCityApproval(input.cityApproval ?? DEFAULT_CITY_APPROVAL);
    if (input.silenceRule !== undefined || !existing) row.silenceRule = input.silenceRule ?? 'no_comment_must_be_written';
    if (input.reminderPolicy !== undefined || !existing) {
      row.reminderPolicy = JSON.parse(JSON.stringify(this.reminders.policy(input.reminderPolicy)));
    }
    if (input.escalationEmails !== undefined || !existing) row.escalationEmails = [...new Set((input.escalationEmails ?? []).map((e) => e.trim().toLowerCase()))];
    if (input.recipientUnitIds !== undefined || !existing) row.recipientUnitIds = await this.checkRecipients(em, input.recipientUnitIds ?? []);
    return row;
  }

  private async checkRecipients(em: EntityManager, unitIds: string[]): Promise<string[]> {
    const ids = [...new Set(unitIds)];
    if (!ids.length) return [];
    const found: { id: string; kind: string }[] = await em.query(`SELECT id, kind FROM unit WHERE id = ANY($1::uuid[])`, [ids]);
    const kinds = new Map(found.map((u) => [u.id, u.kind]));
    const missing = ids.filter((id) => !kinds.has(id));
    if (missing.length) throw ConsultationErrors.unitsNotInDirectory(missing.length, { field: 'recipientUnitIds', unitIds: missing });
    const wrong = ids.filter((id) => !RECIPIENT_KINDS.includes(kinds.get(id)!));
    if (wrong.length) throw ConsultationErrors.recipientKindInvalid({ field: 'recipientUnitIds', unitIds: wrong });
    return ids;
  }

  private async nextRoundNumber(em: EntityManager, policyId: string): Promise<number> {
    const [{ n }] = await em.query(`SELECT coalesce(max(round_number), 0) + 1 AS n FROM consultation_round WHERE policy_id = $1`, [policyId]);
    return Number(n);
  }

  private async findRound(em: EntityManager, id: string): Promise<ConsultationRound> {
    const round = await em.getRepository(ConsultationRound).findOne({ where: { id } });
    if (!round) throw ConsultationErrors.roundNotFound({ id });
    return round;
  }

  private async lockRound(em: EntityManager, id: string): Promise<ConsultationRound> {
    const round = await em.getRepository(ConsultationRound).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!round) throw ConsultationErrors.roundNotFound({ id });
    return round;
  }
}

function fromPrefill(p: LetterPrefill, versionId: string): RoundInput {
  return {
    versionId,
    title: p.title,
    ...(p.roundNumber ? { roundNumber: p.roundNumber } : {}),
    letterText: p.letterText,
    ...(p.deadlineDate ? { deadlineDate: p.deadlineDate } : { deadlineWorkdays: p.deadlineWorkdays! }),
    contactName: p.contactName,
    contactPhone: p.contactPhone,
    sealRequired: p.sealRequired,
    cityApproval: p.cityApproval,
    silenceRule: p.silenceRule,
    recipientUnitIds: p.recipientUnitIds,
  };
}

function checkCityApproval(rule: CityApprovalRule): CityApprovalRule {
  const seals = ['construction_authority', 'beautiful_towns_office', 'general_office'];
  if (rule.required && !rule.generalOfficeSuffices && !rule.requiredSeals.length) {
    throw ConsultationErrors.cityApprovalRuleInvalid({ field: 'cityApproval' });
  }
  if (rule.requiredSeals.some((s) => !seals.includes(s))) throw ConsultationErrors.citySealKindInvalid({ field: 'cityApproval.requiredSeals' });
  return { required: rule.required, generalOfficeSuffices: rule.generalOfficeSuffices, requiredSeals: [...new Set(rule.requiredSeals)] };
}

export function roundView(round: ConsultationRound, recipients: { unitId: string; name: string; kind: string }[]) {
  return {
    id: round.id,
    policyId: round.policyId,
    versionId: round.versionId,
    roundNumber: round.roundNumber,
    title: round.title,
    letterText: round.letterText,
    status: round.status,
    statusLabel: STATUS_LABEL[round.status],
    deadline: round.deadline.toISOString(),
    deadlineLocal: shanghaiDateTime(round.deadline),
    deadlineDate: shanghaiDate(round.deadline),
    deadlineWorkdays: round.deadlineWorkdays,
    contact: { name: round.contactName, phone: round.contactPhone },
    rules: { sealRequired: round.sealRequired, cityApproval: round.cityApproval, silenceRule: round.silenceRule },
    reminderPolicy: round.reminderPolicy,
    escalationEmails: round.escalationEmails,
    coverageAcknowledged: round.coverageAcknowledged,
    recipients,
    recipientCount: recipients.length,
    createdAt: round.createdAt,
    launchedAt: round.launchedAt,
    closedAt: round.closedAt,
  };
}
