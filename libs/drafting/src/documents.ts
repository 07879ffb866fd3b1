/**
 * Rendering and comparing documents, and nothing else (no importer, no database, no Nest): what the
 * exports of other libraries use on a render thread (RenderThreads in @zq/common), which loads
 * only this.
 */
export * from './renderer';
export * from './diff';
