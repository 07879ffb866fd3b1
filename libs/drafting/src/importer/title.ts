import type { SourceBlock } from './blocks';
import { startsStructure } from './markers';

const TITLE_MAX = 100;
const TITLE_LINE_MAX = 60;
/** A title ends with the kind of document it is, or with its stage in brackets. */
const COMPLETE_TITLE = /(?:意见|办法|方案|通知|规定|决定|规划|细则|条例|纲要|计划|指引|指南|通告|公告|函|报告|措施|制度|标准|规则|稿)[）)]?$|[）)]$/;
const STAGE_LINE = /^[（(][^（()）]*[）)]$/;

function titleLike(text: string): boolean {
  return text.length <= TITLE_LINE_MAX && !/[。；！？!?;：:]/.test(text) && !startsStructure(text);
}

/**
 * Takes the title from the first lines of a draft: one or more short lines without sentence
 * punctuation, ending with the document kind, plus a bracketed stage line such as (二次征求意见稿).
 * Half-width brackets become full-width, as a title is typeset.
 */
export function extractTitle(blocks: SourceBlock[]): { title: string; rest: SourceBlock[] } {
  const parts: string[] = [];
  let stage = '';
  let i = 0;
  for (; i < blocks.length; i++) {
    const b = blocks[i];
    if (b.type !== 'line' || !titleLike(b.text)) break;
    if (STAGE_LINE.test(b.text)) {
      if (stage) break;
      stage = b.text;
      if (parts.length) {
        i++;
        break;
      }
      continue;
    }
    const sofar = parts.join('');
    if (parts.length && (COMPLETE_TITLE.test(sofar) || sofar.length + b.text.length > TITLE_MAX)) break;
    parts.push(b.text);
  }
  if (parts.length === 0) return { title: '', rest: stage ? blocks.slice(1) : blocks };
  return { title: fullWidthBrackets(parts.join('') + stage), rest: blocks.slice(i) };
}

export function fullWidthBrackets(text: string): string {
  return text.replace(/\(/g, '（').replace(/\)/g, '）');
}
