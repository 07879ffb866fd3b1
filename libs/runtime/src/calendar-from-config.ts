import type { AppConfig } from '@zq/persistence';
import { ConfigError } from '@zq/persistence';
import { existsSync, readFileSync } from 'node:fs';
import { CalendarOverride, WorkingCalendar } from '@zq/calendar';

/**
 * The working-day calendar the product uses: chinese-days plus the office's corrections from
 * CALENDAR_OVERRIDES_FILE (default DATA_DIR/calendar-overrides.json), e.g. next year's 放假安排
 * before the package knows it: `[{ "date": "2027-10-01", "workday": false, "note": "国庆节" }]`.
 */
export function loadWorkingCalendar(config: Pick<AppConfig, 'calendarOverridesFile' | 'calendarUnknownYears'>): WorkingCalendar {
  let overrides: CalendarOverride[] = [];
  if (existsSync(config.calendarOverridesFile)) {
    try {
      overrides = JSON.parse(readFileSync(config.calendarOverridesFile, 'utf8'));
    } catch (err) {
      throw new ConfigError('CALENDAR_OVERRIDES_FILE', `${config.calendarOverridesFile} 不是有效的 JSON：${err.message}`);
    }
    if (!Array.isArray(overrides)) throw new ConfigError('CALENDAR_OVERRIDES_FILE', '应为数组：[{ "date": "YYYY-MM-DD", "workday": true|false, "note": "…" }]');
  }
  return new WorkingCalendar(overrides, { unknownYears: config.calendarUnknownYears });
}
