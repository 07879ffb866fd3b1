import { AdoptionController } from './adoption.controller';
import { MyEarlierItemsController } from './my-earlier-items.controller';

/** Controllers of the adoption domain, registered by ApiModule. */
export const adoptionControllers: Function[] = [AdoptionController, MyEarlierItemsController];
