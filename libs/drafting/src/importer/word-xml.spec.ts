import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { demoDirectory, UnitNameResolver } from '@zq/directory';
import type { ParsedClause } from '../clause-tree';
import { importDocx } from './import-draft';
import { parseXml, type XmlElement } from './word-xml';

/**
 * The scanner steps over formatting-only elements (run properties, paragraph layout, table look)
 * without building them: what it builds must be the rest of the document, exactly.
 */
type Node = { tag: string; attrs: Record<string, string>; children: (Node | string)[] };

const KEPT_TAGS = ['w:p', 'w:r', 'w:t', 'w:pPr', 'w:numPr', 'w:numId', 'w:ilvl', 'w:tc', 'w:tcPr', 'w:vMerge', 'w:gridSpan'];
const text = fc.string({ unit: fc.constantFrom(...'城镇建设规划 <>&"\'一、（）1.'), minLength: 1, maxLength: 8 });
const attrValue = fc.string({ unit: fc.constantFrom(...'ab1 >/<&"\''), maxLength: 6 });
const attrs = fc.dictionary(fc.constantFrom('w:val', 'w:rsidR', 'w:type', 'xml:space'), attrValue, { maxKeys: 2 });

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const escapeAttr = (s: string, quote: string) => escape(s).replace(quote === '"' ? /"/g : /'/g, quote === '"' ? '&quot;' : '&apos;');

/** formatting the scanner leaves out: a run's properties (with a revision holding w:rPr again), indents */
const formatting = fc.constantFrom(
  '<w:rPr><w:rFonts w:ascii="宋体" w:hAnsi="宋体"/><w:sz w:val="32"/></w:rPr>',
  '<w:rPr><w:b/><w:rPrChange w:id="1" w:author="a>b"><w:rPr><w:i/></w:rPr></w:rPrChange></w:rPr>',
  '<w:rPr/>',
  '<w:ind w:firstLine="640"/>',
  '<w:tcBorders><w:top w:val="single"/></w:tcBorders>',
  '<w:sectPr><w:sectPrChange w:id="2"><w:sectPr/></w:sectPrChange><w:pgSz w:w="11906"/></w:sectPr>',
);

const leaf: fc.Arbitrary<Node> = fc.record({ tag: fc.constantFrom(...KEPT_TAGS), attrs, children: fc.constant([] as (Node | string)[]) });
const tree: fc.Arbitrary<Node> = fc.letrec<{ node: Node }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    fc.record({ tag: fc.constantFrom(...KEPT_TAGS), attrs, children: fc.array(fc.oneof(tie('node'), text), { maxLength: 4 }) }),
  ),
})).node;

/** XML for the tree, with formatting elements sprinkled in and adjacent strings merged (XML cannot tell them apart) */
function serialise(node: Node, extras: string[], quote: string): string {
  const a = Object.entries(node.attrs).map(([k, v]) => ` ${k}=${quote}${escapeAttr(v, quote)}${quote}`).join('');
  if (node.children.length === 0) return `<${node.tag}${a}/>${extras.pop() ?? ''}`;
  const inner = node.children.map((c) => (typeof c === 'string' ? escape(c) : serialise(c, extras, quote))).join('');
  return `<${node.tag}${a}>${extras.pop() ?? ''}${inner}</${node.tag}>`;
}

/** what the scanner should give: adjacent strings merged, blank strings dropped outside w:t */
function expected(node: Node): XmlElement {
  const children: (XmlElement | string)[] = [];
  for (const c of node.children) {
    if (typeof c === 'string' && typeof children[children.length - 1] === 'string') children[children.length - 1] += c;
    else children.push(typeof c === 'string' ? c : expected(c));
  }
  return { tag: node.tag, attrs: node.attrs, children: children.filter((c) => typeof c !== 'string' || node.tag === 'w:t' || /\S/.test(c)) };
}

describe('the WordprocessingML scanner', () => {
  it('builds every element but the formatting it steps over, with text, entities and quoted ">" intact', () => {
    fc.assert(
      fc.property(tree, fc.array(formatting, { maxLength: 6 }), fc.constantFrom('"', "'"), (node, extras, quote) => {
        const xml = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<!-- saved by Word -->${serialise(node, [...extras], quote)}`;
        const root = parseXml(xml);
        expect(JSON.parse(JSON.stringify(root.children))).toEqual([JSON.parse(JSON.stringify(expected(node)))]);
      }),
      { numRuns: 300 },
    );
  });

  it('refuses broken nesting, also inside the formatting it skips', () => {
    expect(() => parseXml('<w:p><w:r></w:p></w:r>')).toThrow();
    expect(() => parseXml('<w:p><w:rPr><w:b/></w:p>')).toThrow();
    expect(() => parseXml('<w:p><w:t>a</w:t>')).toThrow();
    expect(() => parseXml('</w:p>')).toThrow();
  });
});

describe('a 1 MB .docx as offices send it (the bench fixture)', () => {
  const resolver = new UnitNameResolver(demoDirectory());
  const count = (cs: ParsedClause[], kind: string): number => cs.reduce((n, c) => n + (c.kind === kind ? 1 : 0) + count(c.children, kind), 0);

  it('reads all of Word’s automatic numbers, the parts, sections, items and every merged-cell table', async () => {
    const docx = readFileSync(join(__dirname, '../../../../test/fixtures/drafts/bench-plan-1mb.docx'));
    expect(docx.length).toBeGreaterThan(1024 * 1024);
    const result = await importDocx(docx, { resolver });
    expect(result.title).toBe('浙江省城乡建设高质量发展“十五五”规划（征求意见稿）');
    const parts = result.clauses.filter((c) => c.kind === 'part');
    expect(parts).toHaveLength(172);
    expect(parts[0].label).toBe('一、');
    expect(parts[171].label).toBe('一百七十二、');
    expect(count(result.clauses, 'section')).toBe(172 * 5);
    expect(count(result.clauses, 'item')).toBe(172 * 5 * 6);
    // items count again in every section: 1. … 6.
    expect(parts[100].children[4].children.map((c) => c.label)).toEqual(['1.', '2.', '3.', '4.', '5.', '6.']);
    expect(result.warnings.filter((w) => w.code === 'UNIT_UNKNOWN')).toEqual([]);
    // each part's task table on Word's grid: 完成时限 spans two columns, 责任单位 merged down over three rows
    const tables: NonNullable<ParsedClause['table']>[] = [];
    const walk = (cs: ParsedClause[]) => cs.forEach((c) => (c.table && tables.push(c.table), walk(c.children)));
    walk(result.clauses);
    expect(tables).toHaveLength(172);
    for (const t of tables) {
      expect(t.rows[0]).toEqual(['序号', '任务名称', '完成时限', '', '责任单位']);
      expect(t.rows).toHaveLength(7);
      expect(t.rows[2][4]).toBe(t.rows[1][4]);
      expect(t.rows[3][4]).toBe(t.rows[1][4]);
      expect(t.rows[4][4]).not.toBe('');
    }
  }, 60_000);
});
