import { CheckCircleFilled, CloseCircleFilled, DownloadOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { Alert, Button, Descriptions, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api, errorText, saveBlob } from '../api/client';
import type { ReceiptVerification, SealedReceipt } from '../api/types';
import { REPLY_KIND_LABEL, shanghaiTime } from '../format';

const CHECK_LABEL: Record<keyof ReceiptVerification['checks'], string> = {
  digest: '摘要一致',
  signature: '签名有效',
  content: '内容未被改动',
  chain: '提交链完整',
};

export function VerificationResult({ v }: { v: ReceiptVerification }) {
  return (
    <Alert
      type={v.valid ? 'success' : 'error'}
      showIcon
      role="status"
      title={v.valid ? `回执 ${v.trackingNo} 核验通过` : `回执 ${v.trackingNo} 核验未通过：存档内容与回执不符`}
      description={
        <Space orientation="vertical" size={4}>
          <span>
            {v.unit}
            {v.actingUnit && v.actingUnit !== v.unit ? `（由${v.actingUnit}报送）` : ''} · 盖章提交于 {shanghaiTime(v.sealedAt)} · 提交链第 {v.chainSeq} 号
          </span>
          <Space wrap>
            {(Object.keys(CHECK_LABEL) as (keyof ReceiptVerification['checks'])[]).map((k) => (
              <Tag key={k} color={v.checks[k] ? 'green' : 'red'} icon={v.checks[k] ? <CheckCircleFilled /> : <CloseCircleFilled />}>
                {CHECK_LABEL[k]}
              </Tag>
            ))}
          </Space>
        </Space>
      }
    />
  );
}

export function VerifyButton({ trackingNo }: { trackingNo: string }) {
  const [result, setResult] = useState<ReceiptVerification | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const verify = async () => {
    setBusy(true);
    setError(null);
    try {
      setResult(await api.get<ReceiptVerification>(`/receipts/${encodeURIComponent(trackingNo)}/verify`));
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Button icon={<SafetyCertificateOutlined />} onClick={verify} loading={busy}>
        核验回执
      </Button>
      {result && <VerificationResult v={result} />}
      {error && <Alert type="error" showIcon title={error} />}
    </Space>
  );
}

export function downloadReceipt(r: SealedReceipt, unitName: string): void {
  const body = {
    说明: '征求意见反馈回执。可在系统“回执核验”页面或通过 verifyUrl 核验。',
    trackingNo: r.trackingNo,
    unit: unitName,
    kind: r.kind,
    revision: r.revision,
    itemCount: r.itemCount,
    sealedAt: r.sealedAt,
    sealedAtBeijing: shanghaiTime(r.sealedAt),
    ...r.receipt,
    verifyUrl: r.verifyUrl,
  };
  saveBlob(new Blob([JSON.stringify(body, null, 2)], { type: 'application/json' }), `回执-${r.trackingNo}.json`);
}

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
