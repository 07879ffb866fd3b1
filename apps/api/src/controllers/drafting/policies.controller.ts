import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Actor } from '@zq/access';
import { DraftingService, ImportInput } from '@zq/drafting';
import { ArrayMaxSize, IsArray, IsBase64, IsIn, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { ApiErrors, ApiFile, ApiResult } from '../../http/api-docs';
import { CurrentActor } from '../../http/auth.guard';
import { fileResponse } from '../../http/file-response';
import { Clause, ParsedClause } from './drafting.responses';
import { PreviewEditDto, TreeEditDto } from './tree-edit.dto';
import { ClauseNode, ImportPreview, ImportSummary, Policy, Version, VersionDiff, VersionSummaryView } from './drafting.responses';

class ImportDraftDto {
  @ApiPropertyOptional({ description: '粘贴的文本（或 PDF 提取的文本）', maxLength: 5_000_000 }) @IsOptional() @IsString() @MaxLength(5_000_000) text?: string;
  @ApiPropertyOptional({ description: '.docx 文件内容（base64）', format: 'byte', maxLength: 30_000_000 }) @IsOptional() @IsBase64() @MaxLength(30_000_000) docxBase64?: string;
  @ApiPropertyOptional({ description: '上传的文件（base64）：.docx、.doc、可复制文字的 PDF 或纯文本，按内容识别格式', format: 'byte', maxLength: 30_000_000 }) @IsOptional() @IsBase64() @MaxLength(30_000_000) fileBase64?: string;
  @ApiPropertyOptional({ description: '上传文件的原文件名（仅作记录，格式按内容识别）', example: '征求意见稿.pdf', maxLength: 255 }) @IsOptional() @IsString() @MaxLength(255) fileName?: string;
  @ApiPropertyOptional({ example: '二次征求意见稿', maxLength: 50 }) @IsOptional() @IsString() @MaxLength(50) label?: string;
  @ApiPropertyOptional({ description: '作为已有政策文件的新版本导入', format: 'uuid' }) @IsOptional() @IsUUID() policyId?: string;
}

class SaveImportDto extends ImportDraftDto {
  @ApiPropertyOptional({
    description: '办公室在预览中修正后的条款树（预览或 preview/edit 返回的 clauses）：校验后按原样保存，代替重新解析的条款；标题、函件信息仍取自原文',
    type: 'array',
    items: { type: 'object' },
    maxItems: 20000,
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20000)
  clauses?: unknown[];

  @ApiPropertyOptional({ enum: ['continuous', 'per_section'], description: '修正后的条款树的条目编号方式（预览的 numbering.items）' }) @IsOptional() @IsIn(['continuous', 'per_section']) numbering?: 'continuous' | 'per_section';
}

/** The codes a correction of the tree is refused with (DraftingErrors.treeEdit*). */
const TREE_EDIT_ERRORS = ['TREE_EDIT_EMPTY', 'TREE_EDIT_TOO_MANY', 'TREE_EDIT_CLAUSE_NOT_FOUND', 'TREE_EDIT_UNKNOWN_OPERATION', 'TREE_EDIT_BAD_KIND', 'TREE_EDIT_CANNOT_PROMOTE', 'TREE_EDIT_CANNOT_DEMOTE', 'TREE_EDIT_CANNOT_SPLIT', 'TREE_EDIT_BAD_OFFSET', 'TREE_EDIT_CANNOT_MERGE', 'TREE_EDIT_NOTHING_TO_EDIT', 'TREE_EDIT_BAD_TEXT', 'TREE_EDIT_SAME_CLAUSE', 'TREE_EDIT_NO_NOTE', 'TREE_EDIT_TARGET_HAS_NOTE', 'TREE_EDIT_UNIT_NOT_LISTED'];
/** The codes a clause tree sent back by the browser is refused with. */
const TREE_ERRORS = ['TREE_EDIT_BAD_TREE', 'TREE_BAD_KIND', 'TREE_BAD_NESTING', 'TREE_BAD_LABEL', 'TREE_BAD_TABLE', 'TREE_BAD_UNITS', 'TREE_TOO_LARGE', 'TREE_EMPTY'];
const IMPORT_ERRORS = ['IMPORT_SOURCE_REQUIRED', 'IMPORT_EMPTY', 'IMPORT_NO_CLAUSES', 'IMPORT_BAD_DOCX', 'IMPORT_BAD_DOC', 'IMPORT_BAD_PDF', 'IMPORT_ENCRYPTED', 'IMPORT_NO_TEXT_LAYER', 'IMPORT_UNSUPPORTED_FORMAT', 'IMPORT_NOT_TEXT', 'IMPORT_TOO_LARGE'];

const toInput = (dto: ImportDraftDto): ImportInput => ({
  text: dto.text,
  docx: dto.docxBase64 ? Buffer.from(dto.docxBase64, 'base64') : undefined,
  file: dto.fileBase64 ? Buffer.from(dto.fileBase64, 'base64') : undefined,
  fileName: dto.fileName,
  label: dto.label,
  policyId: dto.policyId,
});

class ExportQuery {
  @ApiProperty({ enum: ['txt', 'docx'] }) @IsIn(['txt', 'docx']) format: 'txt' | 'docx' = 'docx';
}

@ApiTags('drafting')
@Controller()
export class PoliciesController {
  constructor(private readonly drafting: DraftingService) {}

  @Get('policies')
  @ApiOperation({ summary: '政策文件列表' })
  @ApiResult([Policy])
  @ApiErrors({ 403: ['OFFICE_ONLY'] })
  list(@CurrentActor() actor: Actor): Promise<Policy[]> {
    return this.drafting.listPolicies(actor);
  }

  /** Parses a draft and shows the tree without saving it (to review before import). */
  @Post('policies/import/preview')
  @ApiOperation({ summary: '解析草稿（预览，不保存）' })
  @ApiResult(ImportPreview)
  @ApiErrors({ 400: IMPORT_ERRORS, 403: ['OFFICE_ONLY'] })
  preview(@CurrentActor() actor: Actor, @Body() dto: ImportDraftDto): Promise<ImportPreview> {
    return this.drafting.previewImport(actor, toInput(dto));
  }

  @Post('policies/import')
  @ApiOperation({ summary: '导入草稿（新政策文件或新版本）', description: '带 clauses 时保存办公室在预览中修正后的条款树（先校验类型、层级、编号、表格、责任单位和大小）' })
  @ApiResult(ImportSummary)
  @ApiErrors({ 400: [...IMPORT_ERRORS, ...TREE_ERRORS], 403: ['OFFICE_ONLY'], 404: ['POLICY_NOT_FOUND'] })
  import(@CurrentActor() actor: Actor, @Body() dto: SaveImportDto): Promise<ImportSummary> {
    return this.drafting.importDraft(actor, { ...toInput(dto), clauses: dto.clauses, numbering: dto.numbering });
  }

  @Get('policies/:id')
  @ApiOperation({ summary: '政策文件详情' })
  @ApiResult(Policy)
  @ApiErrors({ 403: ['OFFICE_ONLY'], 404: ['POLICY_NOT_FOUND'] })
  get(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<Policy> {
    return this.drafting.getPolicy(actor, id);
  }

  @Get('versions/:id')
  @ApiOperation({ summary: '版本及条款树' })
  @ApiResult(Version)
  @ApiErrors({ 404: ['VERSION_NOT_FOUND'] })
  version(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<Version> {
    return this.drafting.versionWithTree(actor, id);
  }

  @Patch('versions/:id/clauses')
  @ApiOperation({ summary: '修正条款树（改类型、升降级、拆分、合并、改文字、移动责任单位、设牵头单位）', description: '仅限编辑中的版本；按顺序执行全部修改后重新编号，全部成功或全部不执行' })
  @ApiResult(Version)
  @ApiErrors({ 400: [...TREE_EDIT_ERRORS, 'TREE_BAD_NESTING'], 403: ['OFFICE_ONLY'], 404: ['VERSION_NOT_FOUND'], 422: ['VERSION_LOCKED'] })
  editTree(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: TreeEditDto): Promise<Version> {
    return this.drafting.editTree(actor, id, dto.operations as never) as never;
  }

  @Post('policies/import/preview/edit')
  @ApiOperation({ summary: '在导入预览上修正条款树（不保存）', description: '条款以位置路径指明（如 1.0.2）；返回修正并重新编号后的条款树' })
  @ApiResult([ParsedClause])
  @ApiErrors({ 400: [...TREE_EDIT_ERRORS, ...TREE_ERRORS], 403: ['OFFICE_ONLY'] })
  previewEdit(@CurrentActor() actor: Actor, @Body() dto: PreviewEditDto) {
    return this.drafting.previewEdit(actor, { clauses: dto.clauses, numbering: dto.numbering ?? 'per_section', operations: dto.operations as never });
  }

  @Get('versions/:id/clauses')
  @ApiOperation({ summary: '版本的条款树' })
  @ApiResult([ClauseNode])
  @ApiErrors({ 404: ['VERSION_NOT_FOUND'] })
  async clauses(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<ClauseNode[]> {
    return (await this.drafting.versionWithTree(actor, id)).clauses;
  }

  @Get('versions/:id/export')
  @ApiOperation({ summary: '导出版本（docx / txt）' })
  @ApiFile('docx', 'txt')
  @ApiErrors({ 404: ['VERSION_NOT_FOUND'] })
  async export(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Query() q: ExportQuery) {
    return fileResponse(await this.drafting.export(actor, id, q.format));
  }

  @Get('versions/:id/diff/:otherId')
  @ApiOperation({ summary: '版本对比（修改痕迹）' })
  @ApiResult(VersionDiff)
  @ApiErrors({ 400: ['VERSIONS_OF_DIFFERENT_POLICIES'], 404: ['VERSION_NOT_FOUND'] })
  diff(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Param('otherId', ParseUUIDPipe) otherId: string): Promise<VersionDiff> {
    return this.drafting.diff(actor, id, otherId);
  }

  @Post('versions/:id/publish')
  @ApiOperation({ summary: '发布版本' })
  @ApiResult(VersionSummaryView)
  @ApiErrors({ 403: ['OFFICE_ONLY'], 404: ['VERSION_NOT_FOUND'], 409: ['VERSION_ALREADY_PUBLISHED', 'VERSION_PUBLISHED_BY_CONCLUSION'] })
  publish(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<VersionSummaryView> {
    return this.drafting.publishVersion(actor, id);
  }

  @Get('clauses/:id')
  @ApiOperation({ summary: '条款详情' })
  @ApiResult(Clause)
  @ApiErrors({ 404: ['CLAUSE_NOT_FOUND', 'VERSION_NOT_FOUND'] })
  clause(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<Clause> {
    return this.drafting.getClause(actor, id);
  }
}
