import { SafetyCertificateOutlined } from '@ant-design/icons';
import { Alert, Button, Space } from 'antd';
import { useState } from 'react';
import { api, errorText } from '../../api/client';
import type { ReceiptVerification } from '../../api/types';
import { VerificationResult } from './VerificationResult';

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
