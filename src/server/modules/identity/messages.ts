// Sign-in and sessions: messages in zh-CN and en; a key with a status is an error code.
import { defineMessages, type KeysOf } from '../../platform/i18n.ts';

export const messages = defineMessages({
  login_failed: { status: 401, zh: "用户名或密码错误", en: "Wrong username or password" },
  account_locked: { status: 423, zh: "登录失败次数过多，账号已锁定，请 {minutes} 分钟后再试", en: "Too many failed sign-ins; the account is locked, try again in {minutes} minutes" },
  sms_code_failed: { status: 401, zh: "手机号或验证码错误，或验证码已过期", en: "Wrong phone number or code, or the code has expired" },
  sms_code_sent: { zh: "验证码已发送", en: "Code sent" },
  sms_code_too_frequent: { status: 429, zh: "验证码发送过于频繁，请 {seconds} 秒后再试", en: "Codes are sent too often; try again in {seconds} seconds" },
  sms_code_daily_limit: { status: 429, zh: "该手机号今日验证码已达 {max} 条，请明天再试或改用密码登录", en: "This number has had {max} codes today; try again tomorrow or sign in with a password" },
  sms_login_not_allowed: { status: 403, zh: "该账号不支持短信验证码登录", en: "This account cannot sign in with an SMS code" },
  password_unchanged: { zh: '新密码不能与当前密码相同', en: 'The new password must differ from the current one' },
  membership_not_found: { status: 404, zh: "没有这个身份，或它已停用", en: "No such membership, or it has been disabled" },
  id_tail_required: { status: 401, zh: "该手机号已超过 6 个月未登录，请同时输入登记的身份证号码后 6 位", en: "This number has not signed in for 6 months; also enter the last 6 characters of the ID number on file" },
  id_tail_format: { zh: "请输入身份证号码后 6 位（数字，最后一位可以是 X）", en: "Enter the last 6 characters of the ID number (digits; the last may be X)" },
  password_change_required: { status: 403, zh: "请先修改初始密码", en: "Change the one-time password first" },
  password_too_weak: { zh: "密码至少 12 位，并包含大写字母、小写字母、数字和符号中的至少三类", en: "The password needs at least 12 characters and three of: upper case, lower case, digits, symbols" },
  password_too_short: { zh: "密码至少 8 位", en: "The password needs at least 8 characters" },
  phone_unchanged: { zh: "与当前登记的手机号相同", en: "is the number already on file" },
  seeker_already_registered: { status: 409, zh: "该手机号已注册为求职者，请直接用短信验证码登录", en: "This number is already registered as a job seeker; sign in with an SMS code instead" },
  phone_taken: { status: 409, zh: "该手机号已属于另一个人", en: "This number belongs to another person" },
  phone_belongs_to_another: { zh: "已是另一个人的登录手机号；如号码确已转给此人，请先为原持有人更换号码", en: "is another person's sign-in number; if it has passed to this person, move its holder to a new number first" },
  // memberships kept by the officials above (memberships.service.ts) and the bootstrap command
  username_format: { zh: "应为 3–32 位字母、数字、点、连字符或下划线，以字母或数字开头", en: "must be 3 to 32 letters, digits, dots, hyphens or underscores, starting with a letter or digit" },
  username_taken: { status: 409, zh: "该用户名已被他人使用，请换一个", en: "This username belongs to someone else; choose another" },
  username_in_use: { zh: "已被他人使用", en: "belongs to someone else" },
  membership_exists: { status: 409, zh: "此人已有这个身份；如已停用，请在列表中启用", en: "This person already holds this membership; if it is disabled, enable it from the list" },
  membership_role_not_below: { zh: "只能开设下级的身份：省厅开设州（市）、县级人社局和机构、用人单位的身份，州（市）开设县级和机构、用人单位的身份，县级开设机构和用人单位的身份", en: "only memberships below your level: the province gives prefecture, county, agency and employer ones; a prefecture county, agency and employer ones; a county agency and employer ones" },
  membership_not_below: { status: 403, zh: "只能停用或启用下级的身份", en: "Only memberships below your level can be disabled or enabled" },
  membership_follows_roster: { status: 409, zh: "员工身份随花名册变化：请由机构在花名册中办理离职或恢复", en: "Staff memberships follow the roster: the agency records the departure or return on its roster" },
  division_not_prefecture: { zh: "所选行政区划不是州（市）级", en: "The chosen division is not a prefecture" },
  division_not_in_province: { zh: "不是本省（{province}）的行政区划", en: "is not a division of this province ({province})" },
  person_account_disabled: { zh: "该手机号的账号已停用", en: "the account of this phone number is disabled" },
  cli_account_created: { zh: "已创建账号 {username}：{role}，{division}，手机号 {phone}", en: "account {username} created: {role}, {division}, phone {phone}" },
  cli_membership_added: { zh: "手机号 {phone} 已属于 {username}，已为其添加身份：{role}，{division}（密码未改变）", en: "phone {phone} already belongs to {username}; the membership was added: {role}, {division} (password unchanged)" },
  cli_one_time_password: { zh: "一次性密码（只显示这一次，首次登录后须修改）：{password}", en: "one-time password (shown only this once; it must be changed at first sign-in): {password}" },
  role_province: { zh: "省人社厅", en: "province bureau" },
  role_prefecture: { zh: "州（市）人社局", en: "prefecture bureau" },
  role_county: { zh: "县（市、区）人社局", en: "county bureau" },
});

declare module '../../platform/i18n.ts' {
  interface MessageKeys extends KeysOf<typeof messages> {}
}
