import fc from 'fast-check';
import { AdoptionSummary, changedPassage, summaryText } from './adoption-table';

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

describe('changedPassage', () => {
  const clause = '提升市政设施品质。按照适度超前、协同高效、持续发展的建设理念，不断提升城镇基础设施品质和安全韧性水平。加大城镇路网设施建设，倡导“小街区密路网”，完善交通安全设施。加强地下空间开发利用，推进市政管网更新改造。';

  it('prints the sentence that changed, with …… for the sentences left out', () => {
    expect(changedPassage(clause, clause.replace('加大城镇路网', '加快城镇路网'))).toBe('……加快城镇路网设施建设，倡导“小街区密路网”，完善交通安全设施。……');
    expect(changedPassage(clause, clause.replace('推进市政管网更新改造。', '推进市政管网更新改造，新增内容。'))).toBe('……加强地下空间开发利用，推进市政管网更新改造，新增内容。');
    expect(changedPassage(clause, clause.replace('提升市政设施品质。', '提升市政设施能级。'))).toBe('提升市政设施能级。……');
  });

  it('spans from the first change to the last, and gives a short clause whole', () => {
    const both = clause.replace('适度超前', '适度超前布局').replace('完善交通', '健全交通');
    expect(changedPassage(clause, both)).toBe('……按照适度超前布局、协同高效、持续发展的建设理念，不断提升城镇基础设施品质和安全韧性水平。加大城镇路网设施建设，倡导“小街区密路网”，健全交通安全设施。……');
    expect(changedPassage('短条文。', '短条文，已改。')).toBe('短条文，已改。');
  });

  it('always returns a stretch of the revised text that holds every changed character (property)', () => {
    const text = fc.stringMatching(/^[甲乙丙丁，。；]{0,120}$/);
    fc.assert(
      fc.property(text, text, text, (a, mid, b) => {
        const before = `${a}旧${b}`;
        const after = `${a}${mid}${b}`;
        const out = changedPassage(before, after, 20);
        const inner = out.replace(/^……/, '').replace(/……$/, '');
        const at = after.indexOf(inner);
        expect(at).toBeGreaterThanOrEqual(0);
        expect(out.startsWith('……')).toBe(at > 0);
        expect(out.endsWith('……')).toBe(at + inner.length < after.length);
        // every character where the two differ lies inside the passage
        let p = 0;
        while (p < before.length && p < after.length && before[p] === after[p]) p++;
        let q = 0;
        while (q < before.length - p && q < after.length - p && before[before.length - 1 - q] === after[after.length - 1 - q]) q++;
        expect(at).toBeLessThanOrEqual(p);
        expect(at + inner.length).toBeGreaterThanOrEqual(after.length - q);
      }),
    );
  });
});
