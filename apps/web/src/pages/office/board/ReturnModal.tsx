import { Alert, App, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { api } from '../../../api/client';
import type { SubmissionSummary } from '../../../api/types';
import { useAsyncAction } from '../../../hooks/useAsyncAction';

/** 退回补正: the reply stays on record, the unit is mailed the reason and may seal again. */
export function ReturnModal({ submission, onClose }: { submission: SubmissionSummary | null; onClose: (done: boolean) => void }) {
  const [reason, setReason] = useState('');
  const action = useAsyncAction();
  const { message } = App.useApp();
  const submit = async () => {
    if (!reason.trim()) {
      action.setError('请填写退回原因');
      return;
    }
    const done = await action.run(async () => {
      await api.post(`/submissions/${submission!.id}/return`, { reason: reason.trim() });
      return true;
    });
    if (!done) return;
    message.success(`已退回${submission!.unit.name}的反馈，并邮件通知该单位`);
    setReason('');
    onClose(true);
  };
  return (
    <Modal open={!!submission} title={`退回补正：${submission?.unit.name ?? ''}（${submission?.trackingNo ?? ''}）`} okText="退回" okButtonProps={{ danger: true }} cancelText="取消" onOk={submit} confirmLoading={action.busy} onCancel={() => onClose(false)} destroyOnHidden>
      <p>退回后原反馈仍保留在案，该单位将收到邮件并可重新盖章提交。</p>
      {action.error && <Alert type="error" showIcon title={action.error} style={{ marginBottom: 12 }} />}
      <Form layout="vertical">
        <Form.Item label="退回原因" required>
          <Input.TextArea rows={3} value={reason} onChange={(e) => setReason(e.target.value)} maxLength={2000} placeholder="如：缺少“经市政府同意”的说明" aria-label="退回原因" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
