// A division tree select rooted at the user's jurisdiction; children load as nodes open.
import { useQueryClient } from '@tanstack/react-query';
import { TreeSelect } from 'antd';
import { useEffect, useState } from 'react';
import { levelOf, prefixOf } from '../../shared/division.ts';
import { divisionsQuery, useDivision, useDivisions } from '../api/queries.ts';
import type { Division } from '../api/types.ts';

type Node = { id: string; pId?: string; value: string; title: string; isLeaf: boolean; selectable: boolean };

function toNode(d: Division, countyOnly: boolean, pId?: string): Node {
  const leaf = levelOf(d.code) === 'county';
  return { id: d.code, pId, value: d.code, title: d.name, isLeaf: leaf, selectable: !countyOnly || leaf };
}

function merge(nodes: Node[], more: Node[]): Node[] {
  const seen = new Set(nodes.map((n) => n.id));
  return [...nodes, ...more.filter((n) => !seen.has(n.id))];
}

type Props = {
  rootCode: string;
  /** Only counties can be picked (agencies belong to a county). */
  countyOnly?: boolean;
  value?: string;
  onChange?: (value: string | undefined) => void;
  placeholder?: string;
  allowClear?: boolean;
  id?: string;
  testId?: string;
  style?: React.CSSProperties;
};

export function DivisionPicker({ rootCode, countyOnly = false, value, onChange, placeholder, allowClear, id, testId, style }: Props) {
  const queryClient = useQueryClient();
  const root = useDivision(rootCode).division;
  const rootIsLeaf = levelOf(rootCode) === 'county';
  const children = useDivisions(prefixOf(rootCode), !rootIsLeaf).data;
  const [nodes, setNodes] = useState<Node[]>([]);

  useEffect(() => {
    if (!root) return;
    const first = [toNode(root, countyOnly)];
    const kids = (children?.items ?? []).map((d) => toNode(d, countyOnly, root.code));
    setNodes((prev) => merge(merge(prev, first), kids));
  }, [root, children, countyOnly]);

  async function loadData(node: { value?: string | number }) {
    const code = String(node.value ?? '');
    if (!code || levelOf(code) === 'county') return;
    const page = await queryClient.fetchQuery(divisionsQuery(prefixOf(code)));
    setNodes((prev) => merge(prev, page.items.map((d) => toNode(d, countyOnly, code))));
  }

  return (
    <TreeSelect
      id={id}
      data-testid={testId}
      style={{ minWidth: 180, ...style }}
      treeDataSimpleMode
      treeData={nodes}
      loadData={loadData}
      treeDefaultExpandedKeys={[rootCode]}
      value={value}
      onChange={(v: string | undefined) => onChange?.(v)}
      placeholder={placeholder}
      allowClear={allowClear}
      showSearch={{ treeNodeFilterProp: 'title' }}
      popupMatchSelectWidth={false}
    />
  );
}
