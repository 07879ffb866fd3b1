import { Alert, DatePicker, Form, Modal } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { api } from '../../../api/client';
import { useAsyncAction } from '../../../hooks/useAsyncAction';
import type { NextRoundResult } from '../../../api/types';

/** 发起下一轮: a draft round on the published version, with this round's recipients and rules. */
export function NextRoundModal({ open, roundId, onClose, onCreated }: { open: boolean; roundId: string; onClose: () => void; onCreated: (id: string) => void }) {
  const [date, setDate] = useState<Dayjs | null>(null);
  const action = useAsyncAction();
  const submit = async () => {
    if (!date) {
      action.setError('请选择反馈截止日期');
      return;
    }
    const created = await action.run(() => api.post<NextRoundResult>(`/rounds/${roundId}/next-round`, { deadlineDate: date.format('YYYY-MM-DD') }));
    if (created) onCreated(created.id);
  };
  return (
    <Modal open={open} title="发起下一轮征求意见" okText="创建草稿" cancelText="取消" onOk={submit} confirmLoading={action.busy} onCancel={onClose} destroyOnHidden>
      <p>以已发布的新版本创建下一轮（草稿），沿用本轮的征求对象和反馈要求；各单位将看到其上一轮意见的处理情况。</p>
      {action.error && <Alert type="error" showIcon title={action.error} style={{ marginBottom: 12 }} />}
      <Form layout="vertical">
        <Form.Item label="反馈截止日期" htmlFor="next-round-deadline">
          <DatePicker id="next-round-deadline" value={date} onChange={setDate} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
