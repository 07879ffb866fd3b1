import { diffVersions, flattenForDiff, type KeyedClause, type VersionDiff } from './diff-versions';

/** DraftingService.diff's comparison of two clause trees, run on a render thread (RenderThreads): a large draft's diff holds the CPU for seconds. */
export function diffTrees(from: KeyedClause[], to: KeyedClause[]): VersionDiff {
  return diffVersions(flattenForDiff(from), flattenForDiff(to));
}
