import { UploadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Typography } from 'antd';
import { useState } from 'react';
import { api, errorText } from '../../../api/client';
import type { LetterAttachment } from '../../../api/types';
import { LetterAttachmentList } from '../../../components/LetterAttachmentList';
import { pickFile } from '../../../components/pickFile';
import { useLoad } from '../../../hooks/useLoad';

const MAX_BYTES = 20 * 1024 * 1024;
const ACCEPT = '.pdf,.doc,.docx,.xls,.xlsx,.png,.jpg,.jpeg';

/**
 * 附件 of the letter before launch: the office adds its files (PDF, Word, Excel, images; ≤ 20 MB,
 * checked again by content on the server) and removes them; launch adds the draft as Word and the
 * 反馈意见表, and every letter mail carries them all.
 */
export function LetterAttachmentsCard({ roundId, editable }: { roundId: string; editable: boolean }) {
  const { message } = App.useApp();
  const list = useLoad(() => api.get<LetterAttachment[]>(`/rounds/${roundId}/attachments`), [roundId]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const fail = (err: unknown) => setError(errorText(err));

  const add = () =>
    pickFile(ACCEPT, async (file) => {
      setError(null);
      if (file.size > MAX_BYTES) return setError(`“${file.name}”超过 20 MB，不能作为附件`);
      setBusy(true);
      try {
        const added = await api.upload<LetterAttachment>(`/rounds/${roundId}/attachments`, file);
        list.setData([...(list.data ?? []), added]);
        message.success(`已添加附件：${added.name}`);
      } catch (err) {
        fail(err);
      } finally {
        setBusy(false);
      }
    });

  const remove = async (a: LetterAttachment) => {
    setError(null);
    list.setData(await api.del<LetterAttachment[]>(`/rounds/${roundId}/attachments/${a.id}`));
    message.success(`已删除附件：${a.name}`);
  };

  return (
    <Card
      id="letter-attachments"
      title="征求意见函附件"
      size="small"
      style={{ marginTop: 16 }}
      extra={
        editable ? (
          <Button size="small" icon={<UploadOutlined />} loading={busy} onClick={add}>
            添加附件
          </Button>
        ) : null
      }
    >
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        发出时自动附上征求意见稿（Word 版）和反馈意见表；以下文件随征求意见函邮件一并发送，各单位也可在系统中下载。支持 PDF、Word、Excel、PNG/JPEG，每个不超过 20 MB。
      </Typography.Paragraph>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 8 }} role="alert" closable={{ onClose: () => setError(null) }} />}
      {list.error ? (
        <Alert type="error" showIcon title={errorText(list.error)} />
      ) : (
        <LetterAttachmentList roundId={roundId} attachments={list.data ?? []} onRemove={editable ? remove : undefined} onError={fail} />
      )}
    </Card>
  );
}
