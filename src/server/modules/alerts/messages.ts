// Job alerts: messages in zh-CN and en; a key with a status is an error code. The digest's texts
// (SMS, WeChat, in the app) and the unsubscribe page's words are here too.
import { defineMessages, type KeysOf } from '../../platform/i18n.ts';

export const messages = defineMessages({
  alerts_wechat_state_invalid: { status: 400, zh: "微信授权已过期或不是您本人发起的，请重新绑定微信", en: "The WeChat authorisation has expired or was not started by you: bind WeChat again" },
  alerts_wechat_refused: { status: 400, zh: "微信未能确认您的身份（授权码无效或已使用），请重新绑定微信", en: "WeChat could not confirm who you are (the code is invalid or used): bind WeChat again" },
  alerts_wechat_unreachable: { status: 502, zh: "暂时无法连接微信，请稍后再试", en: "WeChat cannot be reached at the moment: try again later" },
  alerts_inbound_signature: { status: 401, zh: "签名无效", en: "The signature does not hold" },
  // field messages
  alerts_time_format: { zh: "应为 24 小时制时间，如 21:00", en: "must be a time of day such as 21:00" },
  alerts_channels_needed: { zh: "开启职位提醒时至少选择一种提醒方式", en: "choose at least one channel to switch alerts on" },
  alerts_channel_repeated: { zh: "提醒方式 {channel} 重复", en: "the channel {channel} is given twice" },
  alerts_wechat_not_bound: { zh: "请先绑定微信，才能选择微信提醒", en: "bind WeChat first to get alerts there" },
  alerts_quiet_hours_empty: { zh: "免打扰的开始和结束时间不能相同", en: "the quiet hours cannot start and end at the same time" },
  // what GET /alerts/me says about it
  alerts_note_on: { zh: "每天 7:30 汇总前一天发布的新职位，为您挑选最匹配的几个，在免打扰时段之外发送。", en: "Every day at 07:30 the new jobs of the day before are matched to you; the best few are sent outside your quiet hours." },
  alerts_note_off: { zh: "职位提醒未开启。", en: "Job alerts are off." },
  alerts_note_no_channel: { zh: "未选择提醒方式，不会发送职位提醒。", en: "No channel is chosen: no alerts are sent." },
  alerts_note_recommendations_off: {
    zh: "您已关闭个性化推荐（《个人信息保护法》第二十四条），系统不会为您计算职位提醒；订阅设置仍保留，重新开启推荐后恢复。",
    en: "You switched automated recommendations off (PIPL art. 24): no job alerts are computed for you. Your subscription is kept and resumes when you switch recommendations on again.",
  },
  // the digest
  alerts_digest_sms: {
    zh: "【云桥就业】{day}新职位，为您推荐{count}个：{list}{more}。查看：{url} 退订回TD或点{unsubscribe}",
    en: "Yunqiao jobs: {count} new jobs of {day} for you: {list}{more}. See {url} · Reply TD or open {unsubscribe} to stop these alerts",
  },
  alerts_digest_item: { zh: "{title}（{employer}）", en: "{title} ({employer})" },
  alerts_digest_separator: { zh: "；", en: "; " },
  alerts_digest_more: { zh: "等", en: " and more" },
  alerts_digest_title: { zh: "{day} 为您推荐 {count} 个新职位", en: "{count} new jobs of {day} for you" },
  alerts_digest_wechat_remark: { zh: "点击查看详情。不想再收到？点此退订：{unsubscribe}", en: "Tap for details. To stop these alerts: {unsubscribe}" },
  // the unsubscribe page (/m/alerts/unsubscribe)
  alerts_page_title: { zh: "退订职位提醒", en: "Unsubscribe from job alerts" },
  alerts_page_prompt: { zh: "点击下方按钮，即不再接收每日职位推荐（短信、微信和站内提醒）。", en: "Tap the button below to stop the daily job alerts (SMS, WeChat and in the app)." },
  alerts_page_button: { zh: "确认退订", en: "Unsubscribe" },
  alerts_page_done: { zh: "已退订，您将不再收到职位提醒。如需恢复，请在“职位提醒”中重新开启。", en: "Done: you will get no more job alerts. To get them again, switch them on under Job alerts." },
  alerts_page_already: { zh: "您目前没有开启职位提醒，无需退订。", en: "Job alerts are not on for you: there is nothing to stop." },
  alerts_page_invalid: {
    zh: "链接无效或不完整，未做任何更改。请打开短信中的完整链接，或直接回复 TD 退订。",
    en: "This link is not valid or not complete: nothing was changed. Open the whole link from the message, or reply TD to it.",
  },
});

declare module '../../platform/i18n.ts' {
  interface MessageKeys extends KeysOf<typeof messages> {}
}
