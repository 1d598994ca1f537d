// Attachments: messages in zh-CN and en; a key with a status is an error code.
import { defineMessages, type KeysOf } from '../../platform/i18n.ts';

export const messages = defineMessages({
  attachment_type_refused: { status: 415, zh: "只接受 PDF、JPEG 或 PNG 文件（按文件内容判断，不看扩展名）", en: "Only PDF, JPEG or PNG files are accepted (judged by the content, not the name)" },
  attachment_too_large: { status: 413, zh: "文件不能超过 {max} MB", en: "The file may not exceed {max} MB" },
  attachment_empty: { status: 400, zh: "文件为空", en: "The file is empty" },
  attachment_kind_not_yours: { zh: "您的身份不能上传这类附件", en: "your role cannot upload this kind of file" },
  attachment_own_county_only: { zh: "只能上传到本单位所在的县（市、区）", en: "may only be uploaded to your own organisation's county" },
  attachment_unusable: { zh: "附件不存在、类型不符、不属于该县或已被使用", en: "no such attachment of this kind in this county, or it is in use already" },
});

declare module '../../platform/i18n.ts' {
  interface MessageKeys extends KeysOf<typeof messages> {}
}
