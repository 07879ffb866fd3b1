import { App, Button, Popconfirm } from 'antd';
import { useState } from 'react';
import { api, errorText } from '../api/client';
import type { MailRow } from '../api/types';

/** 重发 on the office mail log: a failed, still-queued or stuck mail goes out again (same Message-ID, audited). */
export function ResendMailButton({ roundId, mail, onDone }: { roundId: string; mail: MailRow; onDone: () => void }) {
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  if (mail.status === 'sent') return null;
  const resend = async () => {
    setBusy(true);
    try {
      await api.post(`/rounds/${roundId}/mails/${mail.id}/resend`);
      message.success(`已重新排队发送：${mail.to}`);
      onDone();
    } catch (err) {
      message.error(errorText(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Popconfirm title="重发这封邮件？" description="收件人若已收到，会识别为同一封邮件。" okText="重发" cancelText="取消" onConfirm={resend}>
      <Button size="small" loading={busy} aria-label={`重发给 ${mail.to} 的邮件`}>
        重发
      </Button>
    </Popconfirm>
  );
}
