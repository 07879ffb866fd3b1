import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Put, UploadedFile, UseFilters, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBody, ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor } from '@zq/access';
import { EVIDENCE_MAX_BYTES, FeedbackDraftService, SealingService } from '@zq/feedback';
import { ApiErrors, ApiResult } from '../../http/api-docs';
import { CurrentActor } from '../../http/auth.guard';
import { DraftView, EvidenceFile, MyReply, SealedReceipt } from './feedback.responses';
import { EvidenceUploadFilter } from './evidence-upload.filter';
import { HandOverDto, SaveDraftDto, SealDto, WithdrawDto } from './feedback.dto';

/** A unit's own reply to a round: the draft (only that unit sees it), evidence scans, sealing, withdrawal. */
@ApiTags('feedback')
@Controller('rounds/:roundId')
export class MyReplyController {
  constructor(
    private readonly drafts: FeedbackDraftService,
    private readonly sealing: SealingService,
  ) {}

  @Get('my-reply')
  @ApiOperation({ summary: '本单位的反馈（草稿与已提交）' })
  @ApiResult(MyReply)
  @ApiErrors({ 403: ['UNIT_USER_ONLY'], 404: ['ROUND_NOT_FOUND'] })
  get(@CurrentActor() actor: Actor, @Param('roundId', ParseUUIDPipe) roundId: string): Promise<MyReply> {
    return this.drafts.getMyReply(actor, roundId);
  }

  /** Autosave: based on `baseVersion`; an edit based on an older version is refused (409 DRAFT_VERSION_CONFLICT). */
  @Put('my-reply')
  @ApiOperation({ summary: '保存反馈草稿（自动保存）' })
  @ApiResult(DraftView)
  @ApiErrors({ 400: ['DRAFT_ITEM_KEY_DUPLICATE'], 403: ['UNIT_USER_ONLY'], 404: ['ROUND_NOT_FOUND'], 409: ['DRAFT_VERSION_CONFLICT'], 422: ['ROUND_NOT_OPEN'] })
  save(@CurrentActor() actor: Actor, @Param('roundId', ParseUUIDPipe) roundId: string, @Body() dto: SaveDraftDto): Promise<DraftView> {
    return this.drafts.saveDraft(actor, roundId, dto);
  }

  /** 提交签发: the drafter hands the saved draft version to the unit's approver, who is mailed. */
  @Post('my-reply/hand-over')
  @HttpCode(200)
  @ApiOperation({ summary: '提交签发（起草人交签发人）' })
  @ApiResult(DraftView)
  @ApiErrors({ 403: ['UNIT_USER_ONLY'], 404: ['ROUND_NOT_FOUND'], 409: ['DRAFT_VERSION_CONFLICT'], 422: ['REPLY_EMPTY', 'ROUND_NOT_OPEN'] })
  handOver(@CurrentActor() actor: Actor, @Param('roundId', ParseUUIDPipe) roundId: string, @Body() dto: HandOverDto): Promise<DraftView> {
    return this.drafts.handOver(actor, roundId, dto);
  }

  /** 加盖公章并提交 (approver only): answers with the 回执. */
  @Post('my-reply/seal')
  @HttpCode(201)
  @ApiOperation({ summary: '盖章提交反馈' })
  @ApiResult(SealedReceipt)
  @ApiErrors({ 400: ['ATTESTATION_NOT_APPLICABLE', 'SEAL_INVALID', 'SIGNOFF_BLANK'], 403: ['APPROVER_ONLY', 'UNIT_USER_ONLY'], 404: ['ROUND_NOT_FOUND'], 409: ['DRAFT_VERSION_CONFLICT'], 422: ['ATTESTATION_CHANNEL_INVALID', 'CITY_APPROVAL_REQUIRED', 'CLAUSE_NOT_IN_VERSION', 'EVIDENCE_NOT_FOUND', 'ITEM_INCOMPLETE', 'NOTHING_TO_WITHDRAW', 'NO_COMMENT_HAS_ITEMS', 'QUOTE_NOT_IN_CLAUSE', 'REPLY_EMPTY', 'REVISION_AFTER_DEADLINE', 'ROUND_NOT_OPEN', 'SEAL_MISSING', 'SEAL_UNIT_INVALID'] })
  seal(@CurrentActor() actor: Actor, @Param('roundId', ParseUUIDPipe) roundId: string, @Body() dto: SealDto): Promise<SealedReceipt> {
    return this.sealing.seal(actor, roundId, dto);
  }

  /** 撤回: a new sealed revision of kind withdrawal (approver only). */
  @Post('my-reply/withdrawal')
  @HttpCode(201)
  @ApiOperation({ summary: '撤回已提交的反馈' })
  @ApiResult(SealedReceipt)
  @ApiErrors({ 400: ['ATTESTATION_NOT_APPLICABLE', 'SEAL_INVALID', 'SIGNOFF_BLANK'], 403: ['APPROVER_ONLY', 'UNIT_USER_ONLY'], 404: ['ROUND_NOT_FOUND'], 409: ['DRAFT_VERSION_CONFLICT'], 422: ['ATTESTATION_CHANNEL_INVALID', 'CITY_APPROVAL_REQUIRED', 'CLAUSE_NOT_IN_VERSION', 'EVIDENCE_NOT_FOUND', 'ITEM_INCOMPLETE', 'NOTHING_TO_WITHDRAW', 'NO_COMMENT_HAS_ITEMS', 'QUOTE_NOT_IN_CLAUSE', 'REPLY_EMPTY', 'REVISION_AFTER_DEADLINE', 'ROUND_NOT_OPEN', 'SEAL_MISSING', 'SEAL_UNIT_INVALID'] })
  withdraw(@CurrentActor() actor: Actor, @Param('roundId', ParseUUIDPipe) roundId: string, @Body() dto: WithdrawDto): Promise<SealedReceipt> {
    return this.sealing.withdraw(actor, roundId, dto);
  }

  /** The scan of the stamped letter: PDF, PNG or JPEG (by content), at most 20 MB; kept with its SHA-256. */
  @Post('evidence')
  @HttpCode(201)
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } }, required: ['file'] } })
  @UseFilters(EvidenceUploadFilter)
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: EVIDENCE_MAX_BYTES, files: 1 }, defParamCharset: 'utf8' } as never))
  @ApiOperation({ summary: '上传盖章文件扫描件' })
  @ApiResult(EvidenceFile)
  @ApiErrors({ 400: ['EVIDENCE_FILE_REQUIRED', 'EVIDENCE_TOO_LARGE', 'EVIDENCE_TYPE_NOT_ALLOWED'], 413: ['EVIDENCE_TOO_LARGE'], 403: ['UNIT_USER_ONLY'], 404: ['ROUND_NOT_FOUND'], 422: ['ROUND_NOT_OPEN'] })
  upload(@CurrentActor() actor: Actor, @Param('roundId', ParseUUIDPipe) roundId: string, @UploadedFile() file: { originalname: string; buffer: Buffer; size: number } | undefined): Promise<EvidenceFile> {
    return this.drafts.uploadEvidence(actor, roundId, file);
  }
}
