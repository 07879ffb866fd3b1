import { DownloadOutlined } from '@ant-design/icons';
import { Button, Descriptions, Space, Tag, Typography } from 'antd';
import type { SealedReceipt } from '../../api/types';
import { REPLY_KIND_LABEL, shanghaiTime } from '../../format';
import { downloadReceipt } from './downloadReceipt';
import { VerifyButton } from './VerifyButton';

/** 回执 as sealing returns it: tracking number, digest and signature, with download and verify. */
export function ReceiptCard({ receipt, unitName }: { receipt: SealedReceipt; unitName: string }) {
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size={12} className="receipt">
      <Descriptions bordered size="small" column={1}>
        <Descriptions.Item label="回执编号">
          <Typography.Text copyable strong className="tracking-no">
            {receipt.trackingNo}
          </Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label="反馈">
          {REPLY_KIND_LABEL[receipt.kind]}
          {receipt.kind === 'with_comments' && `，共 ${receipt.itemCount} 条意见`}，第 {receipt.revision} 次提交
        </Descriptions.Item>
        <Descriptions.Item label="盖章提交时间">
          {shanghaiTime(receipt.sealedAt)} {receipt.late && <Tag color="red">逾期提交</Tag>}
        </Descriptions.Item>
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
      <Space wrap>
        <Button type="primary" icon={<DownloadOutlined />} onClick={() => downloadReceipt(receipt, unitName)}>
          下载回执
        </Button>
      </Space>
      <VerifyButton trackingNo={receipt.trackingNo} />
    </Space>
  );
}
