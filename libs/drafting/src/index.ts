export * from './entities';
export * from './clause-tree';
