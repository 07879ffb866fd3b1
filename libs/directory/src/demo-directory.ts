import data from './data/zhejiang-units.json';
import type { CityOfficeRole, UnitFacts } from './unit-kinds';

/** Suffixes of a city's three offices, as a city's reply names them. */
const CITY_OFFICES: { role: CityOfficeRole; suffix: string; full: string; aliases: string[] }[] = [
  { role: 'general_office', suffix: '政府办公厅', full: '人民政府办公室', aliases: ['政府办公室', '政府办'] },
  { role: 'construction_authority', suffix: '建设局', full: '住房和城乡建设局', aliases: ['建委', '住建局', '建设主管部门', '住房和城乡建设局'] },
  { role: 'beautiful_towns_office', suffix: '美丽城镇办', full: '美丽城镇建设办公室', aliases: ['美丽城镇建设办公室'] },
];

/**
 * The demo directory built from the bundled fixture (Zhejiang: the organizer, provincial units,
 * 11 prefecture cities with their general office, construction authority and 美丽城镇办).
 */
export function demoDirectory(): UnitFacts[] {
  const units: UnitFacts[] = [];
  units.push({
    kind: 'organizer',
    shortName: data.organizer.shortName,
    fullName: data.organizer.name,
    aliases: ['省美丽城镇建设办公室'],
  });
  for (const u of data.provincialUnits) {
    units.push({
      kind: 'provincial_department',
      shortName: u.shortName,
      fullName: u.fullName,
      aliases: u.aliases,
      inRound2Annex: u.inRound2Annex,
    });
  }
  for (const c of data.prefectureCities) {
    const bare = c.name.replace(/市$/, '');
    units.push({ kind: 'prefecture_city', shortName: c.name, fullName: `${c.name}人民政府`, aliases: [`${c.name}政府`, `${c.name}人民政府`] });
    for (const o of CITY_OFFICES) {
      units.push({
        kind: 'city_office',
        officeRole: o.role,
        shortName: `${c.name}${o.suffix}`,
        fullName: `${c.name}${o.full}`,
        aliases: [...o.aliases.map((a) => `${c.name}${a}`), ...o.aliases.map((a) => `${bare}${a}`)],
        parentShortName: c.name,
      });
    }
  }
  return units;
}

/** A deterministic demo e-mail on the reserved example domain (RFC 2606). */
export function demoEmail(index: number): string {
  return `unit${String(index).padStart(3, '0')}@example.org`;
}
