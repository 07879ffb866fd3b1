import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Put, UploadedFile, UseFilters, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiTags } from '@nestjs/swagger';
import { Actor } from '@zq/access';
import { EVIDENCE_MAX_BYTES, FeedbackDraftService, SealingService } from '@zq/feedback';
import { CurrentActor } from '../../http/auth.guard';
import { EvidenceUploadFilter } from './evidence-upload.filter';
import { SaveDraftDto, SealDto, WithdrawDto } from './feedback.dto';

/** A unit's own reply to a round: the draft (only that unit sees it), evidence scans, sealing, withdrawal. */
@ApiTags('feedback')
@ApiBearerAuth()
@Controller('rounds/:roundId')
export class MyReplyController {
  constructor(
    private readonly drafts: FeedbackDraftService,
    private readonly sealing: SealingService,
  ) {}

  @Get('my-reply')
  get(@CurrentActor() actor: Actor, @Param('roundId', ParseUUIDPipe) roundId: string) {
    return this.drafts.getMyReply(actor, roundId);
  }

  /** Autosave: based on `baseVersion`; an edit based on an older version is refused (409 DRAFT_VERSION_CONFLICT). */
  @Put('my-reply')
  save(@CurrentActor() actor: Actor, @Param('roundId', ParseUUIDPipe) roundId: string, @Body() dto: SaveDraftDto) {
    return this.drafts.saveDraft(actor, roundId, dto);
  }

  /** 加盖公章并提交 (approver only): answers with the 回执. */
  @Post('my-reply/seal')
  @HttpCode(201)
  seal(@CurrentActor() actor: Actor, @Param('roundId', ParseUUIDPipe) roundId: string, @Body() dto: SealDto) {
    return this.sealing.seal(actor, roundId, dto);
  }

  /** 撤回: a new sealed revision of kind withdrawal (approver only). */
  @Post('my-reply/withdrawal')
  @HttpCode(201)
  withdraw(@CurrentActor() actor: Actor, @Param('roundId', ParseUUIDPipe) roundId: string, @Body() dto: WithdrawDto) {
    return this.sealing.withdraw(actor, roundId, dto);
  }

  /** The scan of the stamped letter: PDF, PNG or JPEG (by content), at most 20 MB; kept with its SHA-256. */
  @Post('evidence')
  @HttpCode(201)
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } }, required: ['file'] } })
  @UseFilters(EvidenceUploadFilter)
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: EVIDENCE_MAX_BYTES, files: 1 }, defParamCharset: 'utf8' } as never))
  upload(@CurrentActor() actor: Actor, @Param('roundId', ParseUUIDPipe) roundId: string, @UploadedFile() file: { originalname: string; buffer: Buffer; size: number } | undefined) {
    return this.drafts.uploadEvidence(actor, roundId, file);
  }
}
