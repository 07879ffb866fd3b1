import { layout, RenderedMail } from '@zq/mail';
import { chineseDate, shanghaiDate, shanghaiDateTime } from '@zq/reminders';
import type { CityApprovalRule, SilenceRule } from '../entities/round.entity';

/** What every round mail says about the round. */
export interface RoundFacts {
  organizer: string;
  /** the round's title (征求意见函 title), for subjects */
  title: string;
  /** the draft's title as printed, quoted in 《》 */
  documentTitle: string;
  deadline: Date;
  contactName: string;
  contactPhone: string;
  sealRequired: boolean;
  cityApproval: CityApprovalRule;
  silenceRule: SilenceRule;
  url: string;
}

const SEAL_LABELS: Record<string, string> = {
  construction_authority: '市级建设主管部门',
  beautiful_towns_office: '市美丽城镇办',
  general_office: '市政府办公厅（室）',
};

const due = (deadline: Date) => chineseDate(shanghaiDate(deadline));

function contactLine(f: RoundFacts): string[] {
  if (!f.contactName && !f.contactPhone) return [];
  return [`联系人：${f.contactName || '—'}，联系电话：${f.contactPhone || '—'}。`];
}

/** The rules a reply must meet, as the letter states them (city approval only for cities). */
export function replyRuleLines(f: RoundFacts, forCity: boolean): string[] {
  const lines: string[] = [];
  lines.push(f.sealRequired ? '请提交加盖单位公章的书面意见。' : '请提交书面意见。');
  if (forCity && f.cityApproval.required) {
    const seals = f.cityApproval.requiredSeals.map((s) => SEAL_LABELS[s] ?? s).join('、');
    lines.push(
      f.cityApproval.generalOfficeSuffices
        ? `设区市反馈意见需经市政府同意，由市政府办公厅（室）反馈，或在意见中注明“经市政府同意”字样并加盖${seals}公章反馈。`
        : `设区市反馈意见需在意见中注明“经市政府同意”字样并加盖${seals}公章反馈。`,
    );
  }
  lines.push(f.silenceRule === 'silence_is_no_comment' ? '逾期未反馈的，视为无意见。' : '无意见也请书面反馈。');
  return lines;
}

/** 征求意见函: sent to each recipient at launch, with the link to the portal. */
export function letterMail(f: RoundFacts & { unitName: string; forCity: boolean }): RenderedMail {
  return layout(
    `【征求意见】${f.title}`,
    `${f.unitName}：`,
    [
      `${f.organizer}现就《${f.documentTitle}》征求贵单位意见，请于${due(f.deadline)}前（${shanghaiDateTime(f.deadline)} 截止）通过征求意见系统反馈。`,
      ...replyRuleLines(f, f.forCity),
      ...contactLine(f),
    ],
    { label: '查看征求意见稿并反馈', url: f.url },
  );
}

export type ReminderMailKind = 'before_deadline' | 'deadline_day' | 'overdue' | 'manual';

/** 催办: before the deadline, on its day, overdue, or sent by hand by the office. */
export function reminderMail(f: RoundFacts & { unitName: string; forCity: boolean; kind: ReminderMailKind; now: Date; note?: string }): RenderedMail {
  const dueText = `${due(f.deadline)}（${shanghaiDateTime(f.deadline)}）`;
  const lead: Record<ReminderMailKind, string> = {
    before_deadline: `《${f.documentTitle}》的反馈截止时间为${dueText}，贵单位尚未反馈，请抓紧办理。`,
    deadline_day: `今天是《${f.documentTitle}》的反馈截止日（${shanghaiDateTime(f.deadline)} 截止），贵单位尚未反馈，请于今日内反馈。`,
    overdue: `《${f.documentTitle}》的反馈已于${dueText}截止，贵单位尚未反馈，已逾期，请尽快反馈。`,
    manual: f.now.getTime() > f.deadline.getTime()
      ? `《${f.documentTitle}》的反馈已于${dueText}截止，贵单位尚未反馈，请尽快反馈。`
      : `《${f.documentTitle}》的反馈截止时间为${dueText}，贵单位尚未反馈，请抓紧办理。`,
  };
  const subject: Record<ReminderMailKind, string> = {
    before_deadline: `【催办】请于${due(f.deadline)}前反馈：《${f.documentTitle}》`,
    deadline_day: `【催办】今日截止：《${f.documentTitle}》`,
    overdue: `【催办】已逾期：《${f.documentTitle}》`,
    manual: `【催办】《${f.documentTitle}》`,
  };
  return layout(
    subject[f.kind],
    `${f.unitName}：`,
    [lead[f.kind], ...(f.note ? [f.note] : []), ...replyRuleLines(f, f.forCity), ...contactLine(f)],
    { label: '查看并反馈', url: f.url },
  );
}

export interface EscalationLine {
  unitName: string;
  deadline: Date;
  contacts: { name: string; phone: string | null }[];
}

/** 电话催办清单: to the office's escalation list, the units still silent after the overdue reminders. */
export function escalationMail(f: { organizer: string; documentTitle: string; now: Date; url: string; units: EscalationLine[] }): RenderedMail {
  const lines = f.units.map((u, i) => {
    const phones = u.contacts.map((c) => `${c.name} ${c.phone ?? '（无电话）'}`).join('；') || '（无联系人）';
    return `${i + 1}. ${u.unitName}（截止 ${shanghaiDateTime(u.deadline)}）：${phones}`;
  });
  return layout(
    `【电话催办】《${f.documentTitle}》：${f.units.length} 个单位逾期未反馈`,
    '各位同事：',
    [`截至${shanghaiDateTime(f.now)}，以下单位经邮件催办仍未反馈《${f.documentTitle}》的意见，已逾期，请电话催办：`, ...lines],
    { label: '查看反馈进度', url: f.url },
  );
}
