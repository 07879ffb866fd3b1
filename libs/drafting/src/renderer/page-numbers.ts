import { AlignmentType, Footer, PageNumber, Paragraph, TextRun } from 'docx';

/** 4号 (14 pt) in half-points: the page number's size in GB/T 9704-2012. */
const SIZE = 28;
const FONT = '宋体';

function pageNumber(alignment: (typeof AlignmentType)[keyof typeof AlignmentType], indent: { left?: number; right?: number }): Footer {
  return new Footer({
    children: [
      new Paragraph({
        alignment,
        indent,
        children: [new TextRun({ children: ['— ', PageNumber.CURRENT, ' —'], font: { ascii: FONT, eastAsia: FONT, hAnsi: FONT }, size: SIZE })],
      }),
    ],
  });
}

/**
 * 页码 as GB/T 9704-2012 §7.5 sets it: 4号 宋体 Arabic numerals with a dash each side ("— 1 —"),
 * odd pages at the right and even pages at the left, one character in from the edge. Use with
 * `evenAndOddHeaderAndFooters: true` on the Document.
 */
export function officialPageNumbers(): { default: Footer; even: Footer } {
  const oneChar = SIZE * 10; // one 4号 character in twips
  return { default: pageNumber(AlignmentType.RIGHT, { right: oneChar }), even: pageNumber(AlignmentType.LEFT, { left: oneChar }) };
}
