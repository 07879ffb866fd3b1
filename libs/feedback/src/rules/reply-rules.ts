import { FeedbackErrors } from '../errors';
import { nfc } from '@zq/common';
import type { DraftItem, ItemKind } from '../entities/feedback.entity';

/** The seal roles a reply can carry: the replying unit's own, or one of a city's three offices. */
export type SealRole = 'unit' | 'general_office' | 'construction_authority' | 'beautiful_towns_office';
export type CityOfficeRole = Exclude<SealRole, 'unit'>;

/** What the rules need to know about a unit (a recipient, the acting unit, a city office). */
export interface RuleUnit {
  id: string;
  kind: 'organizer' | 'provincial_department' | 'prefecture_city' | 'city_office';
  shortName: string;
  officeRole: CityOfficeRole | null;
  parentId: string | null;
}

/** The rules a round sets for replies (a subset of ConsultationRound). */
export interface RoundReplyRules {
  sealRequired: boolean;
  cityApproval: { required: boolean; generalOfficeSuffices: boolean; requiredSeals: CityOfficeRole[] };
}

export interface SealRequest {
  unitId?: string;
  role?: SealRole;
  evidenceFileId: string;
}

export interface ResolvedSeal {
  unitId: string;
  unitName: string;
  role: SealRole;
  evidenceFileId: string;
}

export interface AttestationRequest {
  channel: 'general_office' | 'department';
  statement?: string | null;
}

export interface ApprovalInput {
  rules: RoundReplyRules;
  /** the unit the round asked (a provincial department or a prefecture city) */
  recipient: RuleUnit;
  /** the unit whose user seals (the recipient itself, or one of its city offices) */
  acting: RuleUnit;
  /** the recipient city's offices (empty for a provincial unit) */
  cityOffices: RuleUnit[];
  attestation: AttestationRequest | null | undefined;
  seals: ResolvedSeal[];
}

export interface ApprovalOutcome {
  /** what is sealed for a city (channel and statement), null for other units */
  attestation: { channel: 'general_office' | 'department'; statement: string | null } | null;
}

const ROLE_NAMES: Record<CityOfficeRole, string> = {
  general_office: '市政府办公厅（室）',
  construction_authority: '市建设主管部门（建委/建设局）',
  beautiful_towns_office: '市美丽城镇办',
};

/** 经市政府同意, also as 经杭州市人民政府同意 and the like; whitespace is ignored. */
const APPROVAL_STATEMENT = /经[\p{Script=Han}]{0,8}?市(?:人民)?政府同意/u;

export function hasCityApprovalStatement(statement: string | null | undefined): boolean {
  return typeof statement === 'string' && APPROVAL_STATEMENT.test(normalizeSpan(statement));
}

/**
 * Maps each requested seal to a unit of the replying side: the recipient itself (role 'unit') or one
 * of its city's offices. A seal of any other unit is refused, so a reply cannot borrow a stranger's seal.
 */
export function resolveSeals(requests: SealRequest[], recipient: RuleUnit, cityOffices: RuleUnit[]): ResolvedSeal[] {
  return requests.map((request, index) => {
    let unit: RuleUnit | undefined;
    if (request.unitId) {
      unit = request.unitId === recipient.id ? recipient : cityOffices.find((o) => o.id === request.unitId);
    } else if (request.role === 'unit') {
      unit = recipient;
    } else if (request.role) {
      unit = cityOffices.find((o) => o.officeRole === request.role);
    } else {
      throw FeedbackErrors.sealInvalid(index + 1, { index });
    }
    const role: SealRole | undefined = unit ? (unit.id === recipient.id ? 'unit' : (unit.officeRole ?? undefined)) : undefined;
    if (!unit || !role || (request.role && request.role !== role)) {
      throw FeedbackErrors.sealUnitInvalid(index + 1, recipient.shortName, {
        index,
        unitId: request.unitId ?? null,
        role: request.role ?? null,
      });
    }
    return { unitId: unit.id, unitName: unit.shortName, role, evidenceFileId: request.evidenceFileId };
  });
}

/**
 * The round's sealing and city-approval rules (经市政府同意): a city's reply is approved when its
 * general office sends it (if the round lets that suffice), or when it states 经市政府同意 and
 * carries the seals of the offices the round names. Other units seal with their own seal.
 */
export function checkApproval(input: ApprovalInput): ApprovalOutcome {
  const { rules, recipient, acting, cityOffices, attestation, seals } = input;
  const isCity = recipient.kind === 'prefecture_city';
  if (!isCity) {
    if (attestation) {
      throw FeedbackErrors.attestationNotApplicable({ unit: recipient.shortName });
    }
    if (rules.sealRequired) requireSeals([{ unitId: recipient.id, unitName: recipient.shortName }], seals);
    return { attestation: null };
  }

  const viaGeneralOffice = acting.officeRole === 'general_office';
  if (attestation?.channel === 'general_office' && !viaGeneralOffice) {
    throw FeedbackErrors.attestationChannelInvalid(recipient.shortName, { actingUnit: acting.shortName });
  }
  const statement = attestation?.statement?.trim() ? attestation.statement.trim() : null;
  const channel = viaGeneralOffice ? 'general_office' : 'department';
  const actingSeal = { unitId: acting.id, unitName: acting.shortName };

  if (!rules.cityApproval.required) {
    if (rules.sealRequired) requireSeals([actingSeal], seals);
    return { attestation: attestation ? { channel, statement } : null };
  }
  if (viaGeneralOffice && rules.cityApproval.generalOfficeSuffices) {
    if (rules.sealRequired) requireSeals([actingSeal], seals);
    return { attestation: { channel, statement } };
  }
  if (!hasCityApprovalStatement(statement)) {
    const sealNames = rules.cityApproval.requiredSeals.map((r) => officeName(recipient, cityOffices, r)).join('和');
    const ways = rules.cityApproval.generalOfficeSuffices
      ? `请由${recipient.shortName}政府办公厅（室）报送，或注明“经市政府同意”${sealNames ? `并加盖${sealNames}的公章` : ''}`
      : `请注明“经市政府同意”${sealNames ? `并加盖${sealNames}的公章` : ''}`;
    throw FeedbackErrors.cityApprovalRequired(recipient.shortName, ways, {
      unit: recipient.shortName,
      actingUnit: acting.shortName,
      generalOfficeSuffices: rules.cityApproval.generalOfficeSuffices,
      requiredSeals: rules.cityApproval.requiredSeals,
    });
  }
  const required: { unitId: string | null; unitName: string; role: SealRole }[] = rules.cityApproval.requiredSeals.map((role) => {
    const office = cityOffices.find((o) => o.officeRole === role);
    return { unitId: office?.id ?? null, unitName: officeName(recipient, cityOffices, role), role };
  });
  if (rules.sealRequired && !required.some((r) => r.unitId === acting.id)) required.unshift({ ...actingSeal, role: acting.officeRole ?? 'unit' });
  requireSeals(required, seals);
  return { attestation: { channel, statement } };
}

function officeName(city: RuleUnit, offices: RuleUnit[], role: CityOfficeRole): string {
  return offices.find((o) => o.officeRole === role)?.shortName ?? `${city.shortName}${ROLE_NAMES[role].replace(/^市/, '')}`;
}

function requireSeals(required: { unitId: string | null; unitName: string; role?: string }[], seals: ResolvedSeal[]): void {
  const missing = required.filter((r) => !seals.some((s) => s.unitId === r.unitId));
  if (missing.length === 0) return;
  throw FeedbackErrors.sealMissing(missing.map((m) => m.unitName).join('、'), {
    missing: missing.map((m) => ({ unitId: m.unitId, unitName: m.unitName, ...(m.role ? { role: m.role } : {}) })),
  });
}

/** What an item must say for its kind: 修改 needs 原文 and 建议修改为, 删除 the 原文, 新增 the new text. */
const ITEM_NEEDS: Record<ItemKind, { quote: boolean; proposed: boolean; label: string }> = {
  modify: { quote: true, proposed: true, label: '修改' },
  delete: { quote: true, proposed: false, label: '删除' },
  add: { quote: false, proposed: true, label: '新增' },
  other: { quote: false, proposed: false, label: '其他' },
};

export interface RuleClause {
  id: string;
  label: string;
  heading: string;
  text: string;
  tableRows?: string[][] | null;
}

/** Whitespace (incl. the ideographic space) is layout, not wording: ignored when matching 原文. */
export function normalizeSpan(text: string): string {
  return nfc(text).replace(/[\s\u3000]+/gu, '');
}

/** Is the quote a span of the clause (its heading, text or table cells), whitespace aside? */
export function quoteInClause(quote: string, clause: RuleClause, spans = clauseSpans(clause)): boolean {
  const needle = normalizeSpan(quote);
  return !needle || spans.some((part) => part.includes(needle));
}

/** The clause's quotable texts, normalised once (a reply may quote the same clause many times). */
export function clauseSpans(clause: RuleClause): string[] {
  const cells = (clause.tableRows ?? []).flat();
  return [clause.heading + clause.text, ...cells].map(normalizeSpan);
}

/**
 * Checks a reply's items against the round's version before it is sealed; throws the first problem,
 * naming the item (1-based, as the unit sees them). `spans` caches clauseSpans by clause id: replies
 * checked together against the same clauses can share one.
 */
export function checkItems(
  kind: 'with_comments' | 'no_comment',
  items: DraftItem[],
  clauses: Map<string, RuleClause>,
  spans = new Map<string, string[]>(),
): void {
  if (kind === 'no_comment') {
    if (items.length > 0) {
      throw FeedbackErrors.noCommentHasItems(items.length, {
        itemCount: items.length,
      });
    }
    return;
  }
  const substantive = items.filter((i) => [i.quote, i.proposedText, i.reason].some((s) => s?.trim()));
  if (substantive.length === 0) {
    throw FeedbackErrors.replyEmpty({ itemCount: items.length });
  }
  items.forEach((item, index) => {
    const n = index + 1;
    const where = { index, key: item.key };
    if (item.clauseId !== null) {
      const clause = clauses.get(item.clauseId);
      if (!clause) {
        throw FeedbackErrors.clauseNotInVersion(n, { ...where, clauseId: item.clauseId });
      }
      let clauseSpan = spans.get(clause.id);
      if (!clauseSpan) spans.set(clause.id, (clauseSpan = clauseSpans(clause)));
      if (!quoteInClause(item.quote ?? '', clause, clauseSpan)) {
        throw FeedbackErrors.quoteNotInClause(n, truncate(item.quote), clause.label || clause.heading, {
          ...where,
          clauseId: item.clauseId,
          quote: item.quote,
        });
      }
    } else if (item.quote?.trim()) {
      throw FeedbackErrors.quoteWithoutClause(n, { ...where, clauseId: null, quote: item.quote });
    }
    const needs = ITEM_NEEDS[item.kind];
    const lacking = [
      needs.quote && !item.quote?.trim() ? '原文' : null,
      needs.proposed && !item.proposedText?.trim() ? '建议修改为' : null,
      !needs.quote && !needs.proposed && !item.proposedText?.trim() && !item.reason?.trim() ? '意见内容或理由' : null,
    ].filter((x): x is string => x !== null);
    if (lacking.length) {
      throw FeedbackErrors.itemIncomplete(n, needs.label, lacking.join('、'), { ...where, kind: item.kind, lacking });
    }
  });
}

function truncate(text: string, max = 20): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}
