export const ROLES = ['office_admin', 'office_staff', 'unit_drafter', 'unit_approver'] as const;
export type Role = (typeof ROLES)[number];
export const OFFICE_ROLES: Role[] = ['office_admin', 'office_staff'];
export const UNIT_ROLES: Role[] = ['unit_drafter', 'unit_approver'];

/** Who is calling, as every service method receives it. */
export interface Actor {
  userId: string;
  username: string;
  displayName: string;
  role: Role;
  /** the unit a unit user acts for (an office user belongs to the organizer) */
  unitId: string | null;
  /** the city a city office's user also acts for */
  parentUnitId: string | null;
}

export const isOffice = (a: Actor) => OFFICE_ROLES.includes(a.role);
