import { forbidden, notFound } from '@zq/common';
import { Actor, isOffice } from './roles';

/**
 * The checks every service method starts with (immich's requireAccess): office staff may see
 * everything the office owns; a unit user only what belongs to its own unit (or its city).
 */
export const AccessPolicy = {
  requireOffice(actor: Actor): void {
    if (!isOffice(actor)) throw forbidden('OFFICE_ONLY', '仅限征求意见发起单位的工作人员操作');
  },
  requireOfficeAdmin(actor: Actor): void {
    if (actor.role !== 'office_admin') throw forbidden('ADMIN_ONLY', '仅限管理员操作');
  },
  /** May this actor act for (or read the data of) this unit? Another unit's data reads as not found. */
  canActFor(actor: Actor, unitId: string): boolean {
    return isOffice(actor) || actor.unitId === unitId || actor.parentUnitId === unitId;
  },
  requireUnitAccess(actor: Actor, unitId: string, what = '该单位的数据'): void {
    if (!AccessPolicy.canActFor(actor, unitId)) throw notFound('NOT_FOUND', `${what}不存在或无权查看`);
  },
  requireApprover(actor: Actor): void {
    if (actor.role !== 'unit_approver') throw forbidden('APPROVER_ONLY', '只有本单位签发人可以盖章提交');
  },
};
