// Form rules every desk form shares, with messages in the user's language. The checks are the
// server's own (src/shared/checksums.ts), so a form refuses what the API would refuse, before sending.
import type { FormRule } from 'antd';
import type { TFunction } from 'i18next';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { isMainlandMobile, isValidCitizenId, isValidCreditCode } from '../../shared/checksums.ts';

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
    /** 11-digit mainland mobile number. */
    phone: check(isMainlandMobile, t('common:form.phoneInvalid')),
    /** 18-character citizen ID (GB 11643), check character and birth date; a lower-case x is accepted. */
    citizenId: check((v) => isValidCitizenId(v.toUpperCase()), t('common:form.idInvalid')),
    /** Unified social credit code (GB 32100); lower case accepted. */
    creditCode: check((v) => isValidCreditCode(v.toUpperCase()), t('common:form.creditCodeInvalid')),
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
