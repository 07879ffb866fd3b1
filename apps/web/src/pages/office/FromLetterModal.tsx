import { Alert, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { api, errorText } from '../../api/client';
import type { FromLetterResult } from '../../api/types';

/** 从征求意见函创建: the whole letter pasted in, the round pre-filled from it (not sent). */
export function FromLetterModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const navigate = useNavigate();
  const submit = async () => {
    if (!text.trim()) {
      setError('请粘贴征求意见函全文（含附件）');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const res = await api.post<FromLetterResult>('/rounds/from-letter', { text });
      onClose();
      navigate(`/rounds/${res.round.id}`, { state: { warnings: res.warnings } });
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open={open} title="从征求意见函发起征求意见" onCancel={onClose} onOk={submit} okText="识别并预填" confirmLoading={busy} width={820} destroyOnHidden>
      <p>粘贴征求意见函全文（连同附件：征求意见稿、征求对象名单）。系统导入其中的征求意见稿（与已有文件同名的，作为它的新版本），并预填截止时间、联系人、反馈要求和征求对象；不会自动发出，请核对后再发出。</p>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} role="alert" />}
      <Form layout="vertical">
        <Form.Item label="征求意见函全文">
          <Input.TextArea aria-label="征求意见函全文" value={text} onChange={(e) => setText(e.target.value)} rows={16} placeholder="关于征求《……（二次征求意见稿）》意见的函……" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
