import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadWorkingCalendar } from './calendar-from-config';

describe('loadWorkingCalendar', () => {
  const dir = mkdtempSync(join(tmpdir(), 'zq-cal-'));

  it('refuses a year the package does not know until the office enters it', () => {
    const cal = loadWorkingCalendar({ calendarOverridesFile: join(dir, 'absent.json'), calendarUnknownYears: 'reject' });
    expect(() => cal.isWorkday('2027-10-01')).toThrow(expect.objectContaining({ code: 'CALENDAR_YEAR_UNKNOWN' }));
  });

  it("takes the office's corrections from the overrides file, which makes that year known", () => {
    const file = join(dir, 'overrides.json');
    writeFileSync(file, JSON.stringify([{ date: '2027-10-01', workday: false, note: '国庆节' }, { date: '2027-09-26', workday: true, note: '调休上班' }]));
    const cal = loadWorkingCalendar({ calendarOverridesFile: file, calendarUnknownYears: 'reject' });
    expect(cal.isWorkday('2027-10-01')).toBe(false);
    expect(cal.isWorkday('2027-09-26')).toBe(true); // a Sunday worked
  });

  it('can count Monday to Friday in unknown years when the operator chooses so', () => {
    const cal = loadWorkingCalendar({ calendarOverridesFile: join(dir, 'absent.json'), calendarUnknownYears: 'assume-weekdays' });
    expect(cal.isWorkday('2027-10-01')).toBe(true); // a Friday: the real holiday is unknown
  });

  it('names the variable when the file is not valid JSON', () => {
    const file = join(dir, 'bad.json');
    writeFileSync(file, '{not json');
    expect(() => loadWorkingCalendar({ calendarOverridesFile: file, calendarUnknownYears: 'reject' })).toThrow(/CALENDAR_OVERRIDES_FILE/);
  });
});
