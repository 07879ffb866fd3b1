import { Alert, Typography } from 'antd';
import { useState } from 'react';
import { api, errorText } from '../../api/client';
import type { LetterAttachment } from '../../api/types';
import { LetterAttachmentList } from '../../components/LetterAttachmentList';
import { useLoad } from '../../hooks/useLoad';

/** 附件 of the letter as the unit received them by mail (征求意见稿 Word 版, 反馈意见表, the office's files), to download again. */
export function MyLetterAttachments({ roundId }: { roundId: string }) {
  const list = useLoad(() => api.get<LetterAttachment[]>(`/rounds/${roundId}/attachments`), [roundId]);
  const [error, setError] = useState<string | null>(null);
  if (list.loading && !list.data) return null;
  return (
    <section style={{ marginTop: 16 }} aria-label="征求意见函附件">
      <Typography.Title level={5}>附件</Typography.Title>
      {(error || !!list.error) && <Alert type="error" showIcon title={error ?? errorText(list.error)} style={{ marginBottom: 8 }} role="alert" />}
      <LetterAttachmentList roundId={roundId} attachments={list.data ?? []} onError={(e) => setError(errorText(e))} />
    </section>
  );
}
