export * from './boot';
export * from './entities';
export * from './runtime.module';
export * from './shutdown';
export * from './operators';
