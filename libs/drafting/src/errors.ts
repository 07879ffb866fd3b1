import { conflict, invalidInput, notFound, ruleViolation } from '@zq/common';

type Details = Record<string, unknown>;

/** A tree correction that cannot apply: the message names the operation (1-based) the office sent. */
const treeOp = (n: number, code: string, message: string, details?: Details) => invalidInput(code, `第${n + 1}项修改无法执行：${message}`, { operation: n, ...details });

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
  // --- the importer (IMPORT_*): what is wrong with the file, and what to send instead
  importEmpty: (details?: Details) => invalidInput('IMPORT_EMPTY', '文件没有内容', details),
  importNoClausesFound: (hasLetter: boolean, details?: Details) => invalidInput('IMPORT_NO_CLAUSES', hasLetter ? '找到了征求意见函，但没有找到征求意见稿正文' : '没有找到任何条款', details),
  importNotDocx: (details?: Details) => invalidInput('IMPORT_BAD_DOCX', '该文件不是 .docx 格式的 Word 文件，请确认文件类型', details),
  importDocxUnreadable: (details?: Details) => invalidInput('IMPORT_BAD_DOCX', '无法读取该 Word 文件，请确认是 .docx 格式且未损坏', details),
  importDocxNoBody: (details?: Details) => invalidInput('IMPORT_BAD_DOCX', '该文件不是 Word 文档（缺少正文 word/document.xml），请确认是 .docx 格式', details),
  importDocxBadEntry: (details?: Details) => invalidInput('IMPORT_BAD_DOCX', 'Word 文件已损坏（压缩内容无法解开），请在 Word 中打开后另存为 .docx 再导入', details),
  importDocxBadXml: (details?: Details) => invalidInput('IMPORT_BAD_DOCX', 'Word 文件内容已损坏，无法读取；请在 Word 中打开后另存为 .docx 再导入', details),
  importDocxBomb: (details?: Details) => invalidInput('IMPORT_TOO_LARGE', 'Word 文件解压后过大（可能是压缩炸弹），请确认文件是否正确', details),
  importBadDoc: (details?: Details) => invalidInput('IMPORT_BAD_DOC', '无法读取该 .doc 文件，文件可能已损坏；请在 Word 中另存为 .docx 后再导入', details),
  importBadPdf: (details?: Details) => invalidInput('IMPORT_BAD_PDF', '无法读取该 PDF 文件，文件可能已损坏；请重新导出 PDF 或提供 Word 文件', details),
  importPdfEncrypted: (details?: Details) => invalidInput('IMPORT_ENCRYPTED', '该 PDF 设有打开密码，无法读取；请提供未加密的文件', details),
  importWordEncrypted: (details?: Details) => invalidInput('IMPORT_ENCRYPTED', '该 Word 文件设有打开密码，无法读取；请取消密码后另存，或提供未加密的文件', details),
  importPdfNoTextLayer: (details?: Details) => invalidInput('IMPORT_NO_TEXT_LAYER', '该 PDF 是扫描件或图片，没有可读取的文字层。请提供 Word 文件（.docx 或 .doc）、可复制文字的 PDF，或将正文粘贴为文本导入', details),
  importImageNoText: (details?: Details) => invalidInput('IMPORT_NO_TEXT_LAYER', '这是一张图片（扫描件），没有可读取的文字。请提供 Word 文件（.docx 或 .doc）、可复制文字的 PDF，或将正文粘贴为文本导入', details),
  importUnsupportedFormat: (formatName: unknown, details?: Details) => invalidInput('IMPORT_UNSUPPORTED_FORMAT', `不支持该文件格式（${formatName}），请在 Word 中另存为 .docx 后导入，或粘贴正文文本`, details),
  importNotText: (line: unknown, details?: Details) => invalidInput('IMPORT_NOT_TEXT', `第${line}行含有二进制内容，文件不是纯文本`, details),
  importFileTooLarge: (limit: unknown, details?: Details) => invalidInput('IMPORT_TOO_LARGE', `文件过大（超过${limit}），请确认是否为征求意见稿`, details),
  importPdfTooManyPages: (pages: unknown, max: unknown, details?: Details) => invalidInput('IMPORT_TOO_LARGE', `PDF 页数过多（${pages} 页，最多 ${max} 页），请确认是否为征求意见稿`, details),
  importPdfTooSlow: (details?: Details) => invalidInput('IMPORT_TOO_LARGE', 'PDF 过于复杂，无法在限定时间内读取，请提供 Word 文件', details),
  importPdfTooMuchText: (details?: Details) => invalidInput('IMPORT_TOO_LARGE', 'PDF 文字过多，请确认是否为征求意见稿', details),

  // --- corrections of the tree (TREE_EDIT_*): `n` is the 0-based index of the operation refused
  treeEditEmpty: () => invalidInput('TREE_EDIT_EMPTY', '没有要执行的修改'),
  treeEditTooMany: (max: unknown, details?: Details) => invalidInput('TREE_EDIT_TOO_MANY', `一次最多提交${max}项修改`, details),
  treeEditClauseNotFound: (n: number, details?: Details) => invalidInput('TREE_EDIT_CLAUSE_NOT_FOUND', `第${n + 1}项修改所指的条款不存在（可能已被合并），请刷新后重试`, { operation: n, ...details }),
  treeEditUnknownOperation: (n: number, details?: Details) => treeOp(n, 'TREE_EDIT_UNKNOWN_OPERATION', '不认识的修改类型', details),
  treeEditBadKind: (n: number, kind: unknown, details?: Details) => treeOp(n, 'TREE_EDIT_BAD_KIND', `条款类型“${kind}”无效`, details),
  treeEditTableKind: (n: number, details?: Details) => treeOp(n, 'TREE_EDIT_BAD_KIND', '表格与文字条款不能互相转换', details),
  treeEditCannotPromote: (n: number, details?: Details) => treeOp(n, 'TREE_EDIT_CANNOT_PROMOTE', '该条款已在最上一级', details),
  treeEditCannotDemote: (n: number, details?: Details) => treeOp(n, 'TREE_EDIT_CANNOT_DEMOTE', '该条款前面没有同级条款，不能降级', details),
  treeEditDemoteUnderTable: (n: number, details?: Details) => treeOp(n, 'TREE_EDIT_CANNOT_DEMOTE', '不能放到表格之下', details),
  treeEditCannotSplit: (n: number, details?: Details) => treeOp(n, 'TREE_EDIT_CANNOT_SPLIT', '表格不能拆分', details),
  treeEditBadOffset: (n: number, max: unknown, details?: Details) => treeOp(n, 'TREE_EDIT_BAD_OFFSET', `拆分位置应在1到${max}之间`, details),
  treeEditCannotMerge: (n: number, details?: Details) => treeOp(n, 'TREE_EDIT_CANNOT_MERGE', '该条款前面没有同级条款，无法合并', details),
  treeEditMergeTable: (n: number, details?: Details) => treeOp(n, 'TREE_EDIT_CANNOT_MERGE', '表格不能与文字合并', details),
  treeEditNothingToEdit: (n: number, details?: Details) => treeOp(n, 'TREE_EDIT_NOTHING_TO_EDIT', '请给出新的标题或正文', details),
  treeEditBadText: (n: number, details?: Details) => treeOp(n, 'TREE_EDIT_BAD_TEXT', '标题或正文无效', details),
  treeEditSameClause: (n: number, details?: Details) => treeOp(n, 'TREE_EDIT_SAME_CLAUSE', '责任单位已在该条款', details),
  treeEditNoNote: (n: number, details?: Details) => treeOp(n, 'TREE_EDIT_NO_NOTE', '该条款没有责任单位说明', details),
  treeEditTargetHasNote: (n: number, details?: Details) => treeOp(n, 'TREE_EDIT_TARGET_HAS_NOTE', '目标条款已有责任单位说明，请先移走或合并', details),
  treeEditUnitNotListed: (n: number, unit: unknown, details?: Details) => treeOp(n, 'TREE_EDIT_UNIT_NOT_LISTED', `“${unit}”不在该条款的责任单位中`, details),

  // --- a clause tree sent back by the browser (a corrected import preview): checked before use
  treeBadKind: (where: string, kind: unknown, details?: Details) => invalidInput('TREE_BAD_KIND', `条款${where}的类型“${kind}”无效`, details),
  treeBadNesting: (where: string, child: string, parent: string, details?: Details) => invalidInput('TREE_BAD_NESTING', `条款${where}（${child}）不能放在${parent}之下，请改类型或调整层级`, details),
  treeBadLabel: (where: string, details?: Details) => invalidInput('TREE_BAD_LABEL', `条款${where}的编号无效（编号不能超过30个字、不能换行，段落和表格没有编号）`, details),
  treeBadTable: (where: string, details?: Details) => invalidInput('TREE_BAD_TABLE', `条款${where}的表格无效（只有表格条款有表格内容，表格最多2000行、每行最多100格）`, details),
  treeBadUnits: (where: string, details?: Details) => invalidInput('TREE_BAD_UNITS', `条款${where}的责任单位无效（单位名称不能为空或超过200字，最多50个单位、1个牵头单位）`, details),
  treeTooLarge: (where: string, details?: Details) => invalidInput('TREE_TOO_LARGE', `条款树过大${where ? `（条款${where}处）` : ''}：最多20000个条款、12层，标题最多2000字，正文最多10万字`, details),
  treeEmpty: () => invalidInput('TREE_EMPTY', '修正后的条款树没有任何条款'),

  importNoClauses: (details?: Details) => invalidInput('IMPORT_NO_CLAUSES', '只找到征求意见的函（公告），没有找到征求意见稿正文，请导入征求意见稿本身', details),
};
