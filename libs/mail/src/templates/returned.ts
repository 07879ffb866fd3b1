import { layout, RenderedMail } from './layout';

export interface ReturnedMailArgs {
  unitName: string;
  roundTitle: string;
  trackingNo: string;
  reason: string;
  /** the deadline in force for the unit, Asia/Shanghai */
  deadline: string;
  url: string;
}

/** 退回补正: the office returned a sealed reply; the unit is asked to correct it and seal again. */
export function returnedMail(a: ReturnedMailArgs): RenderedMail {
  return layout(
    `【征求意见】${a.unitName}的反馈被退回补正（${a.trackingNo}）`,
    `${a.unitName}：`,
    [
      `贵单位对《${a.roundTitle}》的书面反馈（回执编号 ${a.trackingNo}）经审核需退回补正。`,
      `退回原因：${a.reason}`,
      `请按要求修改后重新盖章提交（反馈截止时间：${a.deadline}）。原提交记录保留，不会被删除。`,
    ],
    { label: '查看并重新提交', url: a.url },
  );
}
