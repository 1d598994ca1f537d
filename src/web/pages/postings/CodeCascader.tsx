// A cascader over a hierarchical code table (occupations, industries) whose levels load as they open.
// Its value is the path of codes; `pathOf` rebuilds a stored code's path when the codes nest by
// prefix (occupations: 4 → 4-02 → 4-02-01 → 4-02-01-03), so an edited posting shows its names.
import { Cascader } from 'antd';
import { useEffect, useState } from 'react';
import type { CodeItem } from '../../api/postings.ts';

type Option = { value: string; label: string; isLeaf: boolean; children?: Option[] };

type Props = {
  load: (parent?: string) => Promise<CodeItem[]>;
  /** The deepest level of the table: its items are leaves. */
  leafLevel: number;
  /** Only the deepest level may be chosen (industries: a class, four digits). */
  leafOnly?: boolean;
  value?: string[];
  onChange?: (value: string[] | undefined) => void;
  placeholder?: string;
  testId?: string;
  id?: string;
};

const toOption = (leafLevel: number) => (c: CodeItem): Option => ({ value: c.code, label: `${c.name}（${c.code}）`, isLeaf: c.level >= leafLevel });

function setChildren(options: Option[], path: string[], children: Option[]): Option[] {
  const [head, ...rest] = path;
  return options.map((o) => (o.value !== head ? o : rest.length ? { ...o, children: setChildren(o.children ?? [], rest, children) } : { ...o, children }));
}

export function CodeCascader({ load, leafLevel, leafOnly, value, onChange, placeholder, testId, id }: Props) {
  const [options, setOptions] = useState<Option[]>([]);
  // the value the form started with: its levels are loaded once; later values come from the user, who opens the levels
  const [initialPath] = useState(value);

  // the top level, then (for a value given from outside) every level down its path
  useEffect(() => {
    let stale = false;
    void (async () => {
      let tree = (await load()).map(toOption(leafLevel));
      const path = initialPath ?? [];
      for (let i = 0; i < path.length - 1; i++) {
        const kids = (await load(path[i])).map(toOption(leafLevel));
        tree = setChildren(tree, path.slice(0, i + 1), kids);
      }
      if (!stale) setOptions(tree);
    })().catch(() => undefined);
    return () => {
      stale = true;
    };
  }, [load, leafLevel, initialPath]);

  return (
    <Cascader<Option>
      id={id}
      data-testid={testId}
      options={options}
      value={value}
      placeholder={placeholder}
      changeOnSelect={!leafOnly}
      showSearch={false}
      allowClear
      style={{ width: '100%' }}
      onChange={(v) => onChange?.(v?.length ? (v as string[]) : undefined)}
      loadData={(selected) => {
        const last = selected[selected.length - 1];
        if (!last) return;
        void load(last.value).then((items) => {
          setOptions((prev) => setChildren(prev, selected.map((s) => s.value), items.map(toOption(leafLevel))));
        });
      }}
    />
  );
}

/** The path of an occupation code: its prefixes at each level. */
export function occupationPath(code: string | null | undefined): string[] | undefined {
  if (!code) return undefined;
  const parts = code.split('-');
  return parts.map((_, i) => parts.slice(0, i + 1).join('-'));
}
