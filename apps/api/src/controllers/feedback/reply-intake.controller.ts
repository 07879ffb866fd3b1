import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query, UploadedFile, UseFilters, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBearerAuth, ApiBody, ApiBodyOptions, ApiConsumes, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Actor } from '@zq/access';
import { EVIDENCE_MAX_BYTES, MAX_REPLY_BYTES, ReplyIntakeService } from '@zq/feedback';
import { CurrentActor } from '../../http/auth.guard';
import { EvidenceUploadFilter } from './evidence-upload.filter';
import { RecordReplyDto, ReplyTemplateQuery } from './reply-intake.dto';

type Upload = { originalname: string; buffer: Buffer; size: number } | undefined;
const FILE_BODY: ApiBodyOptions = { schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } }, required: ['file'] } };

/** Replies as they arrive: the 反馈意见表 template, reading a filled table, and the office's 代为录入 of a received letter. */
@ApiTags('feedback')
@ApiBearerAuth()
@Controller('rounds/:roundId')
export class ReplyIntakeController {
  constructor(private readonly intake: ReplyIntakeService) {}

  /** 反馈意见表 (.docx / .xlsx): the round and draft named, the unit, the columns, 无意见, 签发人/联系人/电话/日期, the seal area. */
  @Get('reply-template')
  @ApiProduces('application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  template(@CurrentActor() actor: Actor, @Param('roundId', ParseUUIDPipe) roundId: string, @Query() q: ReplyTemplateQuery) {
    return this.intake.template(actor, roundId, q);
  }

  /** A filled 反馈意见表 or reply letter read into items against the round's version (nothing saved). */
  @Post('reply-table')
  @HttpCode(200)
  @ApiConsumes('multipart/form-data')
  @ApiBody(FILE_BODY)
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: MAX_REPLY_BYTES, files: 1 }, defParamCharset: 'utf8' } as never))
  parseTable(@CurrentActor() actor: Actor, @Param('roundId', ParseUUIDPipe) roundId: string, @UploadedFile() file: Upload) {
    return this.intake.parseTable(actor, roundId, file);
  }

  /** 代为录入 (office): the scan of a unit's stamped letter (PDF/PNG/JPEG, ≤ 20 MB), kept as that unit's evidence. */
  @Post('recipients/:unitId/evidence')
  @HttpCode(201)
  @ApiConsumes('multipart/form-data')
  @ApiBody(FILE_BODY)
  @UseFilters(EvidenceUploadFilter)
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: EVIDENCE_MAX_BYTES, files: 1 }, defParamCharset: 'utf8' } as never))
  uploadScan(@CurrentActor() actor: Actor, @Param('roundId', ParseUUIDPipe) roundId: string, @Param('unitId', ParseUUIDPipe) unitId: string, @UploadedFile() file: Upload) {
    return this.intake.uploadScan(actor, roundId, unitId, file);
  }

  /** 代为录入 (office): seal the checked items as the unit's reply received on a day through a channel; answers with the 回执. */
  @Post('recipients/:unitId/recorded-reply')
  @HttpCode(201)
  record(@CurrentActor() actor: Actor, @Param('roundId', ParseUUIDPipe) roundId: string, @Param('unitId', ParseUUIDPipe) unitId: string, @Body() dto: RecordReplyDto) {
    return this.intake.record(actor, roundId, { ...dto, unitId, items: dto.items.map((i) => ({ key: i.key, clauseId: i.clauseId ?? null, quote: i.quote ?? '', kind: i.kind, proposedText: i.proposedText ?? '', reason: i.reason ?? '' })) });
  }

  /** A stored scan (the office any unit's, a unit its own), shown beside the items. */
  @Get('evidence/:evidenceId')
  @ApiProduces('application/pdf', 'image/png', 'image/jpeg')
  evidence(@CurrentActor() actor: Actor, @Param('roundId', ParseUUIDPipe) roundId: string, @Param('evidenceId', ParseUUIDPipe) evidenceId: string) {
    return this.intake.evidenceFile(actor, roundId, evidenceId);
  }
}
