// 内容筛查: under the posting form's description, what the screener finds in the posting's
// texts (title, description, benefits, …) as they are typed (issue 11, decision 0045) — each hit with its category, the phrase
// marked in its sentence, the law it breaks and a wording that one tap puts in place of it.
import { Alert, Button, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { LiveScreening, ScreenField, ScreenHit } from '../../api/postings.ts';
import { applySuggestion, isAdvice, sentenceAround } from './screenEdit.ts';

export type { ScreenField };

function HitContext({ text, hit }: { text: string; hit: ScreenHit }) {
  if (hit.start === null || hit.end === null) return <Typography.Text>{hit.text}</Typography.Text>;
  const s = sentenceAround(text, hit.start, hit.end);
  return (
    <span style={{ whiteSpace: 'pre-wrap' }} data-testid="screen-context">
      {s.cutBefore && '…'}
      {s.before}
      <mark data-testid="screen-mark">{s.match}</mark>
      {s.after}
      {s.cutAfter && '…'}
    </span>
  );
}

/**
 * The screener's answer for the form's texts: nothing while there is no text, a quiet line for a
 * pass, else the verdict and the hits. `onApply` receives the field and its new text (the cleaned
 * text the answer holds, with the suggestion in place of the phrase); `fresh` says the answer is for
 * the fields as they are now (an older one stays shown while a newer one loads, but is not edited).
 */
export function ScreenPanel({ screening, fresh, onApply }: { screening: LiveScreening | undefined; fresh: boolean; onApply: (field: ScreenField, text: string) => void }) {
  const { t } = useTranslation();
  if (!screening) return null;
  const { verdict, hits } = screening;
  return (
    <div data-testid="screen-panel" data-verdict={verdict} style={{ marginTop: -8, marginBottom: 24 }}>
      {hits.length === 0 ? (
        <Typography.Text type="secondary">{t('market:screen.pass')}</Typography.Text>
      ) : (
        <>
          <Alert type={verdict === 'block' ? 'error' : 'warning'} showIcon title={t(verdict === 'block' ? 'market:screen.block' : 'market:screen.review')} />
          <ul style={{ listStyle: 'none', padding: 0, margin: '8px 0 0' }}>
            {hits.map((h) => {
              const field = h.field;
              const editable = field !== null && h.start !== null && h.end !== null;
              return (
                <li
                  key={`${h.field}-${h.start}-${h.rule}`}
                  data-testid="screen-hit"
                  data-category={h.category}
                  data-verdict={h.verdict}
                  style={{ padding: '8px 0', borderBottom: '1px solid rgba(5, 5, 5, 0.06)' }}
                >
                  <div>
                    <Tag color={h.verdict === 'block' ? 'red' : 'orange'}>{t(`market:screen.category.${h.category}`, { defaultValue: h.category })}</Tag>
                    {field && (
                      <Typography.Text type="secondary" style={{ marginRight: 8 }}>
                        {t(`market:screen.field.${field}`)}
                      </Typography.Text>
                    )}
                    <HitContext text={field ? screening[field] : ''} hit={h} />
                  </div>
                  <div style={{ marginTop: 4 }}>
                    <Typography.Text type="secondary">{t('market:screen.basis')}</Typography.Text>
                    <span data-testid="screen-basis">{h.basis}</span>
                  </div>
                  <div style={{ marginTop: 4, display: 'flex', gap: 8, alignItems: 'center', flexWrap: 'wrap' }}>
                    <span>
                      <Typography.Text type="secondary">{t('market:screen.suggestion')}</Typography.Text>
                      <span data-testid="screen-suggestion">{h.suggestion}</span>
                    </span>
                    {editable && (
                      <Button
                        size="small"
                        data-testid="screen-apply"
                        disabled={!fresh}
                        title={isAdvice(h.suggestion) ? t('market:screen.removeHint') : undefined}
                        onClick={() => onApply(field, applySuggestion(screening[field], h.start ?? 0, h.end ?? 0, h.suggestion))}
                      >
                        {t('market:screen.apply')}
                      </Button>
                    )}
                  </div>
                </li>
              );
            })}
          </ul>
        </>
      )}
    </div>
  );
}
