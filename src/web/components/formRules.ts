// Form rules every desk form shares, with messages in the user's language. The checks are the
// server's own (src/shared/identifiers.ts over the one normaliser, src/shared/text.ts), so a form
// refuses what the API would refuse, and accepts what it accepts (a +86 phone, full-width digits).
import type { FormRule } from 'antd';
import type { TFunction } from 'i18next';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { citizenIdProblem, creditCodeProblem, parsePhone } from '../../shared/identifiers.ts';

/** A rule that passes empty values (`required` speaks for those) and checks the rest with `ok`. */
function check(ok: (value: string) => boolean, message: string): FormRule {
  return {
    validator: async (_rule, value: unknown) => {
      if (typeof value === 'string' && value !== '' && !ok(value)) throw new Error(message);
    },
  };
}

export function formRules(t: TFunction) {
  return {
    required: { required: true, message: t('common:form.required') } satisfies FormRule,
    /** A mainland mobile number; +86, spaces and hyphens accepted (the server stores the 11 digits). */
    phone: check((v) => parsePhone(v) !== null, t('common:form.phoneInvalid')),
    /** 18-character citizen ID (GB 11643), check character and birth date; a lower-case x is accepted. */
    citizenId: check((v) => citizenIdProblem(v, null) === null, t('common:form.idInvalid')),
    /** Unified social credit code (GB 32100): authority/type pair, division part, check character; lower case accepted. */
    creditCode: check((v) => creditCodeProblem(v) === null, t('common:form.creditCodeInvalid')),
    /** At most `max` characters (for inputs that do not cap typing themselves). */
    maxLength: (max: number): FormRule => ({ max, message: t('common:form.maxLength', { max }) }),
  };
}

export type FormRules = ReturnType<typeof formRules>;

/** The shared rules, re-made when the language changes. */
export function useFormRules(): FormRules {
  const { t } = useTranslation();
  return useMemo(() => formRules(t), [t]);
}
