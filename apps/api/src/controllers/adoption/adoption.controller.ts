import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Put, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Actor } from '@zq/access';
import { AdoptionReportService, DispositionService, ExportFile, FeedbackReviewService, NextVersionService } from '@zq/adoption';
import type { Response } from 'express';
import { CurrentActor } from '../../http/auth.guard';
import { AdoptionTableDownloadQuery, BulkDecisionDto, DecisionDto, FeedbackQueryDto, GenerateNextVersionDto, NextRoundDto, ResolveChangeDto } from './adoption.dto';

function sendFile(res: Response, file: ExportFile): void {
  res.setHeader('Content-Type', file.mime);
  res.setHeader('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.fileName)}`);
  res.send(file.body);
}

/** 采纳 (office): feedback by clause, decisions, the next version, the tables, 办结 and the next round. */
@ApiTags('adoption')
@ApiBearerAuth()
@Controller('rounds/:roundId')
export class AdoptionController {
  constructor(
    private readonly review: FeedbackReviewService,
    private readonly dispositions: DispositionService,
    private readonly nextVersion: NextVersionService,
    private readonly reports: AdoptionReportService,
  ) {}

  /** Every item under its clause in document order, with decisions, conflicts and silent 责任单位. */
  @Get('feedback')
  feedback(@CurrentActor() actor: Actor, @Param('roundId', ParseUUIDPipe) roundId: string, @Query() query: FeedbackQueryDto) {
    return this.review.feedbackByClause(actor, roundId, query);
  }

  @Put('items/:itemId/disposition')
  decideOne(@CurrentActor() actor: Actor, @Param('roundId', ParseUUIDPipe) roundId: string, @Param('itemId', ParseUUIDPipe) itemId: string, @Body() dto: DecisionDto) {
    return this.dispositions.decide(actor, roundId, { ...dto, itemIds: [itemId] });
  }

  @Get('items/:itemId/disposition-history')
  history(@CurrentActor() actor: Actor, @Param('roundId', ParseUUIDPipe) roundId: string, @Param('itemId', ParseUUIDPipe) itemId: string) {
    return this.review.itemHistory(actor, roundId, itemId);
  }

  /** One decision for many items, or for every item still undecided (allUndecided). */
  @Post('dispositions')
  @HttpCode(200)
  decideMany(@CurrentActor() actor: Actor, @Param('roundId', ParseUUIDPipe) roundId: string, @Body() dto: BulkDecisionDto) {
    return this.dispositions.decide(actor, roundId, dto);
  }

  @Post('next-version')
  generate(@CurrentActor() actor: Actor, @Param('roundId', ParseUUIDPipe) roundId: string, @Body() dto: GenerateNextVersionDto) {
    return this.nextVersion.generate(actor, roundId, dto);
  }

  @Get('next-version')
  getNextVersion(@CurrentActor() actor: Actor, @Param('roundId', ParseUUIDPipe) roundId: string) {
    return this.nextVersion.get(actor, roundId);
  }

  @Post('next-version/changes/:changeId/resolve')
  @HttpCode(200)
  resolve(@CurrentActor() actor: Actor, @Param('roundId', ParseUUIDPipe) roundId: string, @Param('changeId', ParseUUIDPipe) changeId: string, @Body() dto: ResolveChangeDto) {
    return this.nextVersion.resolveChange(actor, roundId, changeId, dto);
  }

  /** The next version as an official-document .docx. */
  @Get('next-version/docx')
  async nextVersionDocx(@CurrentActor() actor: Actor, @Param('roundId', ParseUUIDPipe) roundId: string, @Res() res: Response) {
    sendFile(res, await this.reports.nextVersionDocx(actor, roundId));
  }

  /** 意见采纳情况表 (rows and summary). */
  @Get('adoption-table')
  adoptionTable(@CurrentActor() actor: Actor, @Param('roundId', ParseUUIDPipe) roundId: string) {
    return this.reports.adoptionTable(actor, roundId, 'json');
  }

  @Get('adoption-table/download')
  async adoptionTableFile(@CurrentActor() actor: Actor, @Param('roundId', ParseUUIDPipe) roundId: string, @Query() q: AdoptionTableDownloadQuery, @Res() res: Response) {
    sendFile(res, await this.reports.adoptionTable(actor, roundId, q.format));
  }

  /** 修改对照表 (.docx): 原条文 | 修改后条文 with the redline. */
  @Get('comparison-table')
  async comparisonTable(@CurrentActor() actor: Actor, @Param('roundId', ParseUUIDPipe) roundId: string, @Res() res: Response) {
    sendFile(res, await this.reports.comparisonTable(actor, roundId));
  }

  /** 办结: round concluded and next version published, in one transaction; refused while items are undecided. */
  @Post('conclude')
  @HttpCode(200)
  conclude(@CurrentActor() actor: Actor, @Param('roundId', ParseUUIDPipe) roundId: string) {
    return this.nextVersion.conclude(actor, roundId);
  }

  /** A draft of the next round (第二次征求意见) on the published next version, linked to this round. */
  @Post('next-round')
  nextRound(@CurrentActor() actor: Actor, @Param('roundId', ParseUUIDPipe) roundId: string, @Body() dto: NextRoundDto) {
    return this.nextVersion.startNextRound(actor, roundId, dto);
  }
}
