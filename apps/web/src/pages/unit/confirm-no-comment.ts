import type { App } from 'antd';
import type { DraftState } from '../../hooks/useDraft';

type Modal = ReturnType<typeof App.useApp>['modal'];

/**
 * 无意见 from a draft that already holds comments: ask first (they will be cleared), then `go`; from an
 * empty draft go at once. `step` names what follows, e.g. 盖章提交 or 提交签发.
 */
export function confirmNoComment(modal: Modal, draft: DraftState, step: string, go: () => unknown): void {
  if (draft.kind === 'with_comments' && draft.items.length > 0) {
    modal.confirm({
      title: `改为“本单位无意见”并${step}？`,
      content: `已填写的 ${draft.items.length} 条意见将被清除。`,
      okText: `无意见，${step}`,
      cancelText: '取消',
      onOk: () => go(),
    });
  } else void go();
}
