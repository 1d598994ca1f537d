// 场所二维码: the poster's content — the venue's QR code (antd's QRCode, drawn in the page) holding
// `{public base URL}/m/v/{code}`, the code itself grouped for reading aloud, a PNG download and
// print. Without a configured public base URL the server refuses (409) and the page says so rather
// than print a code that leads nowhere. The administrator can replace a code (the old one then
// answers as withdrawn).
import { DownloadOutlined, PrinterOutlined, SyncOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { Alert, App, Button, Card, Popconfirm, QRCode, Space, Typography } from 'antd';
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client.ts';
import type { Venue } from '../../api/types.ts';
import { useRefreshVenues, useVenueQr } from '../../api/venues.ts';
import { PageLoading } from '../../components/PageLoading.tsx';

export function QrPanel({ venue, canReplace }: { venue: Venue; canReplace: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qr = useVenueQr(venue.id, true);
  const refresh = useRefreshVenues();
  const box = useRef<HTMLDivElement>(null);
  const replace = useMutation({
    mutationFn: () => unwrap(api.POST('/api/v1/prevention/venues/{id}/code', { params: { path: { id: String(venue.id) } } })),
    onSuccess: async () => {
      await refresh();
      void message.success(t('venues:qr.replaced'));
    },
    onError: (e) => void message.error(e.message),
  });

  function download() {
    const canvas = box.current?.querySelector('canvas');
    if (!canvas) return;
    const a = document.createElement('a');
    a.href = canvas.toDataURL('image/png');
    a.download = `${venue.name}-${venue.code}.png`;
    document.body.append(a);
    a.click();
    a.remove();
  }

  const replaceButton = canReplace && (
    <Popconfirm title={t('venues:qr.replaceConfirm')} onConfirm={() => replace.mutateAsync()}>
      <Button icon={<SyncOutlined />} loading={replace.isPending} data-testid="qr-replace">
        {t('venues:qr.replace')}
      </Button>
    </Popconfirm>
  );

  if (qr.isPending) return <PageLoading />;
  if (!qr.data) {
    return (
      <div>
        <Alert type="warning" showIcon title={qr.error?.message} data-testid="qr-unavailable" style={{ marginBottom: 12 }} />
        <Typography.Paragraph>
          {t('venues:venue.field.code')}：<Typography.Text strong copyable data-testid="qr-code-text">{venue.codeGrouped}</Typography.Text>
        </Typography.Paragraph>
        {replaceButton}
      </div>
    );
  }
  return (
    <Card size="small" style={{ maxWidth: 420, textAlign: 'center' }}>
      <Typography.Title level={5}>{qr.data.venueName}</Typography.Title>
      <div ref={box} style={{ display: 'inline-block' }} data-testid="qr-image" data-url={qr.data.url}>
        <QRCode value={qr.data.url} size={240} type="canvas" errorLevel="M" bordered={false} />
      </div>
      <Typography.Title level={3} style={{ letterSpacing: 2, margin: '8px 0' }} data-testid="qr-code-text">
        {qr.data.codeGrouped}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('venues:qr.hint')}</Typography.Paragraph>
      <Typography.Paragraph copyable style={{ wordBreak: 'break-all' }}>
        {qr.data.url}
      </Typography.Paragraph>
      <Space wrap>
        <Button icon={<DownloadOutlined />} onClick={download} data-testid="qr-download">
          {t('venues:qr.download')}
        </Button>
        <Button icon={<PrinterOutlined />} onClick={() => window.print()}>
          {t('venues:qr.print')}
        </Button>
        {replaceButton}
      </Space>
    </Card>
  );
}
