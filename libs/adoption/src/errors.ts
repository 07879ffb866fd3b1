import { conflict, forbidden, invalidInput, notFound, ruleViolation } from '@zq/common';

type Details = Record<string, unknown>;

/**
 * The error codes adoption raises, with their Chinese messages: one place to read what a user can
 * be told and under which stable code. apps/api maps the kind to the status (404, 400, 422, 409, 403).
 */
export const AdoptionErrors = {
  carryOverNotAllowed: (details?: Details) => invalidInput('CARRY_OVER_NOT_ALLOWED', '只有未采纳或供参考的意见可以转入下一轮继续征求', details),
  changeAlreadyApplied: (details?: Details) => ruleViolation('CHANGE_ALREADY_APPLIED', '该修改已自动完成，无需人工处理', details),
  changeHasNoClause: (details?: Details) => invalidInput('CHANGE_HAS_NO_CLAUSE', '总体意见不针对具体条款，请填写处理说明', details),
  changeNotFound: (details?: Details) => notFound('CHANGE_NOT_FOUND', '该修改记录不存在', details),
  clauseNotInNextVersion: (details?: Details) => ruleViolation('CLAUSE_NOT_IN_NEXT_VERSION', '该条款在下一版本中已被删除，请填写处理说明', details),
  dispositionReasonRequired: (decisionLabel: unknown, details?: Details) => invalidInput('DISPOSITION_REASON_REQUIRED', `“${decisionLabel}”须填写理由`, details),
  editedTextNotAllowed: (details?: Details) => invalidInput('EDITED_TEXT_NOT_ALLOWED', '只有采纳或部分采纳的意见可以填写采纳后的文字', details),
  itemsRequired: (details?: Details) => invalidInput('ITEMS_REQUIRED', '请选择要处理的意见，或选择“其余未处理的全部意见”（二者选一）', details),
  itemNotCurrent: (count: unknown, details?: Details) => ruleViolation('ITEM_NOT_CURRENT', `有 ${count} 条意见所在的反馈已被该单位更新、撤回或退回，请处理其最新的反馈`, details),
  itemNotFound: (details?: Details) => notFound('ITEM_NOT_FOUND', '该条意见不存在', details),
  itemsNotInRound: (count: unknown, details?: Details) => notFound('ITEM_NOT_FOUND', `有 ${count} 条意见不属于本轮征求意见`, details),
  manualEditsPending: (count: unknown, details?: Details) => ruleViolation('MANUAL_EDITS_PENDING', `下一版本尚有 ${count} 处修改需人工处理`, details),
  nextVersionExists: (details?: Details) => conflict('NEXT_VERSION_EXISTS', '本轮已生成下一版本；如需按最新的采纳情况重新生成（将放弃对其所作的修改），请选择替换', details),
  nextVersionInUse: (details?: Details) => ruleViolation('NEXT_VERSION_IN_USE', '下一版本已被另一轮征求意见使用，不能重新生成', details),
  nextVersionLocked: (details?: Details) => ruleViolation('NEXT_VERSION_LOCKED', '下一版本已发布或已用于征求意见，不能再修改', details),
  nextVersionMissing: (details?: Details) => ruleViolation('NEXT_VERSION_MISSING', '尚未根据采纳情况生成下一版本', details),
  nextVersionStale: (details?: Details) => ruleViolation('NEXT_VERSION_STALE', '生成下一版本后采纳决定有变更，请重新生成下一版本后再办结', details),
  resolutionRequired: (details?: Details) => invalidInput('RESOLUTION_REQUIRED', '请填写修改后的条文，或说明无需修改的理由', details),
  roundConcluded: (details?: Details) => ruleViolation('ROUND_CONCLUDED', '本轮征求意见已办结，采纳情况不能再修改', details),
  roundConcludedVersionPublished: (details?: Details) => ruleViolation('ROUND_CONCLUDED', '本轮征求意见已办结，下一版本已发布，不能再修改', details),
  roundNotConcluded: (details?: Details) => ruleViolation('ROUND_NOT_CONCLUDED', '本轮征求意见办结（下一版本发布）后才能发起下一轮', details),
  roundNotLaunched: (details?: Details) => ruleViolation('ROUND_NOT_LAUNCHED', '征求意见尚未发出，没有可处理的反馈意见', details),
  undecidedItems: (count: unknown, details?: Details) => ruleViolation('UNDECIDED_ITEMS', `尚有 ${count} 条意见未作采纳决定，请逐条决定，或对其余意见统一作出处理后再办结`, details),
  unitUserOnly: (details?: Details) => forbidden('UNIT_USER_ONLY', '此页面供征求对象查看本单位以往意见的处理情况', details),
  versionLabelRequired: (details?: Details) => invalidInput('VERSION_LABEL_REQUIRED', '请填写新版本的名称，如“送审稿”', details),
  roundNotClosed: (details?: Details) => ruleViolation('ROUND_NOT_CLOSED', '请先截止本轮征求意见，再根据采纳情况生成下一版本', details),
  roundConcludedNoNextVersion: (details?: Details) => ruleViolation('ROUND_NOT_CLOSED', '本轮征求意见已办结，不能再生成下一版本', details),
};
