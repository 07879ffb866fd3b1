import { invalidInput } from '@zq/common';
import type { ItemKind } from '@zq/feedback';
import type { Decision } from './entities/adoption.entity';

export const DECISION_LABELS: Record<Decision, string> = {
  adopted: '采纳',
  partially_adopted: '部分采纳',
  not_adopted: '不采纳',
  noted: '已在其他条款体现或供参考',
};

export const ITEM_KIND_LABELS: Record<ItemKind, string> = { modify: '修改', delete: '删除', add: '新增', other: '其他' };

export const CHANGE_KIND_LABELS = { modify: '修改条文', delete: '删除条款', add: '新增条款', other: '未自动修改' } as const;

export const CHANGE_STATUS_LABELS = { applied: '已自动修改', needs_manual_edit: '需人工修改', resolved: '已人工处理' } as const;

export interface DecisionInput {
  decision: Decision;
  reason?: string;
  editedText?: string | null;
  carryOver?: boolean;
}

/** The rules of one decision, whatever the number of items it covers. */
export function checkDecision(input: DecisionInput): { decision: Decision; reason: string; editedText: string | null; carryOver: boolean } {
  const reason = (input.reason ?? '').trim();
  const editedText = input.editedText?.trim() ? input.editedText.trim() : null;
  const carryOver = input.carryOver ?? false;
  if ((input.decision === 'not_adopted' || input.decision === 'partially_adopted') && !reason) {
    throw invalidInput('DISPOSITION_REASON_REQUIRED', `“${DECISION_LABELS[input.decision]}”须填写理由`, { field: 'reason', decision: input.decision });
  }
  if (editedText !== null && input.decision !== 'adopted' && input.decision !== 'partially_adopted') {
    throw invalidInput('EDITED_TEXT_NOT_ALLOWED', '只有采纳或部分采纳的意见可以填写采纳后的文字', { field: 'editedText', decision: input.decision });
  }
  if (carryOver && input.decision !== 'not_adopted' && input.decision !== 'noted') {
    throw invalidInput('CARRY_OVER_NOT_ALLOWED', '只有未采纳或供参考的意见可以转入下一轮继续征求', { field: 'carryOver', decision: input.decision });
  }
  return { decision: input.decision, reason, editedText, carryOver };
}
