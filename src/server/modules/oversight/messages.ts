// The prevention desk: messages in zh-CN and en; a key with a status is an error code.
import { defineMessages, type KeysOf } from '../../platform/i18n.ts';

export const messages = defineMessages({
  desk_day_in_future: { zh: "不能查看今天以后的日期", en: "cannot be after today" },
  desk_map_unavailable: { status: 503, zh: "地图数据无法读取（YUNQIAO_DESK_MAP），请联系运维人员", en: "The map data cannot be read (YUNQIAO_DESK_MAP); please contact the operators" },
});

declare module '../../platform/i18n.ts' {
  interface MessageKeys extends KeysOf<typeof messages> {}
}
