// 职位表单: a new draft or an edit of one, with every field the postings API takes — and no field
// for sex, age, ethnicity, household registration or marital status (issue 9). 面议 sends no
// salary at all (never 0). Officials choose an employer in reach, an agency one that authorised it;
// an employer writes for itself. While the title and description are typed, the screener's hits show
// under the description, each with a wording to put in its place (issue 11); 保存并发布 publishes
// from the form, and a refusal (422 posting_blocked) lists what to change under it.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, AutoComplete, Button, Card, Checkbox, DatePicker, Form, Input, InputNumber, Popconfirm, Select, Space, Switch } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { ApiError, api, type ErrorDetail, unwrap } from '../../api/client.ts';
import {
  can,
  createPosting,
  EMPLOYMENT_TYPES,
  industryChildren,
  type NewPosting,
  occupationChildren,
  type Posting,
  type PostingPatch,
  PRIORITY_GROUPS,
  publishPosting,
  SALARY_UNITS,
  updatePosting,
  useEducationLevels,
  useLiveScreening,
  usePosting,
} from '../../api/postings.ts';
import { parseId, useMe } from '../../api/queries.ts';
import { homeOf } from '../../auth/roles.ts';
import { showFormError } from '../../components/formErrors.ts';
import { useFormRules } from '../../components/formRules.ts';
import { PageTitle } from '../../components/PageTitle.tsx';
import { QueryError } from '../../components/QueryError.tsx';
import { PostingStatusTag } from './PostingsPage.tsx';
import { CodeCascader, occupationPath } from './CodeCascader.tsx';
import { type ScreenField, ScreenPanel } from './ScreenPanel.tsx';

type SalaryUnit = (typeof SALARY_UNITS)[number];
type EmploymentType = (typeof EMPLOYMENT_TYPES)[number];
type PriorityGroup = (typeof PRIORITY_GROUPS)[number];

type Values = {
  employerId?: number;
  title: string;
  occupationCode?: string[];
  industryCode?: string[];
  address?: string;
  headcount?: number | null;
  negotiable: boolean;
  salaryMin?: number | null;
  salaryMax?: number | null;
  salaryUnit?: SalaryUnit;
  salaryMonths?: number | null;
  education?: string;
  skillGrade?: string;
  experience?: string;
  description?: string;
  benefits?: string;
  contact?: string;
  employmentType?: EmploymentType | null;
  validUntil?: Dayjs | null;
  priorityGroups: PriorityGroup[];
};

const FIELDS = [
  'employerId',
  'title',
  'occupationCode',
  'industryCode',
  'address',
  'headcount',
  'salaryMin',
  'salaryMax',
  'salaryUnit',
  'salaryMonths',
  'education',
  'skillGrade',
  'experience',
  'description',
  'benefits',
  'contact',
  'employmentType',
  'validUntil',
  'priorityGroups',
] as const;

/** The form's values as the API's fields (every field, so an edit can also clear one). */
function toBody(v: Values): Omit<NewPosting, 'employerId'> {
  const salary = v.negotiable
    ? { salaryMin: null, salaryMax: null, salaryUnit: null, salaryMonths: null }
    : { salaryMin: v.salaryMin ?? null, salaryMax: v.salaryMax ?? null, salaryUnit: v.salaryUnit ?? null, salaryMonths: v.salaryMonths ?? null };
  return {
    title: v.title,
    occupationCode: v.occupationCode?.at(-1) ?? null,
    industryCode: v.industryCode?.at(-1) ?? null,
    address: v.address ?? '',
    headcount: v.headcount ?? null,
    ...salary,
    education: v.education ?? '',
    skillGrade: v.skillGrade ?? '',
    experience: v.experience ?? '',
    description: v.description ?? '',
    benefits: v.benefits ?? '',
    contact: v.contact ?? '',
    employmentType: v.employmentType ?? null,
    ...(v.validUntil ? { validUntil: v.validUntil.format('YYYY-MM-DD') } : {}),
    priorityGroups: v.priorityGroups ?? [],
  };
}

function toValues(p: Posting): Values {
  return {
    employerId: p.employerId ?? undefined,
    title: p.title,
    occupationCode: occupationPath(p.occupationCode),
    industryCode: p.industryCode ? [p.industryCode] : undefined,
    address: p.address,
    headcount: p.headcount,
    negotiable: p.salary === null,
    salaryMin: p.salary?.min ?? null,
    salaryMax: p.salary?.max ?? null,
    salaryUnit: p.salary?.unit ?? 'MONTH',
    salaryMonths: p.salary?.monthsPaid ?? null,
    education: p.education,
    skillGrade: p.skillGrade,
    experience: p.experience,
    description: p.description,
    benefits: p.benefits,
    contact: p.contact,
    employmentType: p.employmentType,
    // validThrough carries +08:00: its first ten characters are the Beijing date
    validUntil: p.validThrough ? dayjs(p.validThrough.slice(0, 10)) : null,
    priorityGroups: p.priorityGroups,
  };
}

/** The employers an official reaches, or those that authorised the agency; searched by name. */
function EmployerSelect({ value, onChange, id }: { value?: number; onChange?: (v: number) => void; id?: string }) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const list = useQuery({
    queryKey: ['employers', 'pick', q],
    queryFn: () => unwrap(api.GET('/api/v1/employers', { params: { query: q ? { q, limit: 50 } : { limit: 50 } } })),
  });
  return (
    <Select
      id={id}
      data-testid="posting-employer"
      showSearch={{ filterOption: false, onSearch: (v) => setQ(v.trim()) }}
      value={value}
      onChange={onChange}
      loading={list.isPending}
      placeholder={t('postings:field.employerPick')}
      notFoundContent={t('postings:noEmployer')}
      options={(list.data?.items ?? []).map((e) => ({ value: e.id, label: `${e.name}（${e.divisionName}）` }))}
    />
  );
}

function PostingForm({ posting }: { posting?: Posting }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const me = useMe().data;
  const rules = useFormRules();
  const [form] = Form.useForm<Values>();
  const [alert, setAlert] = useState<string | null>(null);
  const education = useEducationLevels().data?.items ?? [];
  const negotiable = Form.useWatch('negotiable', form);
  const screening = useLiveScreening({
    title: Form.useWatch('title', form),
    description: Form.useWatch('description', form),
    address: Form.useWatch('address', form),
    education: Form.useWatch('education', form),
    skillGrade: Form.useWatch('skillGrade', form),
    experience: Form.useWatch('experience', form),
    benefits: Form.useWatch('benefits', form),
    contact: Form.useWatch('contact', form),
  });
  // a new posting once saved (a publish the screener refused leaves it a draft): later saves edit it
  const [savedId, setSavedId] = useState(posting?.id);
  const [blocked, setBlocked] = useState<ErrorDetail[] | null>(null);
  const base = me ? homeOf(me.role) : '/';

  const save = useMutation({
    mutationFn: async ({ v, publish }: { v: Values; publish: boolean }) => {
      const body = toBody(v);
      const saved = savedId !== undefined ? await updatePosting(savedId, body as PostingPatch) : await createPosting(me?.role === 'employer' ? body : { ...body, employerId: v.employerId });
      setSavedId(saved.id);
      if (publish) await publishPosting(saved.id);
    },
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['postings'] });
      await navigate(`${base}/postings`);
    },
    onError: (e) => {
      void queryClient.invalidateQueries({ queryKey: ['postings'] });
      if (e instanceof ApiError && e.code === 'posting_blocked') {
        // every hit as the server states it, under the form; the live check shows them in place
        setAlert(null);
        setBlocked(e.details.length ? e.details : [{ message: e.message }]);
        void screening.refetch();
      } else setAlert(showFormError(form, e, FIELDS));
    },
  });
  const submit = (v: Values, publish: boolean) => {
    setAlert(null);
    setBlocked(null);
    save.mutate({ v, publish });
  };
  const applySuggestion = (field: ScreenField, text: string) => {
    form.setFieldValue(field, text);
    form.setFields([{ name: field, errors: [] }]);
  };

  if (!me) return null;
  const editable = !posting || can('edit', posting.status);
  const namesEmployer = !posting && me.role !== 'employer';

  return (
    <Card size="small">
      {alert && <Alert data-testid="form-error" type="error" showIcon title={alert} style={{ marginBottom: 16 }} />}
      {!editable && <Alert type="info" showIcon title={t('postings:notEditable')} style={{ marginBottom: 16 }} />}
      <Form<Values>
        form={form}
        layout="vertical"
        disabled={!editable}
        initialValues={posting ? toValues(posting) : { negotiable: false, salaryUnit: 'MONTH', priorityGroups: [], validUntil: dayjs().add(30, 'day') }}
        onFinish={(v) => submit(v, false)}
      >
        {namesEmployer && (
          <Form.Item name="employerId" label={t('postings:field.employer')} rules={[rules.required]} extra={me.role === 'agency_admin' ? t('postings:agencyEmployerHint') : undefined}>
            <EmployerSelect />
          </Form.Item>
        )}
        <Form.Item name="title" label={t('postings:field.title')} rules={[rules.required]}>
          <Input maxLength={100} data-testid="posting-title-input" />
        </Form.Item>
        <Form.Item name="occupationCode" label={t('postings:field.occupation')} extra={t('postings:occupationHint')}>
          <CodeCascader load={occupationChildren} leafLevel={4} placeholder={t('postings:field.occupation')} testId="posting-occupation" />
        </Form.Item>
        <Form.Item name="industryCode" label={t('postings:field.industry')}>
          <CodeCascader load={industryChildren} leafLevel={4} leafOnly placeholder={t('postings:field.industry')} testId="posting-industry" />
        </Form.Item>
        <Form.Item name="address" label={t('postings:field.address')}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="headcount" label={t('postings:field.headcount')}>
          <InputNumber min={1} max={100000} precision={0} style={{ width: 160 }} data-testid="posting-headcount" />
        </Form.Item>
        <Form.Item name="negotiable" label={t('postings:field.salary')} valuePropName="checked">
          <Switch checkedChildren={t('postings:negotiable')} unCheckedChildren={t('postings:salaryGiven')} data-testid="posting-negotiable" />
        </Form.Item>
        {!negotiable && (
          <Space wrap align="start">
            <Form.Item name="salaryMin" label={t('postings:field.salaryMin')}>
              <InputNumber min={0.01} max={100000000} style={{ width: 140 }} data-testid="posting-salary-min" />
            </Form.Item>
            <Form.Item name="salaryMax" label={t('postings:field.salaryMax')}>
              <InputNumber min={0.01} max={100000000} style={{ width: 140 }} data-testid="posting-salary-max" />
            </Form.Item>
            <Form.Item name="salaryUnit" label={t('postings:field.salaryUnit')}>
              <Select style={{ width: 120 }} options={SALARY_UNITS.map((u) => ({ value: u, label: t(`postings:unit.${u}`) }))} />
            </Form.Item>
            <Form.Item name="salaryMonths" label={t('postings:field.salaryMonths')}>
              <InputNumber min={1} max={24} precision={0} style={{ width: 120 }} />
            </Form.Item>
          </Space>
        )}
        <Form.Item name="employmentType" label={t('postings:field.employmentType')}>
          <Select allowClear style={{ width: 200 }} options={EMPLOYMENT_TYPES.map((e) => ({ value: e, label: t(`postings:employmentType.${e}`) }))} />
        </Form.Item>
        <Form.Item name="education" label={t('postings:field.education')}>
          <AutoComplete style={{ width: 240 }} maxLength={50} options={education.map((e) => ({ value: e.name }))} />
        </Form.Item>
        <Form.Item name="skillGrade" label={t('postings:field.skillGrade')}>
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item name="experience" label={t('postings:field.experience')}>
          <Input maxLength={50} placeholder={t('postings:experienceHint')} />
        </Form.Item>
        <Form.Item name="description" label={t('postings:field.description')}>
          <Input.TextArea rows={5} maxLength={5000} showCount data-testid="posting-description-input" />
        </Form.Item>
        <ScreenPanel screening={screening.data} fresh={screening.fresh} onApply={applySuggestion} />
        <Form.Item name="benefits" label={t('postings:field.benefits')}>
          <Input maxLength={500} placeholder={t('postings:benefitsHint')} />
        </Form.Item>
        <Form.Item name="contact" label={t('postings:field.contact')}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="validUntil" label={t('postings:field.validUntil')} extra={t('postings:validUntilHint')}>
          <DatePicker data-testid="posting-valid-until" disabledDate={(d) => d.isBefore(dayjs(), 'day')} />
        </Form.Item>
        <Form.Item name="priorityGroups" label={t('postings:field.priorityGroups')}>
          <Checkbox.Group options={PRIORITY_GROUPS.map((g) => ({ value: g, label: t(`postings:group.${g}`) }))} />
        </Form.Item>
        {blocked && (
          <Alert
            data-testid="publish-blocked"
            type="error"
            showIcon
            style={{ marginBottom: 16 }}
            title={t('market:screen.blocked')}
            description={
              <ul style={{ margin: 0, paddingInlineStart: 20 }}>
                {blocked.map((d, i) => (
                  // the server's messages name their field; its order is the text's, and two may say the same
                  // biome-ignore lint/suspicious/noArrayIndexKey: a fixed list, replaced whole
                  <li key={i} data-testid="blocked-detail">
                    {d.message}
                  </li>
                ))}
              </ul>
            }
          />
        )}
        <div style={{ display: 'flex', gap: 8 }}>
          <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="posting-submit">
            {posting ? t('postings:save') : t('postings:saveDraft')}
          </Button>
          {(!posting || can('publish', posting.status)) && (
            <Popconfirm
              title={t('postings:confirmPublish')}
              onConfirm={() => void form.validateFields().then((v) => submit(v, true), () => undefined)}
              okButtonProps={{ 'data-testid': 'confirm-publish' }}
            >
              <Button loading={save.isPending} data-testid="posting-save-publish">
                {t('postings:savePublish')}
              </Button>
            </Popconfirm>
          )}
          <Button disabled={false} onClick={() => void navigate(`${base}/postings`)}>
            {t('common:action.cancel')}
          </Button>
        </div>
      </Form>
    </Card>
  );
}

export default function PostingFormPage() {
  const { t } = useTranslation();
  const { id: raw } = useParams();
  const id = raw === 'new' ? undefined : parseId(raw);
  const posting = usePosting(id);
  if (id !== undefined && !posting.data) return <QueryError error={posting.error} />;
  return (
    <div style={{ maxWidth: 760 }}>
      <PageTitle title={posting.data ? t('postings:editTitle') : t('postings:newTitle')} extra={posting.data ? <PostingStatusTag status={posting.data.status} /> : undefined} />
      <PostingForm key={posting.data?.updatedAt ?? 'new'} posting={posting.data} />
    </div>
  );
}
