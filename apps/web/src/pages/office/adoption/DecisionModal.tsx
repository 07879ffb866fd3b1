import { Alert, App, Checkbox, Form, Input, Modal, Radio, Typography } from 'antd';
import { ApiError } from '../../../api/client';
import type { Decision } from '../../../api/types';
import { DECISION_LABEL } from '../../../format';
import { useAsyncAction } from '../../../hooks/useAsyncAction';
import type { DecisionExtra, DecisionTarget } from './decide';

interface Props {
  /** what to decide and the decision the office clicked; null while closed */
  target: { items: DecisionTarget; decision: Decision } | null;
  onClose: (done: boolean) => void;
  decide: (items: DecisionTarget, d: Decision, extra: DecisionExtra) => Promise<void>;
}

interface Values {
  decision: Decision;
  reason: string;
  editedText: string;
  carryOver: boolean;
}

/**
 * The decision with its reason (required for 不采纳 and 部分采纳), the office's own wording and
 * 转入下一轮. Mount it afresh for every target (a `key`): it must open with the decision just
 * clicked, never the one chosen the last time it was open.
 */
export function DecisionModal({ target, onClose, decide }: Props) {
  const [form] = Form.useForm<Values>();
  const action = useAsyncAction();
  const decision = Form.useWatch('decision', form);
  const { message } = App.useApp();
  const single = target && target.items !== 'allUndecided' && target.items.length === 1 ? target.items[0] : null;
  const submit = async () => {
    if (!target) return;
    const v = await form.validateFields();
    const done = await action.run(
      async () => {
        await decide(target.items, v.decision, { reason: v.reason?.trim() || undefined, editedText: v.editedText?.trim() || undefined, carryOver: v.carryOver || undefined });
        return true;
      },
      (err) => {
        if (err instanceof ApiError && err.details?.field) form.setFields([{ name: err.details.field as 'reason', errors: [err.message] }]);
      },
    );
    if (done) {
      message.success('已保存处理意见');
      onClose(true);
    }
  };
  return (
    <Modal
      open={!!target}
      title={target?.items === 'allUndecided' ? '其余未处理的意见统一处理' : single ? `处理${single.unit.name}的意见` : `处理所选 ${target?.items.length ?? 0} 条意见`}
      okText="保存"
      cancelText="取消"
      onOk={submit}
      confirmLoading={action.busy}
      onCancel={() => onClose(false)}
      destroyOnHidden
    >
      {single && (
        <Typography.Paragraph type="secondary">
          {single.quote && `原文“${single.quote}”`} {single.proposedText && `→ ${single.proposedText}`}
        </Typography.Paragraph>
      )}
      {action.error && <Alert type="error" showIcon title={action.error} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" initialValues={{ decision: target?.decision, reason: single?.decision?.reason ?? '', editedText: single?.decision?.editedText ?? '', carryOver: false }} preserve={false}>
        <Form.Item name="decision" label="采纳情况">
          <Radio.Group optionType="button" options={(Object.keys(DECISION_LABEL) as Decision[]).map((d) => ({ value: d, label: DECISION_LABEL[d] }))} />
        </Form.Item>
        <Form.Item
          name="reason"
          label="理由 / 处理说明"
          rules={[{ required: decision === 'not_adopted' || decision === 'partially_adopted', whitespace: true, message: '不采纳、部分采纳须填写理由' }]}
        >
          <Input.TextArea rows={3} maxLength={5000} placeholder={decision === 'noted' ? '如：已在第5条中体现' : '如：与上位法规定不一致'} />
        </Form.Item>
        {(decision === 'adopted' || decision === 'partially_adopted') && (
          <Form.Item name="editedText" label="采纳后的表述（可选）" extra="生成下一版本时代替单位建议的文字">
            <Input.TextArea rows={2} maxLength={10000} />
          </Form.Item>
        )}
        {(decision === 'not_adopted' || decision === 'noted') && (
          <Form.Item name="carryOver" valuePropName="checked">
            <Checkbox>未解决，转入下一轮继续征求意见</Checkbox>
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
