import type { RedlineSegment } from '../../api/types';

/** Word-level redline: deletions struck through in red, insertions underlined in green. */
export function Redline({ segments }: { segments: RedlineSegment[] }) {
  return (
    <span className="redline">
      {segments.map((s, i) =>
        s.op === 'insert' ? (
          <ins key={i} className="rl-ins" title="新增">
            {s.text}
          </ins>
        ) : s.op === 'delete' ? (
          <del key={i} className="rl-del" title="删除">
            {s.text}
          </del>
        ) : (
          <span key={i}>{s.text}</span>
        ),
      )}
    </span>
  );
}
