export * from './domain-error';
export * from './clock';
export * from './metrics';
export * from './file-download';
export * from './render-threads';
export * from './nfc';
