// Job seekers who sign up: messages in zh-CN and en; a key with a status is an error code.
import { defineMessages, type KeysOf } from '../../platform/i18n.ts';

export const messages = defineMessages({
  seeker_profile_missing: { status: 404, zh: "尚未填写求职登记信息", en: "No job-seeker profile has been filled in yet" },
  seeker_authorisation_exists: { status: 409, zh: "已授权该机构为您服务", en: "This agency is already authorised to serve you" },
  // field messages
  salary_range_order: { zh: "最低期望薪酬不能高于最高期望薪酬", en: "the minimum expected pay may not exceed the maximum" },
  seeker_salary_unit_needed: { zh: "填写期望薪酬时须选择计薪单位（月、日、小时）", en: "choose a pay unit (month, day, hour) with the expected pay" },
  valid_until_range: { zh: "登记有效期应在今天到 {max} 之间", en: "the registration must stay valid from today up to {max}" },
  occupation_code_format: { zh: "应为职业代码，如 2-02-01 或 2-02-01-01", en: "must be an occupation code such as 2-02-01 or 2-02-01-01" },
  unknown_occupation: { zh: "职业代码 {code} 不在职业分类表中", en: "occupation code {code} is not in the occupation table" },
  unknown_education: { zh: "学历代码不在学历表中", en: "not an education level of the table" },
  not_a_county: { zh: "{code} 不是县级行政区划", en: "{code} is not a county-level division" },
  agency_unknown: { zh: "没有这个人力资源服务机构，或它已停业", en: "no such human-resources agency, or it has closed" },
  seeker_registration_expired: { status: 409, zh: "您的求职登记已过期（有效期至 {validUntil}），请先续期", en: "Your job-seeker registration has expired (it was valid until {validUntil}); renew it first" },
  seeker_notice_version_unknown: { zh: "不是当前的个人信息处理告知版本，请刷新页面后重新阅读", en: "is not the current version of the notice; reload the page and read it again" },
  seeker_consent_needed: { zh: "请阅读并勾选同意个人信息处理告知", en: "read the notice and tick that you agree to it" },
  seeker_id_number_consent_needed: { zh: "身份证号码属于敏感个人信息，填写时须另行勾选同意", en: "the ID number is sensitive personal information: tick the separate consent to give it" },
  // the notice shown at sign-up (GET /seekers/notice; PIPL art. 17, 29–30)
  seeker_notice_demo_operator: { zh: "云桥演示部署（演示用，非真实的个人信息处理者；正式部署须配置运营单位名称）", en: "Yunqiao demonstration install (a demo, not a real handler of personal information; a real deployment configures its operator's name)" },
  seeker_notice_demo_contact: { zh: "演示部署未配置联系方式", en: "no contact configured in this demonstration install" },
  seeker_notice_purpose: {
    zh: "为您提供就业服务：保存您的求职登记；按您的授权和选择，向人力资源服务机构和用人单位展示；投递岗位、接受机构推荐，并在站内通知您应聘进展；根据您的求职登记自动为您推荐职位、向用人单位推荐您（个性化推荐，可随时在求职登记中关闭，关闭后不再据此推荐）；供人力资源社会保障部门依法监管和做不含个人身份的就业统计。",
    en: "To provide employment services: keep your job-seeker registration; show it to the human-resources agencies you authorise and the employers you choose; let you apply to postings and be referred by agencies, and tell you in the app how your applications progress; recommend postings to you and you to employers automatically from your registration (personalised recommendations, which you can switch off in your registration at any time); and for the human resources and social security bureaus' supervision and statistics that identify nobody.",
  },
  seeker_notice_data: {
    zh: "注册时：手机号、姓名。求职登记（之后填写）：人员类别、重点群体、现居住地和户籍所在县、求职意向、期望工作地和薪酬、学历、职业资格、工作年限、技能特长、个人简历、登记有效期和可见范围；身份证号码选填（见下）。您的应聘和授权记录。",
    en: "At sign-up: phone number and name. Your registration (filled in later): categories, priority groups, county of residence and of household registration, desired occupations, places and pay, education, skill grade, years of experience, skills, résumé, how long it stays valid and who may see it; the ID number is optional (below). Your applications and authorisations.",
  },
  seeker_notice_means: {
    zh: "保存在本平台的数据库中。对机构和用人单位只显示部分手机号；用人单位在初筛通过后可逐条查看完整号码，每次查看都有记录。每次修改都记入审计日志。",
    en: "Kept in this platform's database. Agencies and employers see your phone number only partly; from the shortlist on an employer may reveal it for one application at a time, and each reveal is recorded. Every change is recorded in the audit trail.",
  },
  seeker_notice_recipients: {
    zh: "您授权的人力资源服务机构（撤销授权即停止）；按“谁可以查看”的选择，您投递过的或所有用人单位；您投递的用人单位看到您的姓名和部分手机号；登记所属县及其上级人力资源社会保障部门。",
    en: "The human-resources agencies you authorise (until you revoke it); as you choose under \"who may see it\", the employers you applied to or all employers; an employer you apply to sees your name and part of your phone number; the human resources and social security bureaus of the county your registration belongs to and above.",
  },
  seeker_notice_retention: {
    zh: "求职登记默认自保存之日起有效 {days} 天，您可另选日期（最长 {max} 天），到期日北京时间 23:59:59 后，机构和用人单位不再能看到或推荐您，您可一键续期。登记保存至您注销为止；注销时删除求职登记和授权，已投递的应聘记录留在用人单位处，但不再显示您的姓名和手机号。",
    en: "Your registration stays valid for {days} days from the day you save it, or to a date you choose (at most {max} days). After 23:59:59 Beijing time on that date agencies and employers can no longer see or refer you; you can renew it with one tap. It is kept until you close it; closing deletes your registration and authorisations, and the applications you made stay with the employers without your name and phone number.",
  },
  seeker_notice_rights: {
    zh: "您可以在“我的求职登记”中查阅和更正信息、选择谁可以查看；在“授权机构”中撤销授权；随时注销求职登记，即撤回同意并删除信息（撤回不影响撤回前已进行的处理）；清空身份证号码即撤回对它的单独同意。需要复制个人信息、其他请求或投诉，请联系：{handler}，{contact}。",
    en: "In \"my registration\" you can view and correct your information and choose who may see it; in \"authorised agencies\" revoke an authorisation; close your registration at any time, which withdraws your consent and deletes the information (processing before the withdrawal is not affected); clearing the ID number withdraws its separate consent. For a copy of your information, any other request or a complaint, contact {handler}, {contact}.",
  },
  seeker_notice_id_number: {
    zh: "身份证号码属于敏感个人信息（《个人信息保护法》第二十八条，GB/T 35273-2020 附录B），选填：不填不影响注册和求职。填写时须另行勾选同意。用途：人力资源社会保障部门按性别、年龄统计求职人员（性别和出生日期由号码推出，只用于统计，从不向机构和用人单位显示）。号码加密保存，对外只显示部分号码；泄露可能被他人冒用身份，因此加密保存并只显示部分号码。清空号码并保存即删除号码及推出的性别和出生日期。",
    en: "The ID number is sensitive personal information (PIPL art. 28, GB/T 35273-2020 appendix B) and optional: signing up and looking for work do not need it. Giving it needs a separate tick of consent. It serves the bureaus' statistics of job seekers by sex and age (sex and birth date are derived from it for statistics only and never shown to agencies or employers). It is stored encrypted and shown only partly: leaked, it could be used to impersonate you. Clearing it and saving deletes the number and the sex and birth date derived from it.",
  },
});

declare module '../../platform/i18n.ts' {
  interface MessageKeys extends KeysOf<typeof messages> {}
}
