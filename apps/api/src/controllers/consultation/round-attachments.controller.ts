import { Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBody, ApiConsumes, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { Actor } from '@zq/access';
import { ATTACHMENT_MAX_BYTES, RoundAttachmentsService } from '@zq/consultation';
import { ApiErrors, ApiFile, ApiResult } from '../../http/api-docs';
import { CurrentActor } from '../../http/auth.guard';

/** One file of the round's letter (附件). */
export class LetterAttachmentView {
  @ApiProperty({ type: String, format: 'uuid' }) id: string;
  @ApiProperty({ type: String }) name: string;
  @ApiProperty({ type: String }) mime: string;
  @ApiProperty({ type: Number }) size: number;
  @ApiProperty({ type: String }) sha256: string;
  @ApiProperty({ type: String, enum: ['office', 'draft', 'template'], description: 'office: 办公室上传；draft / template: 发出时自动附上的征求意见稿（Word）和反馈意见表' })
  origin: 'office' | 'draft' | 'template';
}

/** 附件 of a round's letter: the office adds files; the office and the units asked list and download them. */
@ApiTags('rounds')
@Controller('rounds/:id/attachments')
export class RoundAttachmentsController {
  constructor(private readonly attachments: RoundAttachmentsService) {}

  @Get()
  @ApiOperation({ summary: '征求意见函的附件' })
  @ApiResult([LetterAttachmentView])
  @ApiErrors({ 404: ['ROUND_NOT_FOUND'] })
  list(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string) {
    return this.attachments.list(actor, id) as Promise<LetterAttachmentView[]>;
  }

  /** A file to send with the letter: PDF, Word, Excel or an image (by content), at most 20 MB, kept with its SHA-256. */
  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: '添加征求意见函附件' })
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } }, required: ['file'] } })
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: ATTACHMENT_MAX_BYTES, files: 1 }, defParamCharset: 'utf8' } as never))
  @ApiResult(LetterAttachmentView)
  @ApiErrors({ 400: ['ATTACHMENT_FILE_REQUIRED', 'ATTACHMENT_TOO_LARGE', 'ATTACHMENT_TYPE_NOT_ALLOWED'], 403: ['OFFICE_ONLY'], 404: ['ROUND_NOT_FOUND'], 422: ['ROUND_CONCLUDED', 'ATTACHMENTS_TOO_MANY'] })
  add(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @UploadedFile() file: { originalname: string; buffer: Buffer } | undefined) {
    return this.attachments.add(actor, id, file) as Promise<LetterAttachmentView>;
  }

  @Get(':attachmentId')
  @ApiOperation({ summary: '下载征求意见函附件' })
  @ApiFile('pdf', 'docx', 'xlsx', 'png', 'jpeg')
  @ApiErrors({ 404: ['ROUND_NOT_FOUND', 'ATTACHMENT_NOT_FOUND'] })
  download(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Param('attachmentId', ParseUUIDPipe) attachmentId: string) {
    return this.attachments.download(actor, id, attachmentId);
  }

  /** Only before launch: once the letters are out, their files are part of what each unit received. */
  @Delete(':attachmentId')
  @ApiOperation({ summary: '删除征求意见函附件（发出前），返回余下的附件' })
  @ApiResult([LetterAttachmentView])
  @ApiErrors({ 403: ['OFFICE_ONLY'], 404: ['ROUND_NOT_FOUND', 'ATTACHMENT_NOT_FOUND'], 422: ['ATTACHMENTS_LOCKED'] })
  remove(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Param('attachmentId', ParseUUIDPipe) attachmentId: string) {
    return this.attachments.remove(actor, id, attachmentId) as Promise<LetterAttachmentView[]>;
  }
}
