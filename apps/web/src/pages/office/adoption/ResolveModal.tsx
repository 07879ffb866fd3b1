import { Alert, Form, Input, Modal, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../../../api/client';
import type { NextVersion } from '../../../api/types';
import { useAsyncAction } from '../../../hooks/useAsyncAction';

type Change = NextVersion['changes'][number];

/** 人工处理 of a change the next version could not apply by itself: the clause's new text, or a note why it stays. */
export function ResolveModal({ roundId, change, onClose }: { roundId: string; change: Change | null; onClose: (done: boolean) => void }) {
  const [text, setText] = useState('');
  const [note, setNote] = useState('');
  const action = useAsyncAction();
  const submit = async () => {
    const done = await action.run(async () => {
      await api.post(`/rounds/${roundId}/next-version/changes/${change!.id}/resolve`, { ...(text.trim() ? { text: text.trim() } : {}), ...(note.trim() ? { note: note.trim() } : {}) });
      return true;
    });
    if (!done) return;
    setText('');
    setNote('');
    onClose(true);
  };
  return (
    <Modal open={!!change} title={`人工处理：${change?.clauseBefore ?? '总体意见'}`} okText="保存" cancelText="取消" onOk={submit} confirmLoading={action.busy} onCancel={() => onClose(false)} destroyOnHidden width={720}>
      <p className="muted">{change?.manualReasonLabel}</p>
      {change?.beforeText && (
        <Typography.Paragraph>
          <span className="muted">原条文：</span>
          {change.beforeText}
        </Typography.Paragraph>
      )}
      {action.error && <Alert type="error" showIcon title={action.error} style={{ marginBottom: 12 }} />}
      <Form layout="vertical">
        <Form.Item label="修改后的条文（不修改可留空）" htmlFor="resolve-text">
          <Input.TextArea id="resolve-text" rows={5} value={text} onChange={(e) => setText(e.target.value)} placeholder={change?.afterText ?? ''} />
        </Form.Item>
        <Form.Item label="处理说明（不修改条文时必填）" htmlFor="resolve-note">
          <Input.TextArea id="resolve-note" rows={2} value={note} onChange={(e) => setNote(e.target.value)} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
