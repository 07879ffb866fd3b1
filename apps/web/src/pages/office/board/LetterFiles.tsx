import { Alert, Typography } from 'antd';
import { useState } from 'react';
import { api, errorText } from '../../../api/client';
import type { LetterAttachment } from '../../../api/types';
import { LetterAttachmentList } from '../../../components/LetterAttachmentList';
import { useLoad } from '../../../hooks/useLoad';

/** What each letter mail carried (附件), as sent: the draft as Word, the 反馈意见表 and the office's files. */
export function LetterFiles({ roundId }: { roundId: string }) {
  const list = useLoad(() => api.get<LetterAttachment[]>(`/rounds/${roundId}/attachments`), [roundId]);
  const [error, setError] = useState<string | null>(null);
  return (
    <>
      <Typography.Paragraph type="secondary">以下附件已随征求意见函邮件发送给各单位，各单位也可在系统中下载。发出后不能删除。</Typography.Paragraph>
      {(error || !!list.error) && <Alert type="error" showIcon title={error ?? errorText(list.error)} style={{ marginBottom: 8 }} role="alert" />}
      <LetterAttachmentList roundId={roundId} attachments={list.data ?? []} onError={(e) => setError(errorText(e))} />
    </>
  );
}
