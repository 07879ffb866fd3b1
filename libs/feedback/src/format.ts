/** Instants as Chinese office staff read them: Asia/Shanghai, e.g. 2023年5月22日 17:30. */
const SHANGHAI = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

export function shanghaiText(instant: Date): string {
  const parts = Object.fromEntries(SHANGHAI.formatToParts(instant).map((p) => [p.type, p.value]));
  return `${parts.year}年${parts.month}月${parts.day}日 ${parts.hour}:${parts.minute}`;
}

/** 逾期 1 天 2 小时 5 分; '' when on time. */
export function lateText(lateSeconds: number): string {
  if (lateSeconds <= 0) return '';
  const days = Math.floor(lateSeconds / 86_400);
  const hours = Math.floor((lateSeconds % 86_400) / 3600);
  const minutes = Math.floor((lateSeconds % 3600) / 60);
  const parts = [days ? `${days} 天` : '', hours ? `${hours} 小时` : '', minutes ? `${minutes} 分` : ''].filter(Boolean);
  return `逾期 ${parts.length ? parts.join(' ') : `${lateSeconds} 秒`}`;
}

export const KIND_LABELS: Record<string, string> = { with_comments: '有意见', no_comment: '无意见', withdrawal: '撤回' };
