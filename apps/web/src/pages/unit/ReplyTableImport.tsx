import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Space } from 'antd';
import { useState } from 'react';
import { api, errorText } from '../../api/client';
import type { ParsedReplyTable } from '../../api/types';
import { pickFile } from '../../components/pickFile';
import type { DraftState } from '../../hooks/useDraft';

/**
 * 反馈意见表: download the round's template (Word / Excel), or upload the table the unit filled in
 * offline — its rows become draft items to review, fix and seal as usual.
 */
export function ReplyTableImport({ roundId, draft, editable }: { roundId: string; draft: DraftState; editable: boolean }) {
  const { modal, message } = App.useApp();
  const [error, setError] = useState<string | null>(null);
  const template = (format: 'docx' | 'xlsx') =>
    api.download(`/rounds/${roundId}/reply-template`, { format, prefill: true }, `反馈意见表.${format}`).catch((e) => setError(errorText(e)));

  const read = async (file: File) => {
    setError(null);
    try {
      const parsed = await api.upload<ParsedReplyTable>(`/rounds/${roundId}/reply-table`, file);
      const unresolved = parsed.items.filter((i) => !i.resolved);
      modal.confirm({
        title: parsed.noComment ? '表中勾选了“无意见”' : `读取到 ${parsed.items.length} 条意见`,
        content: parsed.noComment
          ? '将本单位的反馈设为“无意见”？'
          : `其中 ${unresolved.length} 条未能对应到条款（已作为总体意见加入，原表所指写在理由中，请改到对应条款）。加入反馈草稿后请逐条核对。`,
        okText: parsed.noComment ? '设为无意见' : '加入草稿',
        onOk: () => {
          if (parsed.noComment) draft.setKind('no_comment', []);
          else if (draft.kind === 'no_comment') draft.setKind('with_comments', parsed.draftItems);
          else draft.setItems((items) => [...items, ...parsed.draftItems]);
          message.success('已填入反馈草稿');
        },
      });
    } catch (e) {
      setError(errorText(e));
    }
    return false;
  };

  return (
    <Space orientation="vertical" style={{ width: '100%', marginBottom: 12 }}>
      <Space wrap>
        <Button icon={<DownloadOutlined />} onClick={() => void template('docx')}>
          下载反馈意见表（Word）
        </Button>
        <Button icon={<DownloadOutlined />} onClick={() => void template('xlsx')}>
          下载反馈意见表（Excel）
        </Button>
        {editable && (
          <Button icon={<UploadOutlined />} onClick={() => pickFile('.docx,.xlsx,.txt,.pdf', (f) => void read(f))}>
            上传填好的反馈意见表
          </Button>
        )}
      </Space>
      {error && <Alert type="error" showIcon message={error} closable onClose={() => setError(null)} />}
    </Space>
  );
}
