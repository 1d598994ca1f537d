// Spreadsheet import: upload an .xlsx to an import endpoint; the answer is a count, or every
// refused cell worded by the server ("第 3 行，身份证号：校验位不正确").
import { UploadOutlined } from '@ant-design/icons';
import { Alert, Button, Upload } from 'antd';
import { type ReactNode, useState } from 'react';
import { ApiError, type ErrorDetail, rawFetch } from '../api/client.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export type ImportOutcome = { ok: true; imported: number } | { ok: false; message: string; details: ErrorDetail[] };

function importedCount(body: unknown): number {
  return typeof body === 'object' && body !== null && 'imported' in body && typeof body.imported === 'number' ? body.imported : 0;
}

/** `onImported` runs after a successful import (refresh the lists it changed). */
export function useXlsxImport(path: string, onImported: () => Promise<unknown>) {
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<ImportOutcome | null>(null);

  async function importFile(file: File) {
    setBusy(true);
    setOutcome(null);
    try {
      const response = await rawFetch(path, { method: 'POST', body: file, headers: { 'Content-Type': XLSX } });
      setOutcome({ ok: true, imported: importedCount(await response.json()) });
      await onImported();
    } catch (e) {
      setOutcome(
        e instanceof ApiError
          ? { ok: false, message: e.message, details: e.details }
          : { ok: false, message: e instanceof Error ? e.message : String(e), details: [] },
      );
    } finally {
      setBusy(false);
    }
  }

  return { busy, outcome, importFile, dismiss: () => setOutcome(null) };
}

export function ImportButton({ busy, onFile, label, testId }: { busy: boolean; onFile: (file: File) => void; label: ReactNode; testId?: string }) {
  return (
    <Upload
      accept=".xlsx"
      showUploadList={false}
      beforeUpload={(file) => {
        onFile(file);
        return false;
      }}
    >
      <Button icon={<UploadOutlined />} loading={busy} data-testid={testId}>
        {label}
      </Button>
    </Upload>
  );
}

/** `okText`: what a success says, given the number of rows imported. */
export function ImportResult({ outcome, onClose, okText }: { outcome: ImportOutcome; onClose: () => void; okText: (count: number) => string }) {
  if (outcome.ok) {
    return <Alert data-testid="import-ok" type="success" showIcon closable={{ onClose }} style={{ marginBottom: 12 }} title={okText(outcome.imported)} />;
  }
  return (
    <Alert
      data-testid="import-errors"
      type="error"
      showIcon
      closable={{ onClose }}
      style={{ marginBottom: 12 }}
      title={outcome.message}
      description={
        outcome.details.length > 0 && (
          <ul style={{ margin: 0, paddingInlineStart: 18, maxHeight: 240, overflowY: 'auto' }}>
            {outcome.details.map((d) => (
              <li key={`${d.row ?? ''}-${d.column ?? d.field ?? ''}-${d.message}`} data-testid="import-error-line" data-row={d.row} data-column={d.column}>
                {d.message}
              </li>
            ))}
          </ul>
        )
      }
    />
  );
}
