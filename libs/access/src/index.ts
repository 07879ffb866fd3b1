import { AppUser, Invitation, LoginThrottle } from './user.entity';
export * from './roles';
export * from './user.entity';
export * from './auth.service';
export * from './access-policy';
export * from './access.module';
export const accessEntities = [AppUser, Invitation, LoginThrottle];
export * from './errors';
