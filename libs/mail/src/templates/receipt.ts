import { layout, RenderedMail } from './layout';

export interface ReceiptMailArgs {
  unitName: string;
  actingUnitName: string;
  roundTitle: string;
  trackingNo: string;
  revision: number;
  /** 有意见 / 无意见 / 撤回 */
  kindLabel: string;
  itemCount: number;
  /** Asia/Shanghai, e.g. 2023/5/22 17:30:00 */
  sealedAt: string;
  /** e.g. 逾期 1 天 2 小时; empty when on time */
  lateText: string;
  signatory: string;
  digest: string;
  signature: string;
  keyId: string;
  /** this reply's place in the round's hash chain and the chain head it made (anchored outside the database) */
  chainSeq: number;
  chainHash: string;
  verifyUrl: string;
}

/** 回执: sent to the unit after each sealed submission, with what lets anyone check it later. */
export function receiptMail(a: ReceiptMailArgs): RenderedMail {
  const paragraphs = [
    `${a.unitName}${a.actingUnitName !== a.unitName ? `（由${a.actingUnitName}报送）` : ''}对《${a.roundTitle}》的书面反馈已盖章提交，系统已签收。`,
    `回执编号：${a.trackingNo}`,
    `反馈类型：${a.kindLabel}${a.kindLabel === '有意见' ? `，共 ${a.itemCount} 条意见` : ''}${a.revision > 1 ? `（第 ${a.revision} 次提交，替代此前提交的版本）` : ''}`,
    `签发人：${a.signatory}；盖章提交时间：${a.sealedAt}${a.lateText ? `（${a.lateText}）` : ''}`,
    `核验码：${a.digest.slice(0, 16).toUpperCase()}`,
    `内容摘要（SHA-256）：${a.digest}`,
    `电子签名（Ed25519，密钥 ${a.keyId}）：${a.signature}`,
    `本轮哈希链：第 ${a.chainSeq} 份，链头 ${a.chainHash}（本轮已盖章的反馈至少有 ${a.chainSeq} 份；日后核验时若少于此数，说明记录被删除）`,
    '请妥善保存本回执。凭回执编号和核验码，任何人均可核验反馈内容未被改动。',
  ];
  return layout(`【征求意见回执】${a.trackingNo} ${a.unitName}`, `${a.actingUnitName}：`, paragraphs, { label: '核验回执', url: a.verifyUrl });
}
