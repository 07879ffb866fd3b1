import { PoliciesController } from './policies.controller';

/** Controllers of the drafting domain, registered by ApiModule. */
export const draftingControllers: Function[] = [PoliciesController];
