export const UNIT_KINDS = ['organizer', 'provincial_department', 'prefecture_city', 'city_office'] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

export const CITY_OFFICE_ROLES = ['general_office', 'construction_authority', 'beautiful_towns_office'] as const;
export type CityOfficeRole = (typeof CITY_OFFICE_ROLES)[number];

/** What the directory knows of a unit, independent of storage (the resolver and the importer use this). */
export interface UnitFacts {
  id?: string;
  kind: UnitKind;
  shortName: string;
  fullName: string;
  aliases: string[];
  officeRole?: CityOfficeRole | null;
  /** short name of the parent (a city office's city) */
  parentShortName?: string | null;
  inRound2Annex?: boolean;
}
