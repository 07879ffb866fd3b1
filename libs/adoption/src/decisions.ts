import { AdoptionErrors } from './errors';
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
    throw AdoptionErrors.dispositionReasonRequired(DECISION_LABELS[input.decision], { field: 'reason', decision: input.decision });
  }
  if (editedText !== null && input.decision !== 'adopted' && input.decision !== 'partially_adopted') {
    throw AdoptionErrors.editedTextNotAllowed({ field: 'editedText', decision: input.decision });
  }
  if (carryOver && input.decision !== 'not_adopted' && input.decision !== 'noted') {
    throw AdoptionErrors.carryOverNotAllowed({ field: 'carryOver', decision: input.decision });
  }
  return { decision: input.decision, reason, editedText, carryOver };
}
