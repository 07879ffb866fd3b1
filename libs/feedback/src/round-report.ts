import { KIND_LABELS, shanghaiText } from './format';

export interface SubmissionChecks {
  /** the stored canonical text still hashes to the stored digest */
  digest: boolean;
  /** the server's Ed25519 signature over the digest holds */
  signature: boolean;
  /** the stored rows (items, seals, evidence bytes) still rebuild the signed canonical text */
  content: boolean;
  /** the submission links to its predecessor and successor in the round's hash chain */
  chain: boolean;
}

export interface RoundVerification {
  roundId: string;
  roundNumber: number;
  title: string;
  ok: boolean;
  submissions: {
    trackingNo: string;
    unit: string;
    actingUnit: string;
    revision: number;
    kind: string;
    chainSeq: number;
    sealedAt: Date;
    checks: SubmissionChecks;
    valid: boolean;
  }[];
  chain: {
    ok: boolean;
    length: number;
    /** seals recorded in the append-only audit */
    recorded: number;
    brokenAt: { index: number; trackingNo: string | null; chainSeq: number | null } | null;
    /** sealed according to the audit or the chain head log, but no longer stored */
    missing: { trackingNo: string; chainSeq: number | null; inAudit: boolean; inAnchor: boolean }[];
    /** the chain head log outside the database (AppConfig.chainHeadLogFile) */
    anchor: {
      file: string;
      /** seals of this round in the log */
      recorded: number;
      /** the newest head the log holds for the round */
      head: { chainSeq: number; chainHash: string; trackingNo: string } | null;
      /** positions where the stored chain differs from the log (a row replaced) */
      mismatched: { chainSeq: number; trackingNo: string; storedTrackingNo: string | null }[];
      /** lines naming this round whose signature does not hold */
      unverifiable: number;
    };
  };
}

const CHECK_LABELS: [keyof SubmissionChecks, string][] = [
  ['digest', '摘要'],
  ['signature', '签名'],
  ['content', '内容'],
  ['chain', '链'],
];

/** The report `verify-round` prints: one line per sealed submission, then the chain, then the verdict. */
export function formatRoundVerification(report: RoundVerification): string {
  const lines = [`${report.title}（第${report.roundNumber}轮）：共 ${report.submissions.length} 份盖章反馈`, ''];
  for (const s of report.submissions) {
    const marks = CHECK_LABELS.map(([key, label]) => `${label}${s.checks[key] ? '✓' : '✗'}`).join(' ');
    const acting = s.actingUnit && s.actingUnit !== s.unit ? `（${s.actingUnit}报送）` : '';
    lines.push(`${s.valid ? '✓' : '✗'} ${s.trackingNo}  ${s.unit}${acting}  第${s.revision}版 ${KIND_LABELS[s.kind] ?? s.kind}  ${shanghaiText(s.sealedAt)}  ${marks}`);
    if (!s.checks.digest) lines.push(`    存储的规范化文本与摘要不符：提交内容被改动`);
    if (!s.checks.content) lines.push(`    意见条目、印章或盖章文件与签名时的内容不符：存储的记录被改动`);
    if (!s.checks.signature) lines.push(`    电子签名无法通过验证（签名被改动，或签名密钥不是本系统的）`);
    if (!s.checks.chain) lines.push(`    与前一份反馈的哈希链接不上：其前面的记录缺失或被改动`);
  }
  lines.push('');
  const anchor = report.chain.anchor;
  if (report.chain.ok) {
    lines.push(`哈希链：完整（${report.chain.length} 份，与审计记录的 ${report.chain.recorded} 次盖章一致）`);
    lines.push(
      anchor.head
        ? `库外链头记录：一致（${anchor.file}，${anchor.recorded} 份，最新链头为第 ${anchor.head.chainSeq} 份 ${anchor.head.trackingNo}）`
        : `库外链头记录：${anchor.file} 中没有本轮的记录（启用链头记录之前盖章的轮次，或记录文件不在此处），只核对了库内记录`,
    );
  } else {
    lines.push(`哈希链：断开`);
    if (report.chain.brokenAt) {
      const at = report.chain.brokenAt;
      lines.push(
        at.trackingNo
          ? `    第 ${at.index + 1} 份（${at.trackingNo}，链序号 ${at.chainSeq}）处断开：其前面的记录缺失、被插入或被改动`
          : `    链尾与审计记录的最后一次盖章不符：最后的记录缺失`,
      );
    }
    if (report.chain.recorded !== report.chain.length) lines.push(`    审计记录共盖章 ${report.chain.recorded} 次，库中只有 ${report.chain.length} 份`);
    for (const m of report.chain.missing) {
      const seq = m.chainSeq !== null ? `链序号 ${m.chainSeq}` : '';
      lines.push(
        m.inAudit
          ? `    审计记录中有 ${m.trackingNo}${m.inAnchor ? `（库外链头记录中也有，${seq}）` : ''}，但该反馈已不在库中`
          : `    库外链头记录（${seq}）中有 ${m.trackingNo}，但该反馈已不在库中（其审计记录也已删除）`,
      );
    }
    if (anchor.head && !report.submissions.some((s) => s.chainSeq >= anchor.head!.chainSeq)) {
      lines.push(`    库外链头记录（${anchor.file}）的最新链头是第 ${anchor.head.chainSeq} 份（${anchor.head.trackingNo}），库中的链只到第 ${report.chain.length} 份：链尾被删除`);
    }
    for (const m of anchor.mismatched) {
      lines.push(`    链序号 ${m.chainSeq}：库外链头记录为 ${m.trackingNo}，库中${m.storedTrackingNo ? `为 ${m.storedTrackingNo}，链哈希不符` : '没有这一份'}：记录被替换`);
    }
    if (anchor.unverifiable) lines.push(`    库外链头记录中有 ${anchor.unverifiable} 行本轮记录的签名不成立（被改动或伪造）`);
  }
  const bad = report.submissions.filter((s) => !s.valid).length;
  lines.push('');
  lines.push(
    report.ok
      ? `结论：验证通过，全部 ${report.submissions.length} 份反馈完整、未被改动。`
      : `结论：验证未通过（${[bad ? `${bad} 份反馈异常` : '', report.chain.ok ? '' : '哈希链断开'].filter(Boolean).join('，')}）。`,
  );
  return `${lines.join('\n')}\n`;
}
