import { Typography } from 'antd';
import type { ReactNode } from 'react';

/** A page heading with actions that wrap under it on a phone. */
export function PageTitle({ title, extra }: { title: ReactNode; extra?: ReactNode }) {
  return (
    <div style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: 8, marginBottom: 16 }}>
      <Typography.Title level={4} style={{ margin: 0, flex: '1 1 auto' }}>
        {title}
      </Typography.Title>
      {extra && <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8 }}>{extra}</div>}
    </div>
  );
}
