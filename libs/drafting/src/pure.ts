/**
 * The pure heart of drafting — no database, no Nest: import a draft (text or .docx) into a clause
 * tree, render it back (text or .docx), compare versions and renumber clauses.
 */
export * from './clause-tree';
export * from './importer';
export * from './renderer';
export * from './diff';
export * from './tree-edit';
