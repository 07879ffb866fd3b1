import { Alert, App, DatePicker, Form, Input, Modal } from 'antd';
import type { Dayjs } from 'dayjs';
import { api, errorText } from '../../../api/client';
import type { BoardRecipient, ExtensionResult } from '../../../api/types';
import { useAsyncAction } from '../../../hooks/useAsyncAction';

/** 延期 for one unit: a new deadline and the reason; its reminders move with it. */
export function ExtendModal({ roundId, recipient, onClose }: { roundId: string; recipient: BoardRecipient | null; onClose: (done: boolean) => void }) {
  const [form] = Form.useForm<{ date: Dayjs; reason: string }>();
  const action = useAsyncAction();
  const { message } = App.useApp();
  const submit = async () => {
    const v = await form.validateFields();
    const res = await action.run(
      () => api.post<ExtensionResult>(`/rounds/${roundId}/recipients/${recipient!.unitId}/extension`, { deadlineDate: v.date.format('YYYY-MM-DD'), reason: v.reason }),
      (err) => form.setFields([{ name: 'date', errors: [errorText(err)] }]),
    );
    if (!res) return;
    message.success(`已为${recipient!.name}延期至 ${res.deadlineLocal}，催办计划随之调整`);
    form.resetFields();
    onClose(true);
  };
  return (
    <Modal open={!!recipient} title={`延期：${recipient?.name ?? ''}`} okText="确认延期" cancelText="取消" onOk={submit} confirmLoading={action.busy} onCancel={() => onClose(false)} destroyOnHidden>
      <p>当前截止：{recipient?.deadlineLocal}。延期后该单位的催办按新的截止时间重新安排。</p>
      {action.error && <Alert type="error" showIcon title={action.error} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical">
        <Form.Item name="date" label="新的截止日期（当日 24 时前）" rules={[{ required: true, message: '请选择新的截止日期' }]}>
          <DatePicker style={{ width: 220 }} />
        </Form.Item>
        <Form.Item name="reason" label="延期理由" rules={[{ required: true, whitespace: true, message: '请填写延期理由' }]}>
          <Input.TextArea rows={3} maxLength={500} placeholder="如：需提请市政府常务会议研究" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
