import { conflict, forbidden, invalidInput, notFound, ruleViolation } from '@zq/common';

type Details = Record<string, unknown>;

/**
 * The error codes feedback raises, with their Chinese messages: one place to read what a user can
 * be told and under which stable code. apps/api maps the kind to the status (404, 400, 422, 409, 403).
 */
export const FeedbackErrors = {
  attestationChannelInvalid: (recipientShortName: unknown, details?: Details) => ruleViolation('ATTESTATION_CHANNEL_INVALID', `只有${recipientShortName}政府办公厅（室）报送的反馈才能选择“由市政府办公厅（室）报送”`, details),
  attestationNotApplicable: (details?: Details) => invalidInput('ATTESTATION_NOT_APPLICABLE', '“经市政府同意”的说明只适用于设区市的反馈', details),
  canonicalJsonUnsupported: (path: unknown, what: unknown, details?: Details) => invalidInput('CANONICAL_JSON_UNSUPPORTED', `提交内容无法规范化：${path} 处的值（${what}）不能用 JSON 准确表示`, details),
  cityApprovalRequired: (recipientShortName: unknown, ways: unknown, details?: Details) => ruleViolation('CITY_APPROVAL_REQUIRED', `${recipientShortName}的反馈须经市政府同意：${ways}`, details),
  clauseNotInVersion: (n: unknown, details?: Details) => ruleViolation('CLAUSE_NOT_IN_VERSION', `第 ${n} 条意见所针对的条款不在本轮征求意见稿中`, details),
  draftItemKeyDuplicate: (index: unknown, details?: Details) => invalidInput('DRAFT_ITEM_KEY_DUPLICATE', `第 ${index} 条意见的编号与前面的重复`, details),
  draftChangedSinceReview: (version: unknown, details?: Details) => conflict('DRAFT_VERSION_CONFLICT', `反馈草稿在您审阅后又被修改（当前第 ${version} 版），请重新审阅后再盖章提交`, details),
  evidenceFileRequired: (details?: Details) => invalidInput('EVIDENCE_FILE_REQUIRED', '请选择要上传的盖章文件扫描件（PDF 或图片）', details),
  evidenceNotFound: (details?: Details) => ruleViolation('EVIDENCE_NOT_FOUND', '所附的盖章文件扫描件不存在，或不是本单位为本轮上传的文件，请重新上传', details),
  evidenceTooLarge: (details?: Details) => invalidInput('EVIDENCE_TOO_LARGE', '盖章文件扫描件不能超过 20 MB', details),
  evidenceTypeNotAllowed: (details?: Details) => invalidInput('EVIDENCE_TYPE_NOT_ALLOWED', '盖章文件扫描件只能是 PDF、PNG 或 JPEG 文件', details),
  itemIncomplete: (n: unknown, needsLabel: unknown, lacking: unknown, details?: Details) => ruleViolation('ITEM_INCOMPLETE', `第 ${n} 条意见（${needsLabel}）缺少${lacking}`, details),
  nothingToWithdraw: (details?: Details) => ruleViolation('NOTHING_TO_WITHDRAW', '本单位没有可撤回的已提交反馈', details),
  noCommentHasItems: (count: unknown, details?: Details) => ruleViolation('NO_COMMENT_HAS_ITEMS', `选择“无意见”时不能附带意见条目（当前有 ${count} 条），请删除条目或改为“有意见”`, details),
  quoteNotInClause: (n: unknown, quote: unknown, clause: unknown, details?: Details) => ruleViolation('QUOTE_NOT_IN_CLAUSE', `第 ${n} 条意见引用的原文“${quote}”不在条款${clause}中`, details),
  quoteWithoutClause: (n: unknown, details?: Details) => ruleViolation('QUOTE_NOT_IN_CLAUSE', `第 ${n} 条意见引用了原文，但未选择条款`, details),
  prevChainHashInvalid: (details?: Details) => invalidInput('RECEIPT_DIGEST_INVALID', '前一链哈希应为 64 位小写十六进制值', details),
  receiptDigestInvalid: (details?: Details) => invalidInput('RECEIPT_DIGEST_INVALID', '摘要应为 64 位小写十六进制 SHA-256 值', details),
  receiptInputNotCanonical: (details?: Details) => invalidInput('RECEIPT_INPUT_NOT_CANONICAL', '回执只能对规范化（zq-canonical-json-v1）后的提交内容签名', details),
  receiptNotFound: (trackingNo: unknown, details?: Details) => notFound('RECEIPT_NOT_FOUND', `回执编号 ${trackingNo} 不存在`, details),
  /** public verification: one answer for an unknown number and a known one with a missing or wrong 核验码 */
  receiptNotVerifiable: () => notFound('RECEIPT_NOT_FOUND', '回执编号或核验码不正确'),
  noDraftToSeal: (details?: Details) => ruleViolation('REPLY_EMPTY', '尚未填写反馈：请先保存反馈意见，或选择“无意见”后再盖章提交', details),
  replyEmpty: (details?: Details) => ruleViolation('REPLY_EMPTY', '反馈没有任何意见内容：请填写意见，或选择“无意见”', details),
  revisionAfterDeadline: (deadlineAt: unknown, details?: Details) => ruleViolation('REVISION_AFTER_DEADLINE', `反馈截止时间（${deadlineAt}）已过，已提交的反馈不能再更正或撤回；如确需更正，请联系征求意见发起单位`, details),
  roundNotOpenForReplies: (statusLabel: unknown, details?: Details) => ruleViolation('ROUND_NOT_OPEN', `本轮征求意见${statusLabel}，不能再填写或提交反馈`, details),
  sealInvalid: (index: unknown, details?: Details) => invalidInput('SEAL_INVALID', `第 ${index} 个印章未注明加盖单位`, details),
  sealMissing: (unitName: unknown, details?: Details) => ruleViolation('SEAL_MISSING', `缺少${unitName}的公章`, details),
  sealUnitInvalid: (index: unknown, recipientShortName: unknown, details?: Details) => ruleViolation('SEAL_UNIT_INVALID', `第 ${index} 个印章不属于${recipientShortName}或其所属单位`, details),
  submissionAlreadyReviewed: (trackingNo: unknown, details?: Details) => conflict('SUBMISSION_ALREADY_REVIEWED', `回执编号 ${trackingNo} 的反馈已审核过`, details),
  submissionNotFound: (details?: Details) => notFound('SUBMISSION_NOT_FOUND', '反馈不存在', details),
  submissionNotVisible: (details?: Details) => notFound('SUBMISSION_NOT_FOUND', '反馈不存在或无权查看', details),
  withdrawalNotAcceptable: (details?: Details) => ruleViolation('SUBMISSION_NOT_REVIEWABLE', '撤回函无需采收', details),
  withdrawalNotReturnable: (details?: Details) => ruleViolation('SUBMISSION_NOT_REVIEWABLE', '撤回函无需退回', details),
  submissionSuperseded: (trackingNo: unknown, details?: Details) => ruleViolation('SUBMISSION_SUPERSEDED', `回执编号 ${trackingNo} 的反馈已被该单位更新的提交替代，请审核最新的提交`, details),
  trackingNumberInvalid: (text: unknown, details?: Details) => invalidInput('TRACKING_NUMBER_INVALID', `回执编号“${text}”格式无效，应形如 R2-省财政厅-0007`, details),
  trackingNumberUnavailable: (reason: unknown, details?: Details) => invalidInput('TRACKING_NUMBER_INVALID', `无法生成回执编号：${reason}`, details),
  unitUserOnlyDraft: (details?: Details) => forbidden('UNIT_USER_ONLY', '征求意见发起单位不能查看或填写各单位的反馈草稿', details),
  unitUserOnlySeal: (details?: Details) => forbidden('UNIT_USER_ONLY', '征求意见发起单位不能代替各单位在系统中盖章提交；收到的纸质或OA来函请用“代为录入”', details),
  draftVersionConflict: (who: unknown, version: unknown, baseVersion: unknown, details?: Details) =>
    conflict('DRAFT_VERSION_CONFLICT', `反馈草稿已被${who}修改（当前第 ${version} 版，您的修改基于第 ${baseVersion} 版），请刷新后再保存，以免覆盖他人的修改`, details),
  draftNeverSaved: (details?: Details) => conflict('DRAFT_VERSION_CONFLICT', '反馈草稿尚未保存过，请从第 0 版开始保存', details),
  receiptKeyUnreadable: (which: '私钥' | '公钥', details?: Details) => invalidInput('RECEIPT_KEY_INVALID', which === '私钥' ? '无法读取回执签名私钥（PEM 格式或口令错误）' : '无法读取回执验证公钥（PEM 格式错误）', details),
  receiptKeyNotEd25519: (which: '私钥' | '公钥', keyType: unknown, details?: Details) => invalidInput('RECEIPT_KEY_INVALID', `回执${which === '私钥' ? '签名私钥' : '验证公钥'}应为 Ed25519，实为 ${keyType}`, details),
  signoffBlank: (label: unknown, details?: Details) => invalidInput('SIGNOFF_BLANK', `请填写${label}`, details),
  actingUnitInvalid: (recipientName: unknown, details?: Details) => ruleViolation('ACTING_UNIT_INVALID', `来函单位须是${recipientName}或其所属单位`, details),
  alreadyReplied: (details?: Details) => conflict('ALREADY_REPLIED', '该单位已有有效的书面反馈，不能再代为录入；如来函与已提交的反馈不同，请先退回该反馈，或请该单位在系统中更正', details),
  evidenceScanNotVisible: (details?: Details) => notFound('EVIDENCE_NOT_FOUND', '扫描件不存在或无权查看', details),
  officeOnlyRecord: (details?: Details) => forbidden('OFFICE_ONLY', '只有征求意见发起单位的工作人员可以代为录入', details),
  receivedOnInvalid: (details?: Details) => invalidInput('RECEIVED_ON_INVALID', '收文日期格式不正确，应为“2023-05-22”这样的日期', details),
  receivedOnInFuture: (details?: Details) => ruleViolation('RECEIVED_ON_IN_FUTURE', '收文日期不能晚于今天', details),
  recipientNotInRound: (details?: Details) => notFound('RECIPIENT_NOT_FOUND', '征求意见轮次不存在，或该单位不在本轮征求范围内', details),
  replyFileRequired: (details?: Details) => invalidInput('REPLY_FILE_REQUIRED', '请选择填好的反馈意见表（Word、Excel、文本或 PDF）', details),
};
