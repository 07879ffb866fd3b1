import { Alert, App, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { api, ApiError } from '../../../api/client';
import { useAsyncAction } from '../../../hooks/useAsyncAction';
import type { NextVersionGenerated } from '../../../api/types';

/** 生成下一版本: the adopted changes written into a new version; asks before replacing one already generated. */
export function GenerateModal({ open, roundId, onClose }: { open: boolean; roundId: string; onClose: (done: boolean) => void }) {
  const [label, setLabel] = useState('送审稿');
  const [exists, setExists] = useState(false);
  const action = useAsyncAction();
  const { message } = App.useApp();
  const submit = async () => {
    const res = await action.run(
      () => api.post<NextVersionGenerated>(`/rounds/${roundId}/next-version`, { label: label.trim(), ...(exists ? { replace: true } : {}) }),
      (err) => {
        if (err instanceof ApiError && err.code === 'NEXT_VERSION_EXISTS') setExists(true);
      },
    );
    if (!res) return;
    message.success(`已生成《${res.version.label}》：自动修改 ${res.counts.applied} 处，需人工修改 ${res.counts.needsManualEdit} 处`);
    setExists(false);
    onClose(true);
  };
  return (
    <Modal open={open} title="生成下一版本" okText={exists ? '替换并重新生成' : '生成'} okButtonProps={{ danger: exists }} cancelText="取消" onOk={submit} confirmLoading={action.busy} onCancel={() => onClose(false)} destroyOnHidden>
      <p>按已作出的采纳决定，把采纳的修改自动写入新版本（引用原文找不到、相互重叠等情况会标为“需人工修改”），条款重新编号，条款沿革保持不变。</p>
      {action.error && <Alert type={exists ? 'warning' : 'error'} showIcon title={action.error} style={{ marginBottom: 12 }} />}
      <Form layout="vertical">
        <Form.Item label="新版本名称" htmlFor="next-version-label">
          <Input id="next-version-label" value={label} onChange={(e) => setLabel(e.target.value)} maxLength={50} placeholder="如：送审稿、三次征求意见稿" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
