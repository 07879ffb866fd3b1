import { CheckCircleOutlined, CloudSyncOutlined, LoadingOutlined, WarningOutlined } from '@ant-design/icons';
import { shanghaiTime } from '../../format';
import type { SaveState } from '../../hooks/useDraft';

/** 已自动保存（第 n 版）, 正在保存…, 保存冲突: where the draft stands. */
export function SaveIndicator({ save }: { save: SaveState }) {
  const content =
    save.kind === 'saving' ? (
      <>
        <LoadingOutlined /> 正在保存…
      </>
    ) : save.kind === 'dirty' ? (
      <>
        <CloudSyncOutlined /> 有未保存的修改（将自动保存）
      </>
    ) : save.kind === 'saved' ? (
      save.version > 0 ? (
        <>
          <CheckCircleOutlined /> 已自动保存（第 {save.version} 版{save.at ? ` ${shanghaiTime(save.at).slice(11)}` : ''}）
        </>
      ) : (
        <>尚未填写</>
      )
    ) : (
      <>
        <WarningOutlined /> {save.kind === 'conflict' ? '保存冲突' : '保存失败'}
      </>
    );
  return (
    <span
      className={`save-indicator save-${save.kind}`}
      role="status"
      aria-live="polite"
      title={save.kind === 'saved' && save.at ? `${shanghaiTime(save.at)}${save.by ? ` 由${save.by}保存` : ''}` : undefined}
    >
      {content}
    </span>
  );
}
