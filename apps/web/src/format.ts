import type { ChangeStatus, ClauseKind, Decision, ItemKind, Role, RoundStatus, UnitKind } from './api/types';

const shanghai = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
});

/** 2023-05-23 23:59 — every time the UI shows is Beijing time, whatever the browser's zone. */
export function shanghaiTime(value: string | Date | null | undefined): string {
  if (!value) return '—';
  const d = typeof value === 'string' ? new Date(value) : value;
  if (Number.isNaN(d.getTime())) return '—';
  const parts = Object.fromEntries(shanghai.formatToParts(d).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour === '24' ? '00' : parts.hour}:${parts.minute}`;
}

export const ROLE_LABEL: Record<Role, string> = {
  office_admin: '管理员',
  office_staff: '工作人员',
  unit_drafter: '起草人',
  unit_approver: '签发人',
};

export const UNIT_KIND_LABEL: Record<UnitKind, string> = {
  organizer: '发起单位',
  provincial_department: '省级部门',
  prefecture_city: '设区市',
  city_office: '设区市部门',
};

export const CLAUSE_KIND_LABEL: Record<ClauseKind, string> = {
  chapter: '章',
  article: '条',
  part: '部分',
  section: '节',
  item: '条',
  subitem: '项',
  paragraph: '段落',
  annex: '附件',
  table: '表格',
};

export const ITEM_KIND_LABEL: Record<ItemKind, string> = {
  modify: '修改',
  delete: '删除',
  add: '新增',
  other: '其他',
};

export const SEAL_ROLE_LABEL: Record<string, string> = {
  unit: '本单位',
  general_office: '市政府办公厅（室）',
  construction_authority: '市建设局（建委）',
  beautiful_towns_office: '市美丽城镇办',
};

export const REPLY_KIND_LABEL: Record<string, string> = {
  with_comments: '有意见',
  no_comment: '无意见',
  withdrawal: '撤回',
};

export const isOfficeRole = (role: Role) => role === 'office_admin' || role === 'office_staff';

/** Colour of a board state tag (未查看 … 逾期). */
export function stateColor(state: string, overdue = false): string {
  if (overdue && !state.startsWith('submitted')) return 'red';
  switch (state) {
    case 'submitted_with_comments':
    case 'with_comments':
      return 'green';
    case 'submitted_no_comment':
    case 'no_comment':
      return 'cyan';
    case 'returned':
      return 'orange';
    case 'overdue':
      return 'red';
    case 'extended':
      return 'purple';
    case 'drafting':
      return 'blue';
    case 'viewed':
      return 'geekblue';
    case 'exempted':
      return 'default';
    default:
      return 'default';
  }
}

export function bytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

export function lateText(seconds: number): string {
  if (seconds <= 0) return '';
  const days = Math.floor(seconds / 86400);
  const hours = Math.floor((seconds % 86400) / 3600);
  return days ? `逾期 ${days} 天${hours ? ` ${hours} 小时` : ''}` : hours ? `逾期 ${hours} 小时` : `逾期 ${Math.max(1, Math.floor(seconds / 60))} 分钟`;
}

export const roundNumberText = (n: number) => `第${'一二三四五六七八九十'[n - 1] ?? n}次征求意见`;

export const ROUND_STATUS_COLOR: Record<RoundStatus, string> = { draft: 'default', open: 'processing', closed: 'warning', concluded: 'success' };

export const DECISION_LABEL: Record<Decision, string> = { adopted: '采纳', partially_adopted: '部分采纳', not_adopted: '不采纳', noted: '供参考' };

export const DECISION_COLOR: Record<Decision, string> = { adopted: 'green', partially_adopted: 'gold', not_adopted: 'red', noted: 'blue' };

export const CHANGE_LABEL: Record<ChangeStatus, { text: string; color: string }> = {
  added: { text: '新增', color: 'green' },
  deleted: { text: '删除', color: 'red' },
  changed: { text: '修改', color: 'orange' },
  moved: { text: '移动', color: 'purple' },
  unchanged: { text: '未变', color: 'default' },
};
