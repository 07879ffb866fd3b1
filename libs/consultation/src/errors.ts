import { forbidden, invalidInput, notFound, ruleViolation } from '@zq/common';

type Details = Record<string, unknown>;

/**
 * The error codes consultation raises, with their Chinese messages: one place to read what a user can
 * be told and under which stable code. apps/api maps the kind to the status (404, 400, 422, 409, 403).
 */
export const ConsultationErrors = {
  attachmentFileRequired: (details?: Details) => invalidInput('ATTACHMENT_FILE_REQUIRED', '请选择要附在征求意见函后的文件', details),
  attachmentTooLarge: (details?: Details) => invalidInput('ATTACHMENT_TOO_LARGE', '附件不能超过 20 MB', details),
  attachmentTypeNotAllowed: (details?: Details) => invalidInput('ATTACHMENT_TYPE_NOT_ALLOWED', '附件只能是 PDF、Word、Excel 或图片（PNG/JPEG）文件', details),
  attachmentNotFound: (details?: Details) => notFound('ATTACHMENT_NOT_FOUND', '附件不存在', details),
  attachmentsTooMany: (max: number, details?: Details) => ruleViolation('ATTACHMENTS_TOO_MANY', `每轮最多 ${max} 个附件`, details),
  attachmentsLocked: (details?: Details) => ruleViolation('ATTACHMENTS_LOCKED', '征求意见函已发出，附件已随函送达各单位，不能再删除', details),
  /** a lifecycle event from a state that does not allow it (ROUND_ / RECIPIENT_TRANSITION_NOT_ALLOWED) */
  transitionNotAllowed: (machine: 'ROUND' | 'RECIPIENT', stateLabel: string, details?: Details) =>
    ruleViolation(`${machine}_TRANSITION_NOT_ALLOWED`, `当前状态“${stateLabel}”下不能执行此操作`, details),
  roundConcludedNoAttachments: (details?: Details) => ruleViolation('ROUND_CONCLUDED', '本轮征求意见已办结，不能再添加附件', details),
  cityApprovalRuleInvalid: (details?: Details) => invalidInput('CITY_APPROVAL_RULE_INVALID', '设区市需经市政府同意时，应允许市政府办公厅反馈或指定须加盖的公章', details),
  citySealKindInvalid: (details?: Details) => invalidInput('CITY_APPROVAL_RULE_INVALID', '须加盖公章的单位类型无效', details),
  coverageNotAcknowledged: (details?: Details) => ruleViolation('COVERAGE_NOT_ACKNOWLEDGED', '部分责任单位不在征求对象中，或有征求对象无法通知，请确认后再发出', details),
  deadlineAmbiguous: (details?: Details) => invalidInput('DEADLINE_AMBIGUOUS', '截止日期和工作日数只能填写一项', details),
  deadlinePassed: (deadline: unknown, details?: Details) => ruleViolation('DEADLINE_PASSED', `反馈截止时间 ${deadline} 已过，请修改截止日期`, details),
  deadlineRequired: (details?: Details) => invalidInput('DEADLINE_REQUIRED', '请填写反馈截止日期或工作日数', details),
  extensionInPast: (details?: Details) => invalidInput('EXTENSION_IN_PAST', '延期后的截止时间已过', details),
  extensionNotLater: (previous: unknown, details?: Details) => invalidInput('EXTENSION_NOT_LATER', `延期后的截止时间应晚于当前截止时间 ${previous}`, details),
  letterRequired: (details?: Details) => invalidInput('LETTER_REQUIRED', '请粘贴征求意见函全文，或选择已导入的版本', details),
  nothingToUpdate: (details?: Details) => invalidInput('NOTHING_TO_UPDATE', '没有要修改的内容', details),
  exemptionReasonRequired: (details?: Details) => invalidInput('REASON_REQUIRED', '请填写豁免理由', details),
  extensionReasonRequired: (details?: Details) => invalidInput('REASON_REQUIRED', '请填写延期理由', details),
  recipientAlreadyReplied: (details?: Details) => ruleViolation('RECIPIENT_ALREADY_REPLIED', '该单位已反馈或已豁免，无需延期', details),
  recipientKindInvalid: (details?: Details) => invalidInput('RECIPIENT_KIND_INVALID', '发起单位本身不能作为征求对象', details),
  recipientIdNotFound: (details?: Details) => notFound('RECIPIENT_NOT_FOUND', '征求对象不存在', details),
  recipientNotFound: (details?: Details) => notFound('RECIPIENT_NOT_FOUND', '该单位不是本轮征求对象', details),
  selectedUnitsNotRecipients: (details?: Details) => notFound('RECIPIENT_NOT_FOUND', '所选单位不是本轮征求对象', details),
  recipientTransitionNotAllowed: (details?: Details) => ruleViolation('RECIPIENT_TRANSITION_NOT_ALLOWED', '征求对象状态已变化，请刷新后重试', details),
  roundLaunchedCannotDelete: (details?: Details) => ruleViolation('ROUND_NOT_DRAFT', '已发出的征求意见不能删除，只能截止', details),
  roundLaunchedOnlyEscalation: (details?: Details) => ruleViolation('ROUND_NOT_DRAFT', '征求意见已发出，只能修改电话催办名单', details),
  roundNotDraft: (details?: Details) => ruleViolation('ROUND_NOT_DRAFT', '征求意见已发出', details),
  roundNotFound: (details?: Details) => notFound('ROUND_NOT_FOUND', '征求意见轮次不存在', details),
  roundNotFoundForUnit: (details?: Details) => notFound('ROUND_NOT_FOUND', '征求意见轮次不存在，或本单位不在本轮征求范围内', details),
  roundNotOpen: (action: unknown, details?: Details) => ruleViolation('ROUND_NOT_OPEN', `只有征求中的轮次可以${action}`, details),
  roundNoRecipients: (details?: Details) => ruleViolation('ROUND_NO_RECIPIENTS', '请先选择征求对象', details),
  roundNumberInvalid: (details?: Details) => invalidInput('ROUND_NUMBER_INVALID', '轮次应为正整数', details),
  unitsNotInDirectory: (count: unknown, details?: Details) => invalidInput('UNIT_NOT_FOUND', `有 ${count} 个征求对象不在单位目录中`, details),
  unitOnly: (details?: Details) => forbidden('UNIT_ONLY', '仅限征求对象单位的用户查看', details),
  versionRequired: (details?: Details) => invalidInput('VERSION_REQUIRED', '请选择征求意见稿版本', details),
};
