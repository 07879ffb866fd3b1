import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Put, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor } from '@zq/access';
import { AdoptionReportService, DispositionService, FeedbackReviewService, NextVersionService } from '@zq/adoption';
import { ApiErrors, ApiFile, ApiResult } from '../../http/api-docs';
import { CurrentActor } from '../../http/auth.guard';
import { fileResponse } from '../../http/file-response';
import { AdoptionTable, ConcludeResult, DecisionResult, DispositionHistoryEntry, NextRoundResult, NextVersion, NextVersionGenerated, ResolvedChange, RoundFeedback } from './adoption.responses';
import { AdoptionTableDownloadQuery, BulkDecisionDto, DecisionDto, FeedbackQueryDto, GenerateNextVersionDto, NextRoundDto, ResolveChangeDto } from './adoption.dto';

/** 采纳 (office): feedback by clause, decisions, the next version, the tables, 办结 and the next round. */
@ApiTags('adoption')
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
  @ApiOperation({ summary: '按条款汇总的反馈意见' })
  @ApiResult(RoundFeedback)
  @ApiErrors({ 403: ['OFFICE_ONLY'], 404: ['ROUND_NOT_FOUND', 'VERSION_NOT_FOUND'] })
  feedback(@CurrentActor() actor: Actor, @Param('roundId', ParseUUIDPipe) roundId: string, @Query() query: FeedbackQueryDto): Promise<RoundFeedback> {
    return this.review.feedbackByClause(actor, roundId, query);
  }

  @Put('items/:itemId/disposition')
  @ApiOperation({ summary: '处理一条意见（采纳情况）' })
  @ApiResult(DecisionResult)
  @ApiErrors({ 400: ['CARRY_OVER_NOT_ALLOWED', 'DISPOSITION_REASON_REQUIRED', 'EDITED_TEXT_NOT_ALLOWED', 'ITEMS_REQUIRED'], 403: ['OFFICE_ONLY'], 404: ['ITEM_NOT_FOUND', 'ROUND_NOT_FOUND'], 422: ['ITEM_NOT_CURRENT', 'ROUND_CONCLUDED', 'ROUND_NOT_LAUNCHED'] })
  decideOne(@CurrentActor() actor: Actor, @Param('roundId', ParseUUIDPipe) roundId: string, @Param('itemId', ParseUUIDPipe) itemId: string, @Body() dto: DecisionDto): Promise<DecisionResult> {
    return this.dispositions.decide(actor, roundId, { ...dto, itemIds: [itemId] });
  }

  @Get('items/:itemId/disposition-history')
  @ApiOperation({ summary: '意见处理历史' })
  @ApiResult([DispositionHistoryEntry])
  @ApiErrors({ 403: ['OFFICE_ONLY'], 404: ['ITEM_NOT_FOUND'] })
  history(@CurrentActor() actor: Actor, @Param('roundId', ParseUUIDPipe) roundId: string, @Param('itemId', ParseUUIDPipe) itemId: string): Promise<DispositionHistoryEntry[]> {
    return this.review.itemHistory(actor, roundId, itemId);
  }

  /** One decision for many items, or for every item still undecided (allUndecided). */
  @Post('dispositions')
  @HttpCode(200)
  @ApiOperation({ summary: '批量处理意见' })
  @ApiResult(DecisionResult)
  @ApiErrors({ 400: ['CARRY_OVER_NOT_ALLOWED', 'DISPOSITION_REASON_REQUIRED', 'EDITED_TEXT_NOT_ALLOWED', 'ITEMS_REQUIRED'], 403: ['OFFICE_ONLY'], 404: ['ITEM_NOT_FOUND', 'ROUND_NOT_FOUND'], 422: ['ITEM_NOT_CURRENT', 'ROUND_CONCLUDED', 'ROUND_NOT_LAUNCHED'] })
  decideMany(@CurrentActor() actor: Actor, @Param('roundId', ParseUUIDPipe) roundId: string, @Body() dto: BulkDecisionDto): Promise<DecisionResult> {
    return this.dispositions.decide(actor, roundId, dto);
  }

  @Post('next-version')
  @ApiOperation({ summary: '生成下一版本（送审稿）' })
  @ApiResult(NextVersionGenerated)
  @ApiErrors({ 400: ['VERSION_LABEL_REQUIRED'], 403: ['OFFICE_ONLY'], 404: ['ROUND_NOT_FOUND', 'VERSION_NOT_FOUND'], 409: ['NEXT_VERSION_EXISTS'], 422: ['NEXT_VERSION_IN_USE', 'NEXT_VERSION_LOCKED', 'ROUND_NOT_CLOSED'] })
  generate(@CurrentActor() actor: Actor, @Param('roundId', ParseUUIDPipe) roundId: string, @Body() dto: GenerateNextVersionDto): Promise<NextVersionGenerated> {
    return this.nextVersion.generate(actor, roundId, dto);
  }

  @Get('next-version')
  @ApiOperation({ summary: '下一版本及修改清单' })
  @ApiResult(NextVersion)
  @ApiErrors({ 403: ['OFFICE_ONLY'], 404: ['ROUND_NOT_FOUND', 'VERSION_NOT_FOUND'], 422: ['NEXT_VERSION_MISSING'] })
  getNextVersion(@CurrentActor() actor: Actor, @Param('roundId', ParseUUIDPipe) roundId: string): Promise<NextVersion> {
    return this.nextVersion.get(actor, roundId);
  }

  @Post('next-version/changes/:changeId/resolve')
  @HttpCode(200)
  @ApiOperation({ summary: '人工处理一处修改' })
  @ApiResult(ResolvedChange)
  @ApiErrors({ 400: ['CHANGE_HAS_NO_CLAUSE', 'RESOLUTION_REQUIRED'], 403: ['OFFICE_ONLY'], 404: ['CHANGE_NOT_FOUND', 'ROUND_NOT_FOUND', 'VERSION_NOT_FOUND'], 422: ['CHANGE_ALREADY_APPLIED', 'CLAUSE_NOT_IN_NEXT_VERSION', 'NEXT_VERSION_LOCKED', 'ROUND_CONCLUDED'] })
  resolve(@CurrentActor() actor: Actor, @Param('roundId', ParseUUIDPipe) roundId: string, @Param('changeId', ParseUUIDPipe) changeId: string, @Body() dto: ResolveChangeDto): Promise<ResolvedChange> {
    return this.nextVersion.resolveChange(actor, roundId, changeId, dto);
  }

  /** The next version as an official-document .docx. */
  @Get('next-version/docx')
  @ApiOperation({ summary: '下载下一版本（docx）' })
  @ApiFile('docx')
  @ApiErrors({ 403: ['OFFICE_ONLY'], 404: ['VERSION_NOT_FOUND'], 422: ['NEXT_VERSION_MISSING'] })
  async nextVersionDocx(@CurrentActor() actor: Actor, @Param('roundId', ParseUUIDPipe) roundId: string) {
    return fileResponse(await this.reports.nextVersionDocx(actor, roundId));
  }

  /** 意见采纳情况表 (rows and summary). */
  @Get('adoption-table')
  @ApiOperation({ summary: '意见采纳情况表' })
  @ApiResult(AdoptionTable)
  @ApiErrors({ 403: ['OFFICE_ONLY'], 404: ['ROUND_NOT_FOUND', 'VERSION_NOT_FOUND'] })
  adoptionTable(@CurrentActor() actor: Actor, @Param('roundId', ParseUUIDPipe) roundId: string): Promise<AdoptionTable> {
    return this.reports.adoptionTable(actor, roundId, 'json');
  }

  @Get('adoption-table/download')
  @ApiOperation({ summary: '下载意见采纳情况表（docx / xlsx）' })
  @ApiFile('docx', 'xlsx')
  @ApiErrors({ 403: ['OFFICE_ONLY'], 404: ['ROUND_NOT_FOUND', 'VERSION_NOT_FOUND'] })
  async adoptionTableFile(@CurrentActor() actor: Actor, @Param('roundId', ParseUUIDPipe) roundId: string, @Query() q: AdoptionTableDownloadQuery) {
    return fileResponse(await this.reports.adoptionTable(actor, roundId, q.format));
  }

  /** 修改对照表 (.docx): 原条文 | 修改后条文 with the redline. */
  @Get('comparison-table')
  @ApiOperation({ summary: '下载修改对照表（docx）' })
  @ApiFile('docx')
  @ApiErrors({ 403: ['OFFICE_ONLY'], 404: ['ROUND_NOT_FOUND', 'VERSION_NOT_FOUND'], 422: ['NEXT_VERSION_MISSING'] })
  async comparisonTable(@CurrentActor() actor: Actor, @Param('roundId', ParseUUIDPipe) roundId: string) {
    return fileResponse(await this.reports.comparisonTable(actor, roundId));
  }

  /** 办结: round concluded and next version published, in one transaction; refused while items are undecided. */
  @Post('conclude')
  @HttpCode(200)
  @ApiOperation({ summary: '办结：发布下一版本' })
  @ApiResult(ConcludeResult)
  @ApiErrors({ 403: ['OFFICE_ONLY'], 404: ['ROUND_NOT_FOUND', 'VERSION_NOT_FOUND'], 422: ['MANUAL_EDITS_PENDING', 'NEXT_VERSION_MISSING', 'NEXT_VERSION_STALE', 'UNDECIDED_ITEMS'] })
  conclude(@CurrentActor() actor: Actor, @Param('roundId', ParseUUIDPipe) roundId: string): Promise<ConcludeResult> {
    return this.nextVersion.conclude(actor, roundId);
  }

  /** A draft of the next round (第二次征求意见) on the published next version, linked to this round. */
  @Post('next-round')
  @ApiOperation({ summary: '发起下一轮征求意见（草稿）' })
  @ApiResult(NextRoundResult)
  @ApiErrors({ 400: ['CITY_APPROVAL_RULE_INVALID', 'DEADLINE_AMBIGUOUS', 'DEADLINE_REQUIRED', 'DEADLINE_WORKDAYS_INVALID', 'INVALID_CALENDAR_DATE', 'INVALID_WORKDAY_COUNT', 'RECIPIENT_KIND_INVALID', 'REMINDER_POLICY_INVALID', 'ROUND_NUMBER_INVALID', 'UNIT_NOT_FOUND', 'VERSION_REQUIRED'], 403: ['OFFICE_ONLY'], 404: ['ROUND_NOT_FOUND', 'VERSION_NOT_FOUND'], 422: ['CALENDAR_NO_WORKDAY', 'CALENDAR_YEAR_UNKNOWN', 'NEXT_VERSION_MISSING', 'ROUND_NOT_CONCLUDED'] })
  nextRound(@CurrentActor() actor: Actor, @Param('roundId', ParseUUIDPipe) roundId: string, @Body() dto: NextRoundDto): Promise<NextRoundResult> {
    return this.nextVersion.startNextRound(actor, roundId, dto);
  }
}
