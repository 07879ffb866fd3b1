import { AdoptionSummary, summaryText } from './adoption-table';

const base: AdoptionSummary = { consulted: 23, replied: 20, noComment: 6, notReplied: 3, silenceIsNoComment: false, items: 41, adopted: 25, partiallyAdopted: 6, notAdopted: 10, noted: 0, undecided: 0 };

describe('summaryText', () => {
  it('writes the sentence an office puts in its 起草说明', () => {
    expect(summaryText(base)).toBe('共征求23家单位意见，20家反馈（其中6家无意见），未反馈3家；共41条意见，采纳25条，部分采纳6条，不采纳10条。');
  });
  it('adds the noted items, the undecided ones and the round’s silence rule only when they apply', () => {
    expect(summaryText({ ...base, noted: 4, adopted: 21, undecided: 2, silenceIsNoComment: true })).toBe(
      '共征求23家单位意见，20家反馈（其中6家无意见），未反馈3家（按本轮规则视为无意见）；共41条意见，采纳21条，部分采纳6条，不采纳10条、已在其他条款体现或供参考4条，尚有2条未处理。',
    );
  });
});
