import { saveBlob } from '../../api/client';
import type { SealedReceipt } from '../../api/types';
import { shanghaiTime } from '../../format';

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
