export * from './unit-kinds';
export * from './name-resolver';
export * from './demo-directory';
