// 账号与身份: who holds which membership in the desk's reach (an official's division subtree, an
// agency's own people), filtered, cursor-paged, exportable. Officials also give memberships below
// their level (the one-time password of a new sign-in is shown once, in the dialog) and disable or
// enable them; an agency administrator reads only (its roster decides its staff's memberships).
import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, Input, Modal, Popconfirm, Select, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { prefixOf } from '../../../shared/division.ts';
import { GRANTABLE_BY, isOfficial, mayToggle, ROLES } from '../../../shared/roles.ts';
import { api, unwrap } from '../../api/client.ts';
import { MEMBERSHIP_STATUSES, pick } from '../../api/enums.ts';
import { apiFilters, clean, useDivisions, useMe, useMembershipPages } from '../../api/queries.ts';
import type { Me, MembershipCreated, MembershipFilters, MembershipItem, NewMembership, Role } from '../../api/types.ts';
import { scopeRootCode } from '../../auth/scope.ts';
import { DivisionPicker } from '../../components/DivisionPicker.tsx';
import { ExportButton } from '../../components/ExportButton.tsx';
import { FilterBar } from '../../components/FilterBar.tsx';
import { showFormError } from '../../components/formErrors.ts';
import { useFormRules } from '../../components/formRules.ts';
import { PagedTable } from '../../components/PagedTable.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { useUrlParams } from '../../lib/useUrlParams.ts';

function filtersFrom(params: URLSearchParams): MembershipFilters {
  return clean({
    q: params.get('q') ?? undefined,
    role: pick(ROLES, params.get('role')),
    status: pick(MEMBERSHIP_STATUSES, params.get('status')),
    division: params.get('division') ?? undefined,
  });
}

export default function MembershipsPage() {
  const { t } = useTranslation();
  const me = useMe().data;
  const [params, setFilter] = useUrlParams();
  const filters = filtersFrom(params);
  const list = useMembershipPages(filters);
  const [creating, setCreating] = useState(false);
  const official = me !== undefined && me !== null && isOfficial(me.role);
  const root = me && official ? scopeRootCode(me) : undefined;

  return (
    <div>
      <PageTitle
        title={t('identity:membership.title')}
        extra={
          <>
            <ExportButton path="/api/v1/memberships/export.xlsx" query={apiFilters(filters)} fileName="memberships.xlsx" testId="export-memberships" />
            {official && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="create-membership">
                {t('identity:membership.create')}
              </Button>
            )}
          </>
        }
      />
      <FilterBar>
        <Input.Search
          allowClear
          defaultValue={filters.q}
          placeholder={t('identity:membership.searchPlaceholder')}
          onSearch={(v) => setFilter('q', v.trim() || undefined)}
          style={{ flex: '1 1 200px', maxWidth: 280 }}
          data-testid="membership-search"
        />
        <Select
          allowClear
          placeholder={t('identity:membership.field.role')}
          value={filters.role}
          onChange={(v?: string) => setFilter('role', v)}
          style={{ width: 170 }}
          options={ROLES.filter((r) => r !== 'seeker').map((r) => ({ value: r, label: t(`auth:role.${r}`) }))}
          data-testid="membership-role-filter"
        />
        <Select
          allowClear
          placeholder={t('identity:membership.field.status')}
          value={filters.status}
          onChange={(v?: string) => setFilter('status', v)}
          style={{ width: 110 }}
          options={MEMBERSHIP_STATUSES.map((s) => ({ value: s, label: t(`identity:membership.status.${s}`) }))}
        />
        {root && (
          <DivisionPicker
            rootCode={root}
            allowClear
            value={filters.division}
            onChange={(v) => setFilter('division', v)}
            placeholder={t('identity:membership.field.division')}
            style={{ width: 200 }}
          />
        )}
      </FilterBar>
      <Card size="small">
        <PagedTable<MembershipItem>
          testId="memberships-table"
          source={list}
          columns={[
            {
              title: t('identity:membership.field.displayName'),
              dataIndex: ['person', 'displayName'],
              width: 200,
              render: (name: string, m) => (
                <div>
                  <div data-testid="membership-name">{name}</div>
                  {m.person.username && <Typography.Text type="secondary">{m.person.username}</Typography.Text>}
                </div>
              ),
            },
            { title: t('identity:membership.field.phone'), dataIndex: ['person', 'phone'], width: 130, responsive: ['sm'] },
            { title: t('identity:membership.field.role'), dataIndex: 'role', width: 140, render: (r: Role) => t(`auth:role.${r}`) },
            { title: t('identity:membership.field.division'), dataIndex: 'divisionName', width: 110, responsive: ['md'] },
            { title: t('identity:membership.field.organisation'), dataIndex: 'organisationName', width: 200, responsive: ['md'] },
            {
              title: t('identity:membership.field.status'),
              dataIndex: 'status',
              width: 130,
              render: (s: MembershipItem['status'], m) => (
                <Space size={4} wrap>
                  <Tag color={s === 'active' ? 'green' : 'default'} data-testid="membership-status">
                    {t(`identity:membership.status.${s}`)}
                  </Tag>
                  {m.person.mustChangePassword && <Tag color="orange">{t('identity:membership.mustChange')}</Tag>}
                </Space>
              ),
            },
            { title: t('identity:membership.field.createdAt'), dataIndex: 'createdAt', width: 150, responsive: ['lg'], render: (v: string) => formatDateTime(v) },
            { title: t('identity:membership.field.lastUsedAt'), dataIndex: 'lastUsedAt', width: 150, responsive: ['lg'], render: (v: string | null) => (v ? formatDateTime(v) : '') },
            ...(official && me ? [{ title: t('common:table.actions'), key: 'actions', width: 110, render: (_: unknown, m: MembershipItem) => <ToggleAction me={me} membership={m} /> }] : []),
          ]}
        />
      </Card>
      {creating && me && <CreateMembership me={me} onClose={() => setCreating(false)} />}
    </div>
  );
}

/** Disable or enable, for memberships below the official's level; staff memberships follow the roster. */
function ToggleAction({ me, membership }: { me: Me; membership: MembershipItem }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const disable = membership.status === 'active';
  const toggle = useMutation({
    mutationFn: () =>
      unwrap(
        disable
          ? api.POST('/api/v1/memberships/{id}/disable', { params: { path: { id: String(membership.id) } } })
          : api.POST('/api/v1/memberships/{id}/enable', { params: { path: { id: String(membership.id) } } }),
      ),
    onSuccess: async () => {
      void message.success(t(disable ? 'identity:membership.disabledDone' : 'identity:membership.enabledDone'));
      await queryClient.invalidateQueries({ queryKey: ['memberships'] });
    },
    onError: (e) => void message.error(e.message),
  });
  if (membership.role === 'agency_staff') return <Typography.Text type="secondary">{t('identity:membership.rosterNote')}</Typography.Text>;
  if (!mayToggle(me.role, membership.role)) return null;
  return (
    <Popconfirm title={t(disable ? 'identity:membership.disableConfirm' : 'identity:membership.enableConfirm')} onConfirm={() => toggle.mutate()}>
      <Button size="small" danger={disable} loading={toggle.isPending} data-testid={disable ? 'membership-disable' : 'membership-enable'}>
        {t(disable ? 'identity:membership.disable' : 'identity:membership.enable')}
      </Button>
    </Popconfirm>
  );
}

/** The dialog's fields: the body's, flat (the server names them person.phone…; showFormError matches the last part). */
type CreateForm = { role: Role; divisionCode?: string; agencyId?: number; employerId?: number; phone: string; displayName: string; username?: string };
const FIELDS = ['role', 'divisionCode', 'agencyId', 'employerId', 'phone', 'displayName', 'username'] as const;

function CreateMembership({ me, onClose }: { me: Me; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<CreateForm>();
  const rules = useFormRules();
  const queryClient = useQueryClient();
  const [alert, setAlert] = useState<string | null>(null);
  const [created, setCreated] = useState<MembershipCreated | null>(null);
  const role = Form.useWatch('role', form);
  const root = scopeRootCode(me);
  const grantable = isOfficial(me.role) ? GRANTABLE_BY[me.role] : [];

  const create = useMutation({
    mutationFn: (body: NewMembership) => unwrap(api.POST('/api/v1/memberships', { body })),
    onSuccess: async (result) => {
      setCreated(result);
      await queryClient.invalidateQueries({ queryKey: ['memberships'] });
    },
    onError: (e) => setAlert(showFormError(form, e, FIELDS)),
  });

  function submit(v: CreateForm) {
    setAlert(null);
    const person = { phone: v.phone, displayName: v.displayName, ...(v.username ? { username: v.username } : {}) };
    const place =
      v.role === 'agency_admin' ? { agencyId: v.agencyId } : v.role === 'employer' ? { employerId: v.employerId } : { divisionCode: v.divisionCode };
    create.mutate({ role: v.role as NewMembership['role'], ...place, person });
  }

  if (created) {
    const { person } = created.membership;
    return (
      <Modal open title={t('identity:membership.created.title')} onCancel={onClose} destroyOnHidden footer={<Button type="primary" onClick={onClose} data-testid="membership-done">{t('identity:membership.created.done')}</Button>}>
        <Alert
          type="success"
          showIcon
          style={{ marginBottom: 16 }}
          title={t(created.personCreated ? 'identity:membership.created.newPerson' : 'identity:membership.created.existingPerson', { name: person.displayName, username: person.username ?? person.phone })}
          description={`${t(`auth:role.${created.membership.role}`)} · ${created.membership.organisationName ?? created.membership.divisionName ?? ''}`}
        />
        {created.oneTimePassword ? (
          <Alert
            type="warning"
            showIcon
            title={t('identity:membership.created.oneTimePassword')}
            description={
              <div>
                <Typography.Text code copyable style={{ fontSize: 18 }} data-testid="one-time-password">
                  {created.oneTimePassword}
                </Typography.Text>
                <div style={{ marginTop: 8 }}>{t('identity:membership.created.oneTimePasswordNote')}</div>
              </div>
            }
          />
        ) : (
          <Typography.Paragraph>{t('identity:membership.created.passwordUnchanged')}</Typography.Paragraph>
        )}
      </Modal>
    );
  }

  return (
    <Modal open title={t('identity:membership.createTitle')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={create.isPending} okButtonProps={{ 'data-testid': 'membership-submit' } as Record<`data-${string}`, string>} destroyOnHidden>
      {alert && <Alert data-testid="form-error" type="error" showIcon title={alert} style={{ marginBottom: 12 }} />}
      <Form<CreateForm> form={form} layout="vertical" initialValues={{ role: grantable[0] }} onFinish={submit}>
        <Form.Item name="role" label={t('identity:membership.field.role')} rules={[rules.required]}>
          <Select options={grantable.map((r) => ({ value: r, label: t(`auth:role.${r}`) }))} data-testid="membership-role" />
        </Form.Item>
        {role === 'prefecture' && root && (
          <Form.Item name="divisionCode" label={t('identity:membership.field.prefecture')} rules={[rules.required]}>
            <PrefectureSelect rootCode={root} />
          </Form.Item>
        )}
        {role === 'county' && root && (
          <Form.Item name="divisionCode" label={t('identity:membership.field.county')} rules={[rules.required]}>
            <DivisionPicker rootCode={root} countyOnly placeholder={t('identity:membership.field.county')} testId="membership-county" />
          </Form.Item>
        )}
        {role === 'agency_admin' && (
          <Form.Item name="agencyId" label={t('identity:membership.field.agency')} rules={[rules.required]}>
            <OrganisationSelect kind="agency" placeholder={t('identity:membership.pickAgency')} />
          </Form.Item>
        )}
        {role === 'employer' && (
          <Form.Item name="employerId" label={t('identity:membership.field.employer')} rules={[rules.required]}>
            <OrganisationSelect kind="employer" placeholder={t('identity:membership.pickEmployer')} />
          </Form.Item>
        )}
        <Form.Item name="phone" label={t('identity:membership.field.phone')} rules={[rules.required, rules.phone]} extra={t('identity:membership.phoneHint')}>
          <Input inputMode="tel" maxLength={20} data-testid="membership-phone" />
        </Form.Item>
        <Form.Item name="displayName" label={t('identity:membership.field.displayName')} rules={[rules.required]}>
          <Input maxLength={100} data-testid="membership-display-name" />
        </Form.Item>
        <Form.Item name="username" label={t('identity:membership.field.username')} extra={t('identity:membership.usernameHint')}>
          <Input maxLength={32} autoComplete="off" data-testid="membership-username" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** The prefectures of the province (only the province gives prefecture officials). */
function PrefectureSelect({ rootCode, value, onChange }: { rootCode: string; value?: string; onChange?: (v: string) => void }) {
  const divisions = useDivisions(prefixOf(rootCode)).data?.items ?? [];
  return <Select value={value} onChange={onChange} showSearch={{ optionFilterProp: 'label' }} options={divisions.map((d) => ({ value: d.code, label: d.name }))} data-testid="membership-prefecture" />;
}

/** An agency or employer in the official's reach, searched by name as one types. */
function OrganisationSelect({ kind, value, onChange, placeholder }: { kind: 'agency' | 'employer'; value?: number; onChange?: (v: number) => void; placeholder?: string }) {
  const [q, setQ] = useState('');
  const found = useQuery({
    queryKey: [kind === 'agency' ? 'agencies' : 'employers', 'pick', q],
    queryFn: async (): Promise<{ id: number; name: string; divisionName: string }[]> => {
      const query = { limit: 20, ...(q ? { q } : {}) };
      const page = kind === 'agency' ? await unwrap(api.GET('/api/v1/agencies', { params: { query } })) : await unwrap(api.GET('/api/v1/employers', { params: { query } }));
      return page.items;
    },
  });
  return (
    <Select
      value={value}
      onChange={onChange}
      placeholder={placeholder}
      showSearch={{ filterOption: false, onSearch: setQ }}
      loading={found.isFetching}
      options={(found.data ?? []).map((o) => ({ value: o.id, label: `${o.name}（${o.divisionName}）` }))}
      data-testid={`membership-${kind}`}
    />
  );
}
