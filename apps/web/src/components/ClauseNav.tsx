import { Tree } from 'antd';
import type { DataNode } from 'antd/es/tree';
import { useMemo } from 'react';
import type { ClauseRow } from './clauses/rows';
import { clauseTitle } from './clauses/rows';

/** The outline (parts, sections, numbered items) as a virtual tree; choosing a node jumps to it. */
export function ClauseNav({ rows, onSelect, height = 480, marks }: { rows: ClauseRow[]; onSelect: (index: number) => void; height?: number; marks?: Map<string, number> }) {
  const { treeData, expanded } = useMemo(() => {
    const roots: DataNode[] = [];
    const stack: { depth: number; node: DataNode }[] = [];
    const expanded: string[] = [];
    rows.forEach((r, index) => {
      if (!r.label && !r.heading) return;
      const mark = marks?.get(r.key);
      const node: DataNode = { key: `${index}`, title: `${clauseTitle(r)}${mark ? `（${mark}）` : ''}`, children: [] };
      while (stack.length && stack[stack.length - 1].depth >= r.depth) stack.pop();
      const parent = stack[stack.length - 1];
      if (parent) (parent.node.children as DataNode[]).push(node);
      else roots.push(node);
      if (r.depth < 2) expanded.push(`${index}`);
      stack.push({ depth: r.depth, node });
    });
    return { treeData: roots, expanded };
  }, [rows, marks]);

  return (
    <nav aria-label="条款目录" className="clause-nav">
      <Tree
        treeData={treeData}
        defaultExpandedKeys={expanded}
        height={height}
        virtual
        blockNode
        onSelect={(keys) => {
          if (keys.length) onSelect(Number(keys[0]));
        }}
      />
    </nav>
  );
}
