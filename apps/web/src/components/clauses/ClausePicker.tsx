import { Select } from 'antd';
import { useMemo } from 'react';
import type { ClauseNode } from '../../api/types';

export interface ClauseChoice {
  id: string;
  /** the labels from the top, as the adoption table prints them: 二、（一）9. / 第二章第十二条 / 附件 */
  path: string;
  title: string;
  /** what the search looks in: path, heading and text */
  haystack: string;
}

const normalized = (s: string) => s.normalize('NFKC').replace(/[\s\u3000]+/gu, '').toLowerCase();

/** Every clause of a version tree, in reading order, with its label path (an 附件 starts a new path). */
export function clauseChoices(tree: ClauseNode[]): ClauseChoice[] {
  const out: ClauseChoice[] = [];
  const walk = (nodes: ClauseNode[], prefix: string) => {
    for (const n of nodes) {
      const path = n.kind === 'annex' ? n.label || '附件' : `${prefix}${n.label}`;
      const head = n.heading || n.text.slice(0, 30) + (n.text.length > 30 ? '…' : '');
      out.push({ id: n.id, path: path || '（无序号段落）', title: head, haystack: normalized(`${path}${n.heading}${n.text}`) });
      walk(n.children, path);
    }
  };
  walk(tree, '');
  return out;
}

/** A clause chooser with search (by label path such as 二、（一）, heading or words of the text). */
export function ClausePicker({
  choices,
  value,
  onChange,
  placeholder = '选择条款（可输入序号或原文搜索）',
  ariaLabel = '选择条款',
}: {
  choices: ClauseChoice[];
  value: string | null;
  onChange: (choice: ClauseChoice | null) => void;
  placeholder?: string;
  ariaLabel?: string;
}) {
  const byId = useMemo(() => new Map(choices.map((c) => [c.id, c])), [choices]);
  const options = useMemo(() => choices.map((c) => ({ value: c.id, label: `${c.path} ${c.title}` })), [choices]);
  return (
    <Select
      size="small"
      allowClear
      style={{ width: '100%', minWidth: 180 }}
      popupMatchSelectWidth={420}
      value={value ?? undefined}
      placeholder={placeholder}
      aria-label={ariaLabel}
      options={options}
      showSearch={{ filterOption: (input, option) => !!option && (byId.get(String(option.value))?.haystack.includes(normalized(input)) ?? false) }}
      onChange={(id) => onChange(id ? (byId.get(id) ?? null) : null)}
    />
  );
}
