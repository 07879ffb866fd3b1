import { Unit, UnitContact } from './unit.entity';
export * from './unit-kinds';
export * from './name-resolver';
export * from './demo-directory';
export * from './unit.entity';
export * from './directory.service';
export * from './directory.module';
export const directoryEntities = [Unit, UnitContact];
export * from './errors';
