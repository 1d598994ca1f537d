// Catches render errors and failed lazy chunks (e.g. after a redeploy renamed them) so the user
// sees a way out instead of a blank page.
import { Button, Result } from 'antd';
import { Component, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

function Fallback({ message }: { message: string }) {
  const { t } = useTranslation();
  return (
    <Result
      status="warning"
      title={t('common:error.title')}
      subTitle={message}
      extra={
        <Button type="primary" onClick={() => window.location.reload()}>
          {t('common:error.reload')}
        </Button>
      }
    />
  );
}

export class ErrorBoundary extends Component<{ children: ReactNode }, { error: Error | null }> {
  override state: { error: Error | null } = { error: null };

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  override render() {
    return this.state.error ? <Fallback message={this.state.error.message} /> : this.props.children;
  }
}
