import { contactLines, replyRuleLines, roundDue, RoundFacts } from '@zq/consultation';
import { shanghaiDateTime } from '@zq/calendar';
import { layout, RenderedMail } from '@zq/mail';

export type ReminderMailKind = 'before_deadline' | 'deadline_day' | 'overdue' | 'manual';

/** 催办: before the deadline, on its day, overdue, or sent by hand by the office. */
export function reminderMail(f: RoundFacts & { unitName: string; forCity: boolean; kind: ReminderMailKind; now: Date; note?: string }): RenderedMail {
  const dueText = `${roundDue(f.deadline)}（${shanghaiDateTime(f.deadline)}）`;
  const lead: Record<ReminderMailKind, string> = {
    before_deadline: `《${f.documentTitle}》的反馈截止时间为${dueText}，贵单位尚未反馈，请抓紧办理。`,
    deadline_day: `今天是《${f.documentTitle}》的反馈截止日（${shanghaiDateTime(f.deadline)} 截止），贵单位尚未反馈，请于今日内反馈。`,
    overdue: `《${f.documentTitle}》的反馈已于${dueText}截止，贵单位尚未反馈，已逾期，请尽快反馈。`,
    manual: f.now.getTime() > f.deadline.getTime()
      ? `《${f.documentTitle}》的反馈已于${dueText}截止，贵单位尚未反馈，请尽快反馈。`
      : `《${f.documentTitle}》的反馈截止时间为${dueText}，贵单位尚未反馈，请抓紧办理。`,
  };
  const subject: Record<ReminderMailKind, string> = {
    before_deadline: `【催办】请于${roundDue(f.deadline)}前反馈：《${f.documentTitle}》`,
    deadline_day: `【催办】今日截止：《${f.documentTitle}》`,
    overdue: `【催办】已逾期：《${f.documentTitle}》`,
    manual: `【催办】《${f.documentTitle}》`,
  };
  return layout(
    subject[f.kind],
    `${f.unitName}：`,
    [lead[f.kind], ...(f.note ? [f.note] : []), ...replyRuleLines(f, f.forCity), ...contactLines(f)],
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
