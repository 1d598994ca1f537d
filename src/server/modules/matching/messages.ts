// The matcher's words: the texts of its reason codes (score.ts REASON_CODES), in zh-CN and en.
import { defineMessages, type KeysOf } from '../../platform/i18n.ts';

export const messages = defineMessages({
  match_reason_same_occupation: { zh: "职业相同", en: "Same occupation" },
  match_posting_not_open: { status: 409, zh: "职位在招聘中才能推荐人选（当前状态：{status}）", en: "Candidates are proposed for an open posting only (its state: {status})" },
  match_reason_same_minor_group: { zh: "职业小类相同", en: "Same occupation minor group" },
  match_reason_same_middle_group: { zh: "职业中类相同", en: "Same occupation middle group" },
  match_reason_same_major_group: { zh: "职业大类相同", en: "Same occupation major group" },
  match_reason_same_county: { zh: "在现居住的区县", en: "In the county where the seeker lives" },
  match_reason_home_county: { zh: "在户籍所在县（家门口就业）", en: "In the seeker's home county" },
  match_reason_chosen_place: { zh: "在期望工作地", en: "In a place the seeker chose" },
  match_reason_same_prefecture: { zh: "在现居住地或户籍所在州市", en: "In the prefecture where the seeker lives or comes from" },
  match_reason_salary_fits: { zh: "薪酬达到期望", en: "Pay meets the expectation" },
  match_reason_education_fits: { zh: "学历符合要求", en: "Education meets the requirement" },
  match_reason_experience_fits: { zh: "工作年限符合要求", en: "Experience meets the requirement" },
  match_reason_skill_grade_fits: { zh: "技能等级符合要求", en: "Skill grade meets the requirement" },
  match_reason_words_in_common: { zh: "技能和经历与职位描述相符", en: "Skills and experience match the description" },
  match_reason_open_to_graduates: { zh: "优先招用高校毕业生", en: "Gives priority to college graduates" },
  match_reason_open_to_migrant_workers: { zh: "优先招用农民工", en: "Gives priority to migrant workers" },
  match_reason_epidemic_supplies_employer: { zh: "防疫物资生产企业（重点保障）", en: "Producer of epidemic-prevention supplies (priority)" },
  match_reason_newly_published: { zh: "新发布", en: "Newly published" },
});

declare module '../../platform/i18n.ts' {
  interface MessageKeys extends KeysOf<typeof messages> {}
}
