// Downloads a spreadsheet the API builds (e.g. /api/v1/agencies/export.xlsx) with the list's current
// filters; a failure shows as a message, in the server's words.
import { DownloadOutlined } from '@ant-design/icons';
import { App, Button, type ButtonProps } from 'antd';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { withQuery } from '../api/client.ts';
import { downloadFile } from '../lib/download.ts';

type Props = {
  /** The .xlsx endpoint. */
  path: string;
  /** Filters as the endpoint takes them; empty values are left out. */
  query?: Parameters<typeof withQuery>[1];
  /** Used when the answer names no file. */
  fileName: string;
  label?: ReactNode;
  icon?: ReactNode;
  size?: ButtonProps['size'];
  testId?: string;
};

export function ExportButton({ path, query, fileName, label, icon, size, testId }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);

  async function download() {
    setBusy(true);
    try {
      await downloadFile(query ? withQuery(path, query) : path, fileName);
    } catch (e) {
      void message.error(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Button size={size} icon={icon ?? <DownloadOutlined />} loading={busy} onClick={() => void download()} data-testid={testId}>
      {label ?? t('common:action.exportExcel')}
    </Button>
  );
}
