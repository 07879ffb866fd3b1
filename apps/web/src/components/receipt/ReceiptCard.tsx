import { CheckCircleFilled, CloseCircleFilled, DownloadOutlined, LoadingOutlined } from '@ant-design/icons';
import { Button, Descriptions, Space, Tag, Typography } from 'antd';
import { api } from '../../api/client';
import type { ReceiptVerification, SealedReceipt } from '../../api/types';
import { REPLY_KIND_LABEL, shanghaiTime } from '../../format';
import { useLoad } from '../../hooks/useLoad';
import { downloadReceipt } from './downloadReceipt';

/**
 * 回执 in plain words: 回执编号, what was sent, 提交时间 and 核验结果 (checked against the archive as
 * it is shown); the digest and signature are folded away for whoever needs them.
 */
export function ReceiptCard({ receipt, unitName }: { receipt: SealedReceipt; unitName: string }) {
  const check = useLoad(() => api.get<ReceiptVerification>(`/receipts/${encodeURIComponent(receipt.trackingNo)}/verify`, { code: receipt.receipt.digest.slice(0, 16) }), [receipt.trackingNo]);
  const result = check.data ? (
    check.data.valid ? (
      <Typography.Text type="success" className="verify-result">
        <CheckCircleFilled /> 有效（存档内容与回执一致）
      </Typography.Text>
    ) : (
      <Typography.Text type="danger" className="verify-result">
        <CloseCircleFilled /> 无效：存档内容与回执不符
      </Typography.Text>
    )
  ) : check.error ? (
    <Typography.Text type="warning">暂时无法核验，可稍后在“回执核验”中核验</Typography.Text>
  ) : (
    <span>
      <LoadingOutlined /> 正在核验…
    </span>
  );
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size={12} className="receipt">
      <Descriptions bordered size="small" column={1}>
        <Descriptions.Item label="回执编号">
          <Typography.Text copyable strong className="tracking-no">
            {receipt.trackingNo}
          </Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label="反馈内容">
          {REPLY_KIND_LABEL[receipt.kind]}
          {receipt.kind === 'with_comments' && `，共 ${receipt.itemCount} 条意见`}
          {receipt.revision > 1 && `（第 ${receipt.revision} 次提交）`}
        </Descriptions.Item>
        <Descriptions.Item label="提交时间">
          {shanghaiTime(receipt.sealedAt)}（北京时间） {receipt.late && <Tag color="red">逾期提交</Tag>}
        </Descriptions.Item>
        <Descriptions.Item label="核验码">
          <Typography.Text code copyable>
            {receipt.receipt.digest.slice(0, 16).toUpperCase()}
          </Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label="核验结果">{result}</Descriptions.Item>
      </Descriptions>
      <details className="receipt-details">
        <summary>技术信息（摘要与电子签名）</summary>
        <Descriptions bordered size="small" column={1}>
          <Descriptions.Item label="摘要（SHA-256）">
            <Typography.Text code copyable className="digest">
              {receipt.receipt.digest}
            </Typography.Text>
          </Descriptions.Item>
          <Descriptions.Item label={`签名（${receipt.receipt.algorithm}）`}>
            <Typography.Text code copyable={{ text: receipt.receipt.signature }} className="digest">
              {receipt.receipt.signature.slice(0, 32)}…
            </Typography.Text>
            <div className="muted">密钥编号 {receipt.receipt.keyId}</div>
          </Descriptions.Item>
        </Descriptions>
      </details>
      <Button icon={<DownloadOutlined />} onClick={() => downloadReceipt(receipt, unitName)}>
        下载回执
      </Button>
    </Space>
  );
}
