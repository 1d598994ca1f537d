import { Alert } from 'antd';

export function QueryError({ error }: { error: Error | null }) {
  if (!error) return null;
  return <Alert data-testid="query-error" type="error" showIcon title={error.message} style={{ marginBottom: 16 }} />;
}
