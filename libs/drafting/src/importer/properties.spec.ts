import fc from 'fast-check';
import { DomainError } from '@zq/common';
import { demoDirectory, UnitNameResolver } from '@zq/directory';
import type { DraftDocument, ItemNumbering, ParsedClause } from '../clause-tree';
import { renumber } from '../diff/renumber';
import { mergedCategories } from '../renderer/merged-categories';
import { renderDocx } from '../renderer/render-docx';
import { renderText } from '../renderer/render-text';
import { importDocx, importText } from './import-draft';
import { toChineseNumeral } from './numerals';
import { readClauseTree } from '../tree-check';

const resolver = new UnitNameResolver(demoDirectory());
const UNIT_NAMES = demoDirectory()
  .filter((u) => u.kind === 'provincial_department')
  .map((u) => u.shortName);

// Words of policy prose. No numerals (一、 would start a part) and no 附 (附件 starts an annex).
const CHARS = [...'城镇乡村建设发展规划管理服务设施产业生态环境文化治理推进提升完善加强深化实施创新保障融合美丽品质能力体系机制标准公共交通住房教育医疗养老绿色低碳智慧数字安全'];
const word = fc.oneof(
  { weight: 8, arbitrary: fc.string({ unit: fc.constantFrom(...CHARS), minLength: 2, maxLength: 6 }) },
  { weight: 1, arbitrary: fc.constantFrom('2025年', '100个以上', '5G', 'TOD', '98%') },
);
const phrase = fc.array(word, { minLength: 1, maxLength: 3 }).map((w) => w.join(''));
/** a heading: a phrase with no punctuation */
const heading = fc.string({ unit: fc.constantFrom(...CHARS), minLength: 2, maxLength: 12 });
const sentence = fc.array(phrase, { minLength: 1, maxLength: 3 }).map((p) => `${p.join('，')}。`);
const prose = fc.array(sentence, { minLength: 1, maxLength: 3 }).map((s) => s.join(''));
/** text standing alone after a number: its first sentence has a comma, so it is not a heading */
const proseWithoutHeading = fc
  .tuple(phrase, phrase, fc.array(sentence, { maxLength: 2 }))
  .map(([a, b, rest]) => `${a}，${b}。${rest.join('')}`);

type Shape = 'heading' | 'text' | 'both';
const shape = fc.constantFrom<Shape>('heading', 'text', 'both');

function clause(kind: ParsedClause['kind'], fields: Partial<ParsedClause> = {}): ParsedClause {
  return { kind, label: '', number: null, heading: '', text: '', responsibleUnits: [], children: [], ...fields };
}

const paragraph = prose.map((text) => clause('paragraph', { text }));

function numbered(kind: 'part' | 'section' | 'item' | 'subitem', children: fc.Arbitrary<ParsedClause[]>) {
  return fc
    .record({
      shape,
      heading,
      commaHeading: fc.tuple(heading, heading).map(([a, b]) => `${a}，${b}`),
      text: prose,
      bare: proseWithoutHeading,
      units: kind === 'part' ? fc.constant<string[]>([]) : fc.oneof(fc.constant<string[]>([]), fc.uniqueArray(fc.constantFrom(...UNIT_NAMES), { minLength: 1, maxLength: 4 })),
      paragraphs: fc.array(paragraph, { maxLength: kind === 'subitem' ? 0 : 2 }),
      children,
    })
    .map((r) =>
      clause(kind, {
        // numbered, awaiting its number from renumber (an unnumbered part is a bulletin's bare heading)
        number: 0,
        heading: r.shape === 'text' ? '' : r.shape === 'heading' && r.units.length === 0 ? r.commaHeading : r.heading,
        text: r.shape === 'heading' ? '' : r.shape === 'text' ? r.bare : r.text,
        responsibleUnits: r.units.map((name) => ({ name, isLead: false })),
        children: [...r.paragraphs, ...r.children],
      }),
    );
}

const subitems = fc.array(numbered('subitem', fc.constant([])), { maxLength: 2 });
const items = fc.array(numbered('item', subitems), { maxLength: 3 });
const sections = fc.array(numbered('section', items), { minLength: 1, maxLength: 3 });
const part = numbered('part', fc.oneof(sections, items));
const table = fc
  .tuple(fc.integer({ min: 2, max: 4 }), fc.integer({ min: 2, max: 4 }))
  .chain(([rows, cols]) =>
    fc.array(fc.array(fc.oneof(heading, fc.constantFrom('', '1', '98', '2025')), { minLength: cols, maxLength: cols }), {
      minLength: rows,
      maxLength: rows,
    }),
  )
  .filter((rows) => rows.every((r) => r.some((c) => c !== '')));
const annex = fc.tuple(heading, table).map(([h, rows]) => clause('annex', { heading: h, children: [clause('table', { table: { rows } })] }));

/** A draft the importer can express: labels from renumber, notes written the way offices write them. */
const draft: fc.Arbitrary<{ doc: DraftDocument; scheme: ItemNumbering }> = fc
  .record({
    title: fc.oneof(fc.constant(''), fc.tuple(heading, fc.boolean()).map(([h, stage]) => `关于${h}的意见${stage ? '（征求意见稿）' : ''}`)),
    preamble: fc.array(paragraph, { maxLength: 2 }),
    parts: fc.array(part, { minLength: 1, maxLength: 3 }),
    annexes: fc.array(annex, { maxLength: 2 }),
    scheme: fc.constantFrom<ItemNumbering>('continuous', 'per_section'),
    leadRule: fc.constantFrom('none', 'first', 'sticky'),
  })
  .map(({ title, preamble, parts, annexes, scheme, leadRule }) => {
    const clauses = renumber([...preamble, ...parts, ...annexes], scheme);
    writeNotes(clauses, leadRule);
    return { doc: { title, clauses }, scheme };
  });

/** The first note states 列第一位的为牵头单位 (with 下同 when sticky); later notes inherit it only when sticky. */
function writeNotes(clauses: ParsedClause[], rule: string): void {
  let first = true;
  const walk = (nodes: ParsedClause[]) =>
    nodes.forEach((c) => {
      if (c.responsibleUnits.length) {
        const names = c.responsibleUnits.map((u) => u.name).join('、');
        const lead = rule !== 'none' && (first || rule === 'sticky');
        c.responsibilityRaw = first && rule !== 'none' ? `（责任单位：${names}。列第一位的为牵头单位${rule === 'sticky' ? '，下同' : ''}。）` : `（责任单位：${names}）`;
        c.responsibleUnits = c.responsibleUnits.map((u, i) => ({ ...u, isLead: lead && i === 0 }));
        first = false;
      }
      walk(c.children);
    });
  walk(clauses);
}

describe('importer properties', () => {
  it('reads back any draft it rendered as text', () => {
    fc.assert(
      fc.property(draft, ({ doc }) => {
        const back = importText(renderText(doc), { resolver });
        expect(back.title).toBe(doc.title);
        expect(back.clauses).toEqual(doc.clauses);
        expect(() => readClauseTree(back.clauses)).not.toThrow();
      }),
      { numRuns: 300 },
    );
  });

  it('reads back any draft it rendered as .docx', async () => {
    await fc.assert(
      fc.asyncProperty(draft, async ({ doc }) => {
        const back = await importDocx(await renderDocx(doc), { resolver });
        expect(back.title).toBe(doc.title);
        // a blank category cell is printed merged with the one above, and reads back as it
        const merged = (cs: ParsedClause[]): ParsedClause[] =>
          cs.map((c) => ({ ...c, ...(c.table ? { table: { ...c.table, rows: mergedCategories(c.table.rows) } } : {}), children: merged(c.children) }));
        expect(back.clauses).toEqual(merged(doc.clauses));
      }),
      { numRuns: 25 },
    );
  });

  const fragment = fc.oneof(
    fc.string({ unit: 'binary', maxLength: 40 }),
    fc.constantFrom(
      '一、', '（一）', '(二)', '1.', '2、', '（1）', '附件', '附件1', '附件 2', '附件：1. 名单', '——', '- 3 -', '\t', '\t\t',
      '（责任单位：', '责任单位：省建设厅、', '省外事办)', '列第一位的为牵头单位，下同。）', '）', '(', '。', '函', '联系人：',
      '于13月40日前', '2023年5月17日', '逾期未反馈的视为无意见', '关于某事的意见', '（征求意见稿）', '\u3000\u3000', '\r\n', '\f',
    ),
    sentence,
  );
  const messy = fc.array(fragment, { maxLength: 60 }).chain((parts) =>
    fc.constantFrom(parts.join(''), parts.join('\n'), parts.join('\n\n')),
  );

  it('never fails on any input except with a DomainError that has a code, and what it reads passes the tree check unchanged', () => {
    fc.assert(
      fc.property(fc.oneof(messy, fc.string({ unit: 'binary' })), (text) => {
        let r: ReturnType<typeof importText>;
        try {
          r = importText(text, { resolver });
          expect(r.clauses.length).toBeGreaterThan(0);
        } catch (err) {
          expect(err).toBeInstanceOf(DomainError);
          expect(err.code).toMatch(/^IMPORT_[A-Z_]+$/);
          return;
        }
        // the review screen sends the preview back as it was read: saving it uncorrected never meets a TREE_* refusal
        expect(() => readClauseTree(r.clauses)).not.toThrow();
      }),
      { numRuns: 2000 },
    );
  });
});

/**
 * Regulations typed as offices type them: 章 (some with 节), articles numbered through the whole
 * text (第一百二十三条, sometimes in full-width digits), 款 as further lines, 项 （一） and 目 1. —
 * whatever the mix, the importer finds every chapter, section, article and item, in order.
 */
describe('regulation properties', () => {
  const fullWidth = (n: number) => String(n).replace(/[0-9]/g, (d) => String.fromCharCode(0xff10 + Number(d)));
  const article = fc.record({
    body: sentence,
    paragraphs: fc.array(sentence, { maxLength: 2 }),
    // a 目 reading 1.98% is a number, not a 目 (the importer's rule): 目 start with words
    items: fc.array(fc.record({ text: phrase, subitems: fc.array(phrase.filter((p) => !/^[0-9]/.test(p)), { maxLength: 2 }) }), { maxLength: 3 }),
    digits: fc.constantFrom('chinese', 'chinese', 'fullwidth'),
    gap: fc.constantFrom('  ', ' ', '\u3000'),
  });
  const chapter = fc.record({
    heading,
    sections: fc.oneof(fc.constant(null), fc.array(fc.tuple(heading, fc.array(article, { minLength: 1, maxLength: 3 })), { minLength: 1, maxLength: 3 })),
    articles: fc.array(article, { minLength: 1, maxLength: 4 }),
  });

  it('finds every chapter, section, article, item and subitem of any regulation, articles numbered through the text', () => {
    fc.assert(
      fc.property(fc.array(chapter, { minLength: 1, maxLength: 5 }), (chapters) => {
        const lines = ['某某省城乡建设管理条例', '（草案征求意见稿）', ''];
        let n = 0;
        let items = 0;
        let subitems = 0;
        let sections = 0;
        const write = (a: (typeof chapters)[number]['articles'][number]) => {
          n++;
          lines.push(`第${a.digits === 'fullwidth' ? fullWidth(n) : toChineseNumeral(n)}条${a.gap}${a.body}`, ...a.paragraphs);
          a.items.forEach((it, k) => {
            items++;
            lines.push(`（${toChineseNumeral(k + 1)}）${it.text}；`);
            it.subitems.forEach((sub, j) => {
              subitems++;
              lines.push(`${j + 1}.${sub}；`);
            });
          });
        };
        chapters.forEach((c, i) => {
          lines.push(`第${toChineseNumeral(i + 1)}章  ${c.heading}`);
          if (c.sections) {
            c.sections.forEach(([h, arts], j) => {
              sections++;
              lines.push(`第${toChineseNumeral(j + 1)}节  ${h}`);
              arts.forEach(write);
            });
          } else c.articles.forEach(write);
        });
        const r = importText(lines.join('\n'), { resolver });
        const flat = (cs: ParsedClause[]): ParsedClause[] => cs.flatMap((c) => [c, ...flat(c.children)]);
        const all = flat(r.clauses);
        expect(r.title).toBe('某某省城乡建设管理条例（草案征求意见稿）');
        expect(r.clauses.map((c) => c.kind)).toEqual(chapters.map(() => 'chapter'));
        expect(r.clauses.map((c) => c.heading)).toEqual(chapters.map((c) => c.heading));
        expect(all.filter((c) => c.kind === 'section')).toHaveLength(sections);
        const articles = all.filter((c) => c.kind === 'article');
        expect(articles.map((a) => a.label)).toEqual(Array.from({ length: n }, (_, k) => `第${toChineseNumeral(k + 1)}条`));
        expect(all.filter((c) => c.kind === 'item')).toHaveLength(items);
        expect(all.filter((c) => c.kind === 'subitem')).toHaveLength(subitems);
        expect(() => readClauseTree(r.clauses)).not.toThrow();
      }),
      { numRuns: 150 },
    );
  });
});
