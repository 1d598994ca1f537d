import { Card } from 'antd';
import type { ReactNode } from 'react';

/** The filters above a list; they wrap onto more lines on a phone. */
export function FilterBar({ children }: { children: ReactNode }) {
  return (
    <Card size="small" style={{ marginBottom: 12 }}>
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8 }}>{children}</div>
    </Card>
  );
}
