import { layout, RenderedMail } from '@zq/mail';
import { chineseDate, shanghaiDate, shanghaiDateTime } from '@zq/calendar';
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

/** 2023年5月23日: the deadline's date as a letter writes it */
export const roundDue = (deadline: Date) => chineseDate(shanghaiDate(deadline));

/** 联系人 line of a round mail (none when the round names no contact). */
export function contactLines(f: RoundFacts): string[] {
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
export function letterMail(f: RoundFacts & { unitName: string; forCity: boolean; attachmentNames?: string[] }): RenderedMail {
  const names = f.attachmentNames ?? [];
  return layout(
    `【征求意见】${f.title}`,
    `${f.unitName}：`,
    [
      `${f.organizer}现就《${f.documentTitle}》征求贵单位意见，请于${roundDue(f.deadline)}前（${shanghaiDateTime(f.deadline)} 截止）通过征求意见系统反馈。`,
      ...replyRuleLines(f, f.forCity),
      ...contactLines(f),
      ...(names.length ? [`附件：${names.map((n, i) => (names.length > 1 ? `${i + 1}. ${n}` : n)).join('；')}（随本邮件附上，也可在征求意见系统中下载）`] : []),
    ],
    { label: '查看征求意见稿并反馈', url: f.url },
  );
}
