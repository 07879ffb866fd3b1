import { SafetyCertificateOutlined } from '@ant-design/icons';
import { Alert, Button, Space } from 'antd';
import { useState } from 'react';
import { api, errorText } from '../../api/client';
import type { ReceiptVerification } from '../../api/types';
import { VerificationResult } from './VerificationResult';

/** `digest`: the receipt's own (its first 16 digits are the 核验码 the server asks for). */
export function VerifyButton({ trackingNo, digest }: { trackingNo: string; digest: string }) {
  const [result, setResult] = useState<ReceiptVerification | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const verify = async () => {
    setBusy(true);
    setError(null);
    try {
      setResult(await api.get<ReceiptVerification>(`/receipts/${encodeURIComponent(trackingNo)}/verify`, { code: digest.slice(0, 16) }));
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
