// Venues, hygiene, entry checks, visits, slots and bookings: messages in zh-CN and en; a key with a status is an error code.
import { defineMessages, type KeysOf } from '../../platform/i18n.ts';

export const messages = defineMessages({
  visit_already_open: { status: 409, zh: '该手机号今天已在本场所登记入场且尚未离场。请在登记时使用的手机页面上签退，或到服务台办理', en: 'This phone number is already registered inside this venue today. Check out on the phone page used to register, or at the front desk' },
  venue_full: { status: 409, zh: "场所已满（{inside}/{capacity} 人），请在场外稍候，有人离开后再扫码进入", en: "The venue is full ({inside} of {capacity} people); please wait outside and scan again when someone has left" },
  venue_closed: { status: 409, zh: "该场所已停止使用", en: "This venue is closed" },
  venue_code_withdrawn: { status: 409, zh: "该二维码已停用，请扫描场所门口张贴的新二维码", en: "This QR code has been withdrawn; please scan the new code posted at the venue's door" },
  venue_capacity_zero: { status: 409, zh: "该场所面积不足以容纳任何人（按每人 {m2} 平方米计），无法入场", en: "The venue's area holds no one at {m2} m² per person; no one can be admitted" },
  public_base_url_missing: { status: 409, zh: "未配置对外访问地址（YUNQIAO_PUBLIC_BASE_URL），无法生成可张贴的二维码", en: "No public base URL is configured (YUNQIAO_PUBLIC_BASE_URL): QR codes cannot be printed" },
  slot_full: { status: 409, zh: "该时段已约满（{capacity}/{capacity}）", en: "This time slot is fully booked ({capacity} of {capacity})" },
  slot_started: { status: 409, zh: "该时段已开始或已结束，不能再预约或取消", en: "This time slot has started or ended; it can no longer be booked or cancelled" },
  already_booked: { status: 409, zh: "同一人在该时段已有预约（每人每个时段限一个名额）", en: "This person already holds a place in this time slot (one place per person per slot)" },
  booking_cancelled: { status: 409, zh: "该预约已取消，不能凭此入场；场所有空位时可作为临时来访登记", en: "This booking was cancelled and does not admit anyone; the person may register as a walk-in if the venue has room" },
  booking_not_today: { status: 409, zh: "该预约不是本场所今天的预约", en: "This booking is not for this venue today" },
  booking_unknown: { status: 409, zh: "未找到该预约码对应的本场所预约", en: "No booking of this venue has this code" },
  // field messages
  slot_over_venue_capacity: { zh: "不能超过场所可容纳人数 {capacity} 人（面积 {area} 平方米，每人 {m2} 平方米）", en: "may not exceed the venue's capacity of {capacity} people ({area} m² at {m2} m² per person)" },
  slot_overlap_over_capacity: { zh: "与同一时间开放的其他时段合计不能超过场所可容纳人数 {capacity} 人（其他时段已开放 {offered} 个名额，此时段最多 {free} 个）", en: "together with the slots running at the same time may not exceed the venue's capacity of {capacity} people (they offer {offered} places; this slot may have at most {free})" },
  venue_holds_nobody: { zh: "面积太小：按每人 {min} 平方米计算，场所容纳不了一个人，请检查面积", en: "too small: at {min} m² per person the venue holds no one; check the area" },
  m2_below_floor: { zh: "每人面积不能小于 {min} 平方米（本系统规定的下限）", en: "may not be less than {min} m² per person (the deployment's floor)" },
  capacity_below_inside: { zh: "修改后可容纳 {capacity} 人，少于场内现有的 {inside} 人；请待人员离场后再修改", en: "would hold {capacity} people, fewer than the {inside} inside now; change it once people have left" },
  capacity_below_booked: { zh: "修改后可容纳 {capacity} 人，少于 {at} 起的时段已预约的 {booked} 人；请先取消部分预约", en: "would hold {capacity} people, fewer than the {booked} places already booked from {at}; cancel bookings first" },
  capacity_empties_slot: { zh: "修改后可容纳 {capacity} 人，{at} 起的时段将没有任何名额；请换个面积或每人面积", en: "would hold {capacity} people, leaving the slot from {at} with no place at all; choose another area or density" },
  slot_in_past: { zh: "时段开始时间已过", en: "the slot's start has passed" },
  slot_taken: { zh: "该场所在此开始时间已有时段", en: "the venue already has a slot starting at this time" },
  invalid_time_of_day: { zh: "应为时刻，如 06:00", en: "must be a time of day such as 06:00" },
  hygiene_window_order: { zh: "开始时刻应早于结束时刻", en: "must be earlier than the end of the window" },
  invalid_venue_code: { zh: "应为场所码（12 位字母和数字，如 K7Q2-M9XP-T4CA）", en: "must be a venue code (12 letters and digits, such as K7Q2-M9XP-T4CA)" },
  invalid_booking_code: { zh: "应为预约码（10 位字母和数字）", en: "must be a booking code (10 letters and digits)" },
  consent_needed: { zh: "请阅读并同意个人信息处理说明", en: "please read and accept the personal information notice" },
  desk_booking_needs_person: { zh: "前台代约须填写姓名和手机号", en: "a booking made at the desk needs the person's name and phone" },
  self_booking_no_person: { zh: "本人预约无需填写，系统使用您的账号", en: "leave this out when booking for yourself: your account is used" },
  date_range_too_long: { zh: "日期范围最多 {max} 天", en: "the date range may span at most {max} days" },
  date_range_order: { zh: "结束日期不能早于开始日期", en: "the end date may not be before the start date" },
  visit_token_invalid: { zh: "签退凭证无效", en: "the check-out token is not valid" },
});

declare module '../../platform/i18n.ts' {
  interface MessageKeys extends KeysOf<typeof messages> {}
}
