import type { LetterFacts } from '../clause-tree';
import { importText } from './import-draft';

/** A short letter around `body`, with a one-item draft as 附件1. */
function letterWith(body: string, date = '2023年5月17日'): { letter?: LetterFacts; codes: string[] } {
  const r = importText(`关于征求意见的函

各有关单位：
${body}

附件：关于某事项的意见

${date}

附件1

关于某事项的意见

1. 甲事项。具体内容甲。
`);
  return { letter: r.letter, codes: r.warnings.map((w) => w.code) };
}

describe('letter facts', () => {
  it('takes the hour when the letter gives one', () => {
    expect(letterWith('请于5月23日17:00前反馈。联系人：张三，电话：0571-87050000。').letter!.deadline).toBe('2023-05-23T17:00:00+08:00');
    expect(letterWith('请于5月23日下午5时前反馈。联系人：张三，电话：0571-87050000。').letter!.deadline).toBe('2023-05-23T17:00:00+08:00');
  });

  it('uses an explicit year and a weekday in brackets', () => {
    expect(letterWith('请于2024年1月5日（星期五）前反馈。联系人：张三。').letter!.deadline).toBe('2024-01-05T23:59:59+08:00');
  });

  it('reads a letter date written in Chinese numerals', () => {
    const { letter } = letterWith('请于6月1日前反馈。联系人：张三，电话：13800000000。', '二〇二三年五月十七日');
    expect(letter).toMatchObject({ date: '2023-05-17', deadline: '2023-06-01T23:59:59+08:00', contact: { name: '张三', phone: '13800000000' } });
  });

  it('warns when the due date or the contact cannot be found, or the date does not exist', () => {
    expect(letterWith('请认真研究并反馈意见。联系人：张三。').codes).toEqual(['LETTER_NO_DEADLINE']);
    expect(letterWith('请于2月30日前反馈。').codes).toEqual(['LETTER_DEADLINE_INVALID', 'LETTER_NO_CONTACT']);
  });

  it('reads both spellings of the no-comment rules', () => {
    expect(letterWith('请于6月1日前反馈，无意见的也请函复。联系人：张三。').letter!.rules).toEqual(['no_comment_must_be_written']);
    expect(letterWith('请于6月1日前反馈，逾期不反馈视为无意见。联系人：张三。').letter!.rules).toEqual(['silence_is_no_comment']);
  });
});
