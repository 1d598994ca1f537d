// A posting's pay in words: "6000–8000 元/月 · 13 薪", or 面议 (negotiable: no salary at all, never 0).
import { useTranslation } from 'react-i18next';
import type { Posting } from '../../api/postings.ts';

export function SalaryText({ salary }: { salary: Posting['salary'] }) {
  const { t } = useTranslation();
  if (!salary) return <span data-testid="posting-salary">{t('postings:negotiable')}</span>;
  const range = salary.min !== null && salary.max !== null && salary.min !== salary.max ? `${salary.min}–${salary.max}` : String(salary.min ?? salary.max ?? '');
  const months = salary.monthsPaid ? ` · ${t('postings:monthsPaid', { count: salary.monthsPaid })}` : '';
  return <span data-testid="posting-salary">{`${range} ${t(`postings:unitShort.${salary.unit}`)}${months}`}</span>;
}
