import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Actor } from '@zq/access';
import { DraftingService, ImportInput } from '@zq/drafting';
import { IsBase64, IsIn, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import type { Response } from 'express';
import { CurrentActor } from '../../http/auth.guard';

class ImportDraftDto {
  @ApiPropertyOptional({ description: '粘贴的文本（或 PDF 提取的文本）' }) @IsOptional() @IsString() @MaxLength(5_000_000) text?: string;
  @ApiPropertyOptional({ description: '.docx 文件内容（base64）' }) @IsOptional() @IsBase64() @MaxLength(30_000_000) docxBase64?: string;
  @ApiPropertyOptional({ example: '二次征求意见稿' }) @IsOptional() @IsString() @MaxLength(50) label?: string;
  @ApiPropertyOptional({ description: '作为已有政策文件的新版本导入' }) @IsOptional() @IsUUID() policyId?: string;
}

const toInput = (dto: ImportDraftDto): ImportInput => ({
  text: dto.text,
  docx: dto.docxBase64 ? Buffer.from(dto.docxBase64, 'base64') : undefined,
  label: dto.label,
  policyId: dto.policyId,
});

class ExportQuery {
  @ApiProperty({ enum: ['txt', 'docx'] }) @IsIn(['txt', 'docx']) format: 'txt' | 'docx' = 'docx';
}

@ApiTags('drafting')
@ApiBearerAuth()
@Controller()
export class PoliciesController {
  constructor(private readonly drafting: DraftingService) {}

  @Get('policies')
  list(@CurrentActor() actor: Actor) {
    return this.drafting.listPolicies(actor);
  }

  /** Parses a draft and shows the tree without saving it (to review before import). */
  @Post('policies/import/preview')
  preview(@CurrentActor() actor: Actor, @Body() dto: ImportDraftDto) {
    return this.drafting.previewImport(actor, toInput(dto));
  }

  @Post('policies/import')
  import(@CurrentActor() actor: Actor, @Body() dto: ImportDraftDto) {
    return this.drafting.importDraft(actor, toInput(dto));
  }

  @Get('policies/:id')
  get(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string) {
    return this.drafting.getPolicy(actor, id);
  }

  @Get('versions/:id')
  version(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string) {
    return this.drafting.versionWithTree(actor, id);
  }

  @Get('versions/:id/clauses')
  async clauses(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string) {
    return (await this.drafting.versionWithTree(actor, id)).clauses;
  }

  @Get('versions/:id/export')
  async export(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Query() q: ExportQuery, @Res() res: Response) {
    const file = await this.drafting.export(actor, id, q.format);
    res.setHeader('Content-Type', file.mime);
    res.setHeader('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.fileName)}`);
    res.send(file.body);
  }

  @Get('versions/:id/diff/:otherId')
  diff(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Param('otherId', ParseUUIDPipe) otherId: string) {
    return this.drafting.diff(actor, id, otherId);
  }

  @Post('versions/:id/publish')
  publish(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string) {
    return this.drafting.publishVersion(actor, id);
  }

  @Get('clauses/:id')
  clause(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string) {
    return this.drafting.getClause(actor, id);
  }
}
