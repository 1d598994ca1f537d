// 面试安排 (decision 0049): the online interviews of the employer's postings (officials: those of
// postings in their jurisdiction, read only), in three views — upcoming, past (started within 90
// days), cancelled — every time in Beijing time (Asia/Shanghai). The employer reschedules (time,
// length, link, note) or cancels with a reason; either may download the invitation (.ics, served by
// the server: the same UID, a higher SEQUENCE after each change). `?application=` narrows the list
// to one application (the applications page links here). Scheduling itself starts from the
// applications page (安排面试).
import { CalendarOutlined, VideoCameraOutlined } from '@ant-design/icons';
import { App, Button, Card, Segmented, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { INTERVIEW_VIEWS, type Interview, type InterviewView, useInterviewPages } from '../../api/interviews.ts';
import { useMe } from '../../api/queries.ts';
import { PagedTable } from '../../components/PagedTable.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { useUrlParams } from '../../lib/useUrlParams.ts';
import { CancelDialog, RescheduleDialog } from './InterviewDialogs.tsx';

/** `YYYY/MM/DD HH:mm–HH:mm`, Beijing time. */
export function slotText(iv: Pick<Interview, 'startsAt' | 'endsAt'>): string {
  return `${formatDateTime(iv.startsAt)}–${formatDateTime(iv.endsAt).slice(-5)}`;
}

/** The invitation's download link (a plain link: the session cookie goes with it; the server sends it as an attachment). */
export function IcsLink({ iv }: { iv: Interview }) {
  const { t } = useTranslation();
  return (
    <a href={iv.icsUrl} download data-testid="interview-ics">
      <CalendarOutlined /> {t('market:interview.ics')}
    </a>
  );
}

export function InterviewStatusTag({ iv }: { iv: Interview }) {
  const { t } = useTranslation();
  if (iv.status === 'cancelled') return <Tag data-testid="interview-status" data-status="cancelled">{t('market:interview.status.cancelled')}</Tag>;
  return (
    <Space size={4} wrap>
      <Tag color="blue" data-testid="interview-status" data-status="scheduled">
        {t('market:interview.status.scheduled')}
      </Tag>
      {iv.changedBy === 'seeker' && (
        <Tag color="orange" data-testid="interview-moved-by-seeker">
          {t('market:interview.movedBySeeker')}
        </Tag>
      )}
    </Space>
  );
}

export default function InterviewsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const isEmployer = useMe().data?.role === 'employer';
  const [params, setParam] = useUrlParams();
  const raw = params.get('view');
  const view: InterviewView = raw && (INTERVIEW_VIEWS as readonly string[]).includes(raw) ? (raw as InterviewView) : 'upcoming';
  const application = Number(params.get('application'));
  const applicationId = Number.isInteger(application) && application > 0 ? application : undefined;
  // the views' boundary: when the page opened (a new view or a change asks again from then)
  const [now, setNow] = useState(() => new Date());
  const list = useInterviewPages(view, now, applicationId);
  const [rescheduling, setRescheduling] = useState<Interview | null>(null);
  const [cancelling, setCancelling] = useState<Interview | null>(null);

  return (
    <div>
      <PageTitle title={t('market:interview.title')} />
      <Space style={{ marginBottom: 12 }} wrap>
        <Segmented<InterviewView>
          value={view}
          onChange={(v) => {
            setNow(new Date());
            setParam('view', v === 'upcoming' ? undefined : v);
          }}
          options={INTERVIEW_VIEWS.map((v) => ({ value: v, label: <span data-testid={`interviews-view-${v}`}>{t(`market:interview.view.${v}`)}</span> }))}
        />
        {applicationId && (
          <Tag closable onClose={() => setParam('application', undefined)} data-testid="interviews-application-filter">
            {t('market:interview.forApplication', { id: applicationId })}
          </Tag>
        )}
      </Space>
      <Typography.Paragraph type="secondary">{t('market:interview.help')}</Typography.Paragraph>
      <Card size="small">
        <PagedTable<Interview>
          testId="interviews-table"
          source={list}
          rowKey="id"
          onRow={(r) => ({ 'data-id': r.id, 'data-status': r.status }) as object}
          columns={[
            {
              title: t('market:interview.startsAt'),
              key: 'slot',
              width: 170,
              render: (_: unknown, r: Interview) => (
                <span data-testid="interview-slot" data-starts-at={r.startsAt}>
                  {slotText(r)}
                </span>
              ),
            },
            {
              title: t('market:field.posting'),
              key: 'posting',
              width: 170,
              render: (_: unknown, r: Interview) => (
                <>
                  <div>{r.postingTitle}</div>
                  <a href={`?application=${r.applicationId}`}>{t('market:interview.forApplication', { id: r.applicationId })}</a>
                </>
              ),
            },
            {
              title: t('market:interview.statusTitle'),
              key: 'status',
              width: 200,
              render: (_: unknown, r: Interview) => (
                <>
                  <InterviewStatusTag iv={r} />
                  {r.status === 'cancelled' ? (
                    <div>
                      <Typography.Text type="secondary" data-testid="interview-cancel-reason-shown">
                        {t(`market:interview.cancelledBy.${r.changedBy ?? 'employer'}`)}：{r.cancelReason}
                      </Typography.Text>
                    </div>
                  ) : r.note ? (
                    <div>
                      <Typography.Text type="secondary">{r.note}</Typography.Text>
                    </div>
                  ) : null}
                </>
              ),
            },
            {
              title: t('market:field.actions'),
              key: 'actions',
              width: 220,
              render: (_: unknown, r: Interview) => (
                <Space size={[8, 4]} wrap>
                  {r.status === 'scheduled' && (
                    <a href={r.meetingUrl} target="_blank" rel="noopener noreferrer" data-testid="interview-meeting-link">
                      <VideoCameraOutlined /> {t('market:interview.openMeeting')}
                    </a>
                  )}
                  <IcsLink iv={r} />
                  {isEmployer && view === 'upcoming' && r.status === 'scheduled' && (
                    <>
                      <Button size="small" onClick={() => setRescheduling(r)} data-testid="interview-reschedule">
                        {t('market:interview.reschedule')}
                      </Button>
                      <Button size="small" danger onClick={() => setCancelling(r)} data-testid="interview-cancel">
                        {t('market:interview.cancel')}
                      </Button>
                    </>
                  )}
                </Space>
              ),
            },
          ]}
        />
      </Card>
      {rescheduling && (
        <RescheduleDialog
          interview={rescheduling}
          onClose={() => setRescheduling(null)}
          onDone={() => {
            setRescheduling(null);
            void message.success(t('market:interview.rescheduled'));
          }}
        />
      )}
      {cancelling && (
        <CancelDialog
          interview={cancelling}
          onClose={() => setCancelling(null)}
          onDone={() => {
            setCancelling(null);
            void message.success(t('market:interview.cancelled'));
          }}
        />
      )}
    </div>
  );
}
