import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query, UploadedFile, UseFilters, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBody, ApiBodyOptions, ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor } from '@zq/access';
import { EVIDENCE_MAX_BYTES, MAX_REPLY_BYTES, ReplyIntakeService } from '@zq/feedback';
import { ApiErrors, ApiFile, ApiResult } from '../../http/api-docs';
import { CurrentActor } from '../../http/auth.guard';
import { EvidenceFile, ParsedReplyTable, SealedReceipt } from './feedback.responses';
import { fileResponse } from '../../http/file-response';
import { EvidenceUploadFilter } from './evidence-upload.filter';
import { RecordReplyDto, ReplyTemplateQuery } from './reply-intake.dto';

type Upload = { originalname: string; buffer: Buffer; size: number } | undefined;
const FILE_BODY: ApiBodyOptions = { schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } }, required: ['file'] } };

/** Replies as they arrive: the 反馈意见表 template, reading a filled table, and the office's 代为录入 of a received letter. */
@ApiTags('feedback')
@Controller('rounds/:roundId')
export class ReplyIntakeController {
  constructor(private readonly intake: ReplyIntakeService) {}

  /** 反馈意见表 (.docx / .xlsx): the round and draft named, the unit, the columns, 无意见, 签发人/联系人/电话/日期, the seal area. */
  @Get('reply-template')
  @ApiOperation({ summary: '下载反馈意见表模板' })
  @ApiFile('docx', 'xlsx')
  @ApiErrors({ 403: ['UNIT_USER_ONLY'], 404: ['ROUND_NOT_FOUND', 'RECIPIENT_NOT_FOUND'] })
  async template(@CurrentActor() actor: Actor, @Param('roundId', ParseUUIDPipe) roundId: string, @Query() q: ReplyTemplateQuery) {
    return fileResponse(await this.intake.template(actor, roundId, q));
  }

  /** A filled 反馈意见表 or reply letter read into items against the round's version (nothing saved). */
  @Post('reply-table')
  @HttpCode(200)
  @ApiOperation({ summary: '读取填好的反馈意见表或反馈函为逐条意见（不保存）' })
  @ApiResult(ParsedReplyTable)
  @ApiErrors({
    400: ['REPLY_FILE_REQUIRED', 'REPLY_EMPTY_FILE', 'REPLY_TOO_LARGE', 'REPLY_ENCRYPTED', 'REPLY_CORRUPT', 'REPLY_UNSUPPORTED_FORMAT', 'REPLY_IMAGE_ONLY', 'REPLY_NO_COLUMNS'],
    404: ['ROUND_NOT_FOUND'],
    422: ['REPLY_EMPTY'],
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody(FILE_BODY)
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: MAX_REPLY_BYTES, files: 1 }, defParamCharset: 'utf8' } as never))
  parseTable(@CurrentActor() actor: Actor, @Param('roundId', ParseUUIDPipe) roundId: string, @UploadedFile() file: Upload) {
    return this.intake.parseTable(actor, roundId, file);
  }

  /** 代为录入 (office): the scan of a unit's stamped letter (PDF/PNG/JPEG, ≤ 20 MB), kept as that unit's evidence. */
  @Post('recipients/:unitId/evidence')
  @HttpCode(201)
  @ApiOperation({ summary: '代为录入：上传来函扫描件' })
  @ApiResult(EvidenceFile)
  @ApiErrors({ 400: ['EVIDENCE_FILE_REQUIRED', 'EVIDENCE_TOO_LARGE', 'EVIDENCE_TYPE_NOT_ALLOWED'], 403: ['OFFICE_ONLY'], 404: ['RECIPIENT_NOT_FOUND'], 422: ['ROUND_NOT_OPEN'] })
  @ApiConsumes('multipart/form-data')
  @ApiBody(FILE_BODY)
  @UseFilters(EvidenceUploadFilter)
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: EVIDENCE_MAX_BYTES, files: 1 }, defParamCharset: 'utf8' } as never))
  uploadScan(@CurrentActor() actor: Actor, @Param('roundId', ParseUUIDPipe) roundId: string, @Param('unitId', ParseUUIDPipe) unitId: string, @UploadedFile() file: Upload): Promise<EvidenceFile> {
    return this.intake.uploadScan(actor, roundId, unitId, file);
  }

  /** 代为录入 (office): seal the checked items as the unit's reply received on a day through a channel; answers with the 回执. */
  @Post('recipients/:unitId/recorded-reply')
  @HttpCode(201)
  @ApiOperation({ summary: '代为录入：将来函作为该单位的书面反馈签收' })
  @ApiResult(SealedReceipt)
  @ApiErrors({
    400: ['RECEIVED_ON_INVALID', 'SEAL_INVALID', 'ATTESTATION_NOT_APPLICABLE', 'SIGNOFF_BLANK'],
    403: ['OFFICE_ONLY'],
    404: ['ROUND_NOT_FOUND'],
    409: ['ALREADY_REPLIED'],
    422: ['ACTING_UNIT_INVALID', 'ATTESTATION_CHANNEL_INVALID', 'CITY_APPROVAL_REQUIRED', 'CLAUSE_NOT_IN_VERSION', 'EVIDENCE_NOT_FOUND', 'ITEM_INCOMPLETE', 'NO_COMMENT_HAS_ITEMS', 'QUOTE_NOT_IN_CLAUSE', 'RECEIVED_ON_IN_FUTURE', 'REPLY_EMPTY', 'ROUND_NOT_OPEN', 'SEAL_MISSING', 'SEAL_UNIT_INVALID'],
  })
  record(@CurrentActor() actor: Actor, @Param('roundId', ParseUUIDPipe) roundId: string, @Param('unitId', ParseUUIDPipe) unitId: string, @Body() dto: RecordReplyDto): Promise<SealedReceipt> {
    return this.intake.record(actor, roundId, { ...dto, unitId, items: dto.items.map((i) => ({ key: i.key, clauseId: i.clauseId ?? null, quote: i.quote ?? '', kind: i.kind, proposedText: i.proposedText ?? '', reason: i.reason ?? '' })) });
  }

  /** A stored scan (the office any unit's, a unit its own), shown beside the items. */
  @Get('evidence/:evidenceId')
  @ApiOperation({ summary: '查看扫描件' })
  @ApiFile('pdf', 'png', 'jpeg')
  @ApiErrors({ 404: ['EVIDENCE_NOT_FOUND'] })
  async evidence(@CurrentActor() actor: Actor, @Param('roundId', ParseUUIDPipe) roundId: string, @Param('evidenceId', ParseUUIDPipe) evidenceId: string) {
    return fileResponse(await this.intake.evidenceFile(actor, roundId, evidenceId), 'inline');
  }
}
