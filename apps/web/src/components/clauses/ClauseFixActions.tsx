import { EditOutlined } from '@ant-design/icons';
import { App, Button, Dropdown, Input, Modal, Select, Space } from 'antd';
import type { MenuProps } from 'antd';
import { useRef, useState } from 'react';
import { api, errorText } from '../../api/client';
import type { Version } from '../../api/types';
import { CLAUSE_KIND_LABEL } from '../../format';
import { ClauseRow, clauseTitle } from './rows';

type Operation = Record<string, unknown> & { op: string; key: string };

/**
 * 修正条款: what the importer got wrong, corrected on a version still in editing — kind, level,
 * split at the cursor, merge with the clause before, heading and text, the 责任单位 note and the lead.
 * Each change is one PATCH /versions/:id/clauses; the version comes back renumbered.
 */
export function ClauseFixActions({ version, row, rows, onChanged }: { version: Version; row: ClauseRow; rows: ClauseRow[]; onChanged: (v: Version) => void }) {
  const { message } = App.useApp();
  const [dialog, setDialog] = useState<null | 'edit' | 'split' | 'note' | 'lead'>(null);
  const [heading, setHeading] = useState(row.heading);
  const [text, setText] = useState(row.text);
  const [target, setTarget] = useState<string | undefined>();
  const [lead, setLead] = useState<string | undefined>(row.responsibilities.find((u) => u.isLead)?.name);
  const [busy, setBusy] = useState(false);
  const splitArea = useRef<HTMLTextAreaElement | null>(null);

  const send = async (operations: Operation[]) => {
    setBusy(true);
    try {
      const next = await api.patch<Version>(`/versions/${version.id}/clauses`, { operations });
      onChanged(next);
      setDialog(null);
      message.success('已修正并重新编号');
    } catch (err) {
      message.error(errorText(err));
    } finally {
      setBusy(false);
    }
  };
  const key = row.id!;
  const kinds = (Object.keys(CLAUSE_KIND_LABEL) as (keyof typeof CLAUSE_KIND_LABEL)[]).filter((k) => k !== 'table' && k !== row.kind);
  const items: MenuProps['items'] = [
    { key: 'promote', label: '升一级' },
    { key: 'demote', label: '降一级（归入上一条）' },
    { key: 'merge', label: '与上一条合并' },
    ...(row.kind !== 'table' ? [{ key: 'kind', label: '改为…', children: kinds.map((k) => ({ key: `kind:${k}`, label: CLAUSE_KIND_LABEL[k] })) }] : []),
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
          options={rows.filter((r) => r.id && r.id !== key && r.kind !== 'table').map((r) => ({ value: r.id!, label: clauseTitle(r) || r.text.slice(0, 30) }))}
        />
      </Modal>
      <Modal open={dialog === 'lead'} title="设牵头单位" okText="保存" confirmLoading={busy} onCancel={() => setDialog(null)} onOk={() => send([{ op: 'set_lead', key, unit: lead ?? null }])}>
        <Select aria-label="牵头单位" allowClear style={{ width: '100%' }} value={lead} onChange={setLead} placeholder="不设牵头单位" options={row.responsibilities.map((u) => ({ value: u.name, label: u.name }))} />
      </Modal>
    </>
  );
}
