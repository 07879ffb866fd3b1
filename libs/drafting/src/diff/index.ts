export { diffVersions, redline, flattenForDiff } from './diff-versions';
export type { DiffClause, ClauseChange, ClauseChangeStatus, RedlineSegment, VersionDiff, KeyedClause } from './diff-versions';
export { renumber } from './renumber';
export type { NumberedNode } from './renumber';
export { articleReferenceWarnings } from './article-references';
export type { ArticleReferenceWarning, ReferenceNode } from './article-references';
