export * from './entities';
export * from './pure';
