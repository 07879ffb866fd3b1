import type { ImportWarning } from '../clause-tree';

/** Collects what a person should check after an import, pointing at the line (or .docx paragraph). */
export class WarningLog {
  readonly list: ImportWarning[] = [];

  constructor(private readonly unit: '行' | '段' = '行') {}

  /** "第12行：", or "第12段：" in a .docx, whose lines are paragraphs */
  at(line: number | undefined): string {
    return line === undefined ? '' : `第${line}${this.unit}：`;
  }

  add(code: string, message: string, line?: number): void {
    this.list.push(line === undefined ? { code, message } : { code, message, line });
  }
}
