import type { FormInstance } from 'antd';
import { ApiError } from '../api/client';

/**
 * Puts an API error next to the form field it names (details.field, or each of details.fields for
 * VALIDATION_FAILED); `aliases` maps API field names to the form's. Returns whether any field took it.
 */
export function showFieldErrors(form: FormInstance, err: unknown, aliases: Record<string, string | string[]> = {}): boolean {
  if (!(err instanceof ApiError)) return false;
  const toName = (field: string): (string | number)[] | null => {
    const alias = aliases[field] ?? aliases[field.split('.')[0]];
    if (alias) return Array.isArray(alias) ? alias : [alias];
    const known = form.getFieldsValue(true) as Record<string, unknown>;
    const top = field.split('.')[0];
    return top in known ? field.split('.') : null;
  };
  const entries: { name: (string | number)[]; errors: string[] }[] = [];
  if (err.details?.fields?.length) {
    for (const f of err.details.fields) {
      const name = toName(f.field);
      // class-validator's own messages are English: keep only the Chinese ones the DTOs give
      const zh = f.problems.filter((p) => /[\u4e00-\u9fff]/.test(p)).map((p) => p.replace(/^[A-Za-z.]+\s*/, ''));
      if (name) entries.push({ name, errors: [zh.length ? zh.join('；') : '此项填写有误，请检查'] });
    }
  } else if (typeof err.details?.field === 'string') {
    const name = toName(err.details.field);
    if (name) entries.push({ name, errors: [err.message] });
  }
  if (!entries.length) return false;
  form.setFields(entries);
  return true;
}
