import { EditOutlined, LeftOutlined, RightOutlined } from '@ant-design/icons';
import { App, Button, Dropdown, Input, Modal, Select, Space } from 'antd';
import type { MenuProps } from 'antd';
import { useRef, useState } from 'react';
import { errorText } from '../../api/client';
import { ClauseRow, clauseTitle } from './rows';

/** The kinds a clause can be changed to, as the office reads them (the label shows how each is numbered). */
const KIND_CHOICE = {
  part: '部分（一、）',
  section: '节（（一）或第一节）',
  item: '条目（1.）',
  subitem: '项（（1））',
  chapter: '章（第一章）',
  article: '条（第一条）',
  paragraph: '段落（不编号）',
  annex: '附件',
} as const;

export type TreeOperation = Record<string, unknown> & { op: string; key: string };

/**
 * 修正条款: what the importer got wrong, corrected without touching the source text — kind, level
 * (升一级/降一级 one click each), split at the cursor, merge with the clause before, heading and
 * text, the 责任单位 note and the lead. The same controls on the import preview (clauses addressed by
 * their preview key, POST /policies/import/preview/edit) and on a version still in editing (by
 * clause id, PATCH /versions/:id/clauses): `apply` sends the operations and takes the renumbered
 * tree; it throws to refuse.
 */
export function ClauseFixActions({ row, rows, clauseKey, apply }: { row: ClauseRow; rows: ClauseRow[]; clauseKey: (r: ClauseRow) => string | undefined; apply: (operations: TreeOperation[]) => Promise<void> }) {
  const { message } = App.useApp();
  const [dialog, setDialog] = useState<null | 'edit' | 'split' | 'note' | 'lead'>(null);
  const [heading, setHeading] = useState(row.heading);
  const [text, setText] = useState(row.text);
  const [target, setTarget] = useState<string | undefined>();
  const [lead, setLead] = useState<string | undefined>(row.responsibilities.find((u) => u.isLead)?.name);
  const [busy, setBusy] = useState(false);
  const splitArea = useRef<HTMLTextAreaElement | null>(null);

  const send = async (operations: TreeOperation[]) => {
    setBusy(true);
    try {
      await apply(operations);
      setDialog(null);
      message.success('已修正并重新编号');
    } catch (err) {
      message.error(errorText(err));
    } finally {
      setBusy(false);
    }
  };
  const key = clauseKey(row)!;
  const kinds = (Object.keys(KIND_CHOICE) as (keyof typeof KIND_CHOICE)[]).filter((k) => k !== row.kind);
  const items: MenuProps['items'] = [
    { key: 'promote', label: '升一级' },
    { key: 'demote', label: '降一级（归入上一条）' },
    { key: 'merge', label: '与上一条合并' },
    ...(row.kind !== 'table' ? [{ key: 'kind', label: '改为…', children: kinds.map((k) => ({ key: `kind:${k}`, label: KIND_CHOICE[k] })) }] : []),
    ...(row.kind !== 'table' ? [{ key: 'edit', label: '编辑标题和正文' }, { key: 'split', label: '在光标处拆分…' }] : []),
    ...(row.responsibilities.length ? [{ key: 'note', label: '责任单位移到…' }, { key: 'lead', label: '设牵头单位…' }] : []),
  ];
  const onMenu: MenuProps['onClick'] = ({ key: action }) => {
    if (action === 'promote') void send([{ op: 'promote', key }]);
    else if (action === 'demote') void send([{ op: 'demote', key }]);
    else if (action === 'merge') void send([{ op: 'merge_previous', key }]);
    else if (action.startsWith('kind:')) void send([{ op: 'set_kind', key, kind: action.slice(5) }]);
    else {
      setHeading(row.heading);
      setText(row.text);
      setDialog(action as 'edit' | 'split' | 'note' | 'lead');
    }
  };

  return (
    <>
      <Button size="small" type="text" icon={<LeftOutlined />} disabled={busy || row.depth === 0} title="升一级" aria-label={`升一级 ${clauseTitle(row)}`} onClick={() => void send([{ op: 'promote', key }])} />
      <Button size="small" type="text" icon={<RightOutlined />} disabled={busy} title="降一级（归入上一条）" aria-label={`降一级 ${clauseTitle(row)}`} onClick={() => void send([{ op: 'demote', key }])} />
      <Dropdown menu={{ items, onClick: onMenu }} trigger={['click']} disabled={busy}>
        <Button size="small" type="text" icon={<EditOutlined />} aria-label={`修正条款 ${clauseTitle(row)}`}>
          修正
        </Button>
      </Dropdown>
      <Modal open={dialog === 'edit'} title={`编辑 ${clauseTitle(row)}`} okText="保存" confirmLoading={busy} onCancel={() => setDialog(null)} onOk={() => send([{ op: 'edit', key, heading, text }])}>
        <Space direction="vertical" style={{ width: '100%' }}>
          <Input aria-label="标题" value={heading} onChange={(e) => setHeading(e.target.value)} placeholder="标题（可空）" />
          <Input.TextArea aria-label="正文" value={text} onChange={(e) => setText(e.target.value)} autoSize={{ minRows: 4, maxRows: 16 }} />
        </Space>
      </Modal>
      <Modal
        open={dialog === 'split'}
        title={`拆分 ${clauseTitle(row)}`}
        okText="在光标处拆分"
        confirmLoading={busy}
        onCancel={() => setDialog(null)}
        onOk={() => {
          const offset = splitArea.current?.selectionStart ?? 0;
          if (offset <= 0 || offset >= row.text.length) {
            message.warning('请把光标放在要拆开的位置（不能在开头或末尾）');
            return;
          }
          void send([{ op: 'split', key, offset }]);
        }}
      >
        <p>把光标放在第二部分开始处，光标后的文字成为新的一条（责任单位随之移动）。</p>
        <textarea ref={splitArea} aria-label="拆分位置" readOnly value={row.text} style={{ width: '100%', minHeight: 160 }} />
      </Modal>
      <Modal open={dialog === 'note'} title="责任单位移到…" okText="移动" confirmLoading={busy} okButtonProps={{ disabled: !target }} onCancel={() => setDialog(null)} onOk={() => send([{ op: 'move_note', key, to: target! }])}>
        <Select
          aria-label="目标条款"
          showSearch
          optionFilterProp="label"
          style={{ width: '100%' }}
          value={target}
          onChange={setTarget}
          options={rows.filter((r) => clauseKey(r) && clauseKey(r) !== key && r.kind !== 'table').map((r) => ({ value: clauseKey(r)!, label: clauseTitle(r) || r.text.slice(0, 30) }))}
        />
      </Modal>
      <Modal open={dialog === 'lead'} title="设牵头单位" okText="保存" confirmLoading={busy} onCancel={() => setDialog(null)} onOk={() => send([{ op: 'set_lead', key, unit: lead ?? null }])}>
        <Select aria-label="牵头单位" allowClear style={{ width: '100%' }} value={lead} onChange={setLead} placeholder="不设牵头单位" options={row.responsibilities.map((u) => ({ value: u.name, label: u.name }))} />
      </Modal>
    </>
  );
}
