export * from './entities';
export * from './pure';
export * from './drafting.service';
export * from './drafting.module';
export * from './version-ports';
export * from './errors';
