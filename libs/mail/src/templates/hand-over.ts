import { layout, RenderedMail } from './layout';

export interface HandOverMailArgs {
  unitName: string;
  roundTitle: string;
  drafterName: string;
  /** 无意见, or 3 条意见 */
  contentText: string;
  /** the deadline in force for the unit, Asia/Shanghai */
  deadline: string;
  url: string;
}

/** 提交签发: the drafter finished the reply; the approver is asked to review, seal and submit it. */
export function handOverMail(a: HandOverMailArgs): RenderedMail {
  return layout(
    `【征求意见】${a.unitName}的反馈待签发：${a.roundTitle}`,
    `${a.unitName}签发人：`,
    [
      `${a.drafterName}已拟好本单位对《${a.roundTitle}》的书面反馈（${a.contentText}），提交您签发。`,
      `请审阅后上传加盖公章的反馈函扫描件并提交（反馈截止时间：${a.deadline}）。`,
    ],
    { label: '审阅并盖章提交', url: a.url },
  );
}
