// The applications list as an Excel sheet (the employer files it; officials pass it upward): the
// phone masked as in the list — a full phone is revealed one application at a time, never exported.
import type { z } from 'zod';
import { writeSheet } from '../../platform/spreadsheet.ts';
import type * as s from './schemas.ts';

type Item = z.infer<typeof s.application>;

/** 应聘阶段 as the desk names them. */
export const STAGE_NAMES: Record<Item['stage'], string> = {
  applied: '已申请',
  shortlisted: '入围',
  interview: '面试',
  offer: '录用通知',
  hired: '已入职',
  rejected: '未录用',
  withdrawn: '已撤回',
};

export function applicationsSheet(items: Item[]): Promise<Buffer> {
  return writeSheet(
    '应聘申请',
    [
      { header: '申请编号', value: (r) => r.id },
      { header: '职位', width: 30, value: (r) => r.postingTitle },
      { header: '申请人', value: (r) => r.applicant.name ?? '（已删除）' },
      { header: '手机号', width: 16, value: (r) => r.applicant.phoneMasked ?? '' },
      { header: '阶段', value: (r) => STAGE_NAMES[r.stage] },
      { header: '申请时间', width: 26, value: (r) => r.appliedAt },
      { header: '阶段变更时间', width: 26, value: (r) => r.stageAt },
      { header: '推荐机构', width: 30, value: (r) => r.referral?.agencyName ?? '' },
    ],
    items,
  );
}
