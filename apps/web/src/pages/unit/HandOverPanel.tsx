import { CheckCircleOutlined, SendOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Space, Typography } from 'antd';
import { useState } from 'react';
import { errorText } from '../../api/client';
import { shanghaiTime } from '../../format';
import type { DraftState } from '../../hooks/useDraft';
import { confirmNoComment } from './confirm-no-comment';

/**
 * 提交签发, for the drafter: the saved reply goes to the unit's approver, who is mailed a link and
 * finds it waiting on this page; only the approver seals.
 */
export function HandOverPanel({ draft, editable }: { draft: DraftState; editable: boolean }) {
  const { message, modal } = App.useApp();
  const [busy, setBusy] = useState<'items' | 'no_comment' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const content = draft.kind === 'no_comment' ? '无意见' : `${draft.items.length} 条意见`;

  const handOver = async (kind: 'items' | 'no_comment') => {
    setBusy(kind);
    setError(null);
    try {
      if (kind === 'no_comment' && draft.kind !== 'no_comment') draft.setKind('no_comment', []);
      await draft.handOver();
      message.success('已提交签发，并已邮件通知本单位签发人');
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(null);
    }
  };

  const noComment = () => confirmNoComment(modal, draft, '提交签发', () => handOver('no_comment'));

  return (
    <Card size="small" title="提交签发" className="seal-card">
      {error && <Alert type="error" showIcon role="alert" title={error} style={{ marginBottom: 12 }} />}
      {draft.handedOver ? (
        <Alert type="success" showIcon title={`已于 ${shanghaiTime(draft.handedOver.at)} 提交签发（${content}），等待签发人盖章提交。`} description="签发前如再修改，请重新提交签发。" />
      ) : (
        <Typography.Paragraph type="secondary">填写完成后提交本单位签发人审阅；签发人上传盖章扫描件后提交。</Typography.Paragraph>
      )}
      {editable && !draft.handedOver && (
        <Space wrap>
          <Button type="primary" icon={<SendOutlined />} onClick={() => void handOver('items')} loading={busy === 'items'} disabled={busy !== null || (draft.kind === 'with_comments' && draft.items.length === 0)}>
            提交签发（{content}）
          </Button>
          {draft.kind === 'with_comments' && (
            <Button icon={<CheckCircleOutlined />} onClick={noComment} loading={busy === 'no_comment'} disabled={busy !== null} className="no-comment-button">
              本单位无意见，提交签发
            </Button>
          )}
        </Space>
      )}
    </Card>
  );
}
