import { AppUser, Invitation } from './user.entity';
export * from './roles';
export * from './user.entity';
export * from './auth.service';
export * from './access-policy';
export * from './access.module';
export const accessEntities = [AppUser, Invitation];
export * from './errors';
