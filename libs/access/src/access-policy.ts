import { AccessErrors } from './errors';
import { Actor, isOffice } from './roles';

/**
 * The checks every service method starts with (immich's requireAccess): office staff may see
 * everything the office owns; a unit user only what belongs to its own unit (or its city).
 */
export const AccessPolicy = {
  requireOffice(actor: Actor): void {
    if (!isOffice(actor)) throw AccessErrors.officeOnly();
  },
  requireOfficeAdmin(actor: Actor): void {
    if (actor.role !== 'office_admin') throw AccessErrors.adminOnly();
  },
  /** May this actor act for (or read the data of) this unit? Another unit's data reads as not found. */
  canActFor(actor: Actor, unitId: string): boolean {
    return isOffice(actor) || actor.unitId === unitId || actor.parentUnitId === unitId;
  },
  requireUnitAccess(actor: Actor, unitId: string, what = '该单位的数据'): void {
    if (!AccessPolicy.canActFor(actor, unitId)) throw AccessErrors.notVisible(what);
  },
  requireApprover(actor: Actor): void {
    if (actor.role !== 'unit_approver') throw AccessErrors.approverOnly();
  },
};
