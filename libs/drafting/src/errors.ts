import { conflict, invalidInput, notFound, ruleViolation } from '@zq/common';

type Details = Record<string, unknown>;

/**
 * The error codes drafting raises, with their Chinese messages: one place to read what a user can
 * be told and under which stable code. apps/api maps the kind to the status (404, 400, 422, 409, 403).
 */
export const DraftingErrors = {
  clauseNotFound: (details?: Details) => notFound('CLAUSE_NOT_FOUND', '条款不存在', details),
  diffDuplicateLineageKey: (which: unknown, lineageKey: unknown, details?: Details) => invalidInput('DIFF_DUPLICATE_LINEAGE_KEY', `${which}中有两个条款使用同一沿革标识“${lineageKey}”`, details),
  importSourceRequired: (details?: Details) => invalidInput('IMPORT_SOURCE_REQUIRED', '请粘贴文本或上传文件（.docx、.doc、PDF 或文本）', details),
  lineageDuplicate: (details?: Details) => conflict('LINEAGE_DUPLICATE', '同一版本中两个条款的沿革标识相同', details),
  policyNotFound: (details?: Details) => notFound('POLICY_NOT_FOUND', '政策文件不存在', details),
  versionsOfDifferentPolicies: (details?: Details) => invalidInput('VERSIONS_OF_DIFFERENT_POLICIES', '只能比较同一政策文件的两个版本', details),
  versionAlreadyPublished: (details?: Details) => conflict('VERSION_ALREADY_PUBLISHED', '该版本已发布', details),
  versionNotFound: (details?: Details) => notFound('VERSION_NOT_FOUND', '文件版本不存在', details),
  versionPublishedByConclusion: (details?: Details) => conflict('VERSION_PUBLISHED_BY_CONCLUSION', '该版本由意见处理生成，请在意见处理完成后通过“办结”发布', details),
  versionLocked: (details?: Details) => ruleViolation('VERSION_LOCKED', '该版本已发布或已用于征求意见，条款不能再修改；如需修改，请在下一版本中进行', details),
  treeEditBadTree: (details?: Details) => invalidInput('TREE_EDIT_BAD_TREE', '条款树格式不正确，请重新解析后再修改', details),
  importNoClauses: (details?: Details) => invalidInput('IMPORT_NO_CLAUSES', '只找到征求意见的函（公告），没有找到征求意见稿正文，请导入征求意见稿本身', details),
};
