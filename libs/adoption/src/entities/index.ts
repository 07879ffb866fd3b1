import { Disposition, RoundAdoption, VersionChange } from './adoption.entity';
export * from './adoption.entity';
export const adoptionEntities = [Disposition, VersionChange, RoundAdoption];
