// Prevention plans (P1): messages in zh-CN and en; a key with a status is an error code.
import { defineMessages, type KeysOf } from '../../platform/i18n.ts';

export const messages = defineMessages({
  stock_item_exists: { status: 409, zh: "本机构已有名为“{name}”的物资，请修改原有条目", en: "The agency already has an item named “{name}”; change that item instead" },
  not_on_active_roster: { zh: "不在本机构在职花名册中（编号 {ids}）", en: "is not on the agency's active roster (ids {ids})" },
  date_after_today: { zh: "不能晚于今天", en: "cannot be after today" },
});

declare module '../../platform/i18n.ts' {
  interface MessageKeys extends KeysOf<typeof messages> {}
}
