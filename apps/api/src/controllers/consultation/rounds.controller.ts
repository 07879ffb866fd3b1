import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor } from '@zq/access';
import { BoardService, RecipientService, RoundService } from '@zq/consultation';
import { ApiErrors, ApiResult, ApiResultOrFile } from '../../http/api-docs';
import { CurrentActor } from '../../http/auth.guard';
import { Board, Coverage, DeadlineOptions, DeletedRound, ExemptionResult, Extension, ExtensionResult, FromLetterResult, LaunchResult, MailPage, MailResent, NotRepliedContactsUnit, Round, RoundListItem } from './consultation.responses';
import { fileResponse } from '../../http/file-response';
import {
  AcknowledgeCoverageDto,
  BoardQuery,
  CreateRoundDto,
  ExemptDto,
  ExtensionDto,
  FromLetterDto,
  LaunchDto,
  MailsQuery,
  RoundListQuery,
  UpdateRoundDto,
} from './round.dto';

/** 征求意见轮次 (office): drafts, launch, close, the board, mails, extensions. */
@ApiTags('rounds')
@Controller('rounds')
export class RoundsController {
  constructor(
    private readonly rounds: RoundService,
    private readonly boards: BoardService,
    private readonly recipients: RecipientService,
  ) {}

  @Get()
  @ApiOperation({ summary: '征求意见轮次列表' })
  @ApiResult([RoundListItem])
  @ApiErrors({ 403: ['OFFICE_ONLY'] })
  list(@CurrentActor() actor: Actor, @Query() query: RoundListQuery): Promise<RoundListItem[]> {
    return this.rounds.list(actor, query);
  }

  @Post()
  @ApiOperation({ summary: '新建轮次（草稿）' })
  @ApiResult(Round)
  @ApiErrors({ 400: ['CITY_APPROVAL_RULE_INVALID', 'DEADLINE_AMBIGUOUS', 'DEADLINE_REQUIRED', 'DEADLINE_WORKDAYS_INVALID', 'INVALID_CALENDAR_DATE', 'INVALID_WORKDAY_COUNT', 'RECIPIENT_KIND_INVALID', 'REMINDER_POLICY_INVALID', 'ROUND_NUMBER_INVALID', 'UNIT_NOT_FOUND', 'VERSION_REQUIRED'], 403: ['OFFICE_ONLY'], 404: ['ROUND_NOT_FOUND', 'VERSION_NOT_FOUND'], 422: ['CALENDAR_NO_WORKDAY', 'CALENDAR_YEAR_UNKNOWN'] })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateRoundDto): Promise<Round> {
    return this.rounds.create(actor, dto);
  }

  /** A draft round pre-filled from a letter (its text, or a version imported with its letter); never launched by itself. */
  @Post('from-letter')
  @ApiOperation({ summary: '按征求意见函预填新轮次（草稿）' })
  @ApiResult(FromLetterResult)
  @ApiErrors({ 400: ['CITY_APPROVAL_RULE_INVALID', 'DEADLINE_AMBIGUOUS', 'DEADLINE_WORKDAYS_INVALID', 'IMPORT_SOURCE_REQUIRED', 'INVALID_CALENDAR_DATE', 'INVALID_WORKDAY_COUNT', 'LETTER_REQUIRED', 'RECIPIENT_KIND_INVALID', 'REMINDER_POLICY_INVALID', 'ROUND_NUMBER_INVALID', 'UNIT_NOT_FOUND'], 403: ['OFFICE_ONLY'], 404: ['POLICY_NOT_FOUND', 'ROUND_NOT_FOUND', 'VERSION_NOT_FOUND'], 422: ['CALENDAR_NO_WORKDAY', 'CALENDAR_YEAR_UNKNOWN'] })
  fromLetter(@CurrentActor() actor: Actor, @Body() dto: FromLetterDto): Promise<FromLetterResult> {
    return this.rounds.createFromLetter(actor, dto);
  }

  /** 截止时间的快捷选项: today's date and N 个工作日后 (Chinese working days). */
  @Get('deadline-options')
  @ApiOperation({ summary: '截止时间的快捷选项（N 个工作日后）' })
  @ApiResult(DeadlineOptions)
  @ApiErrors({ 403: ['OFFICE_ONLY'], 422: ['CALENDAR_YEAR_UNKNOWN'] })
  deadlineOptions(@CurrentActor() actor: Actor): DeadlineOptions {
    return this.rounds.deadlineOptions(actor);
  }

  @Get(':id')
  @ApiOperation({ summary: '轮次详情' })
  @ApiResult(Round)
  @ApiErrors({ 403: ['OFFICE_ONLY'], 404: ['ROUND_NOT_FOUND'] })
  get(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<Round> {
    return this.rounds.get(actor, id);
  }

  @Patch(':id')
  @ApiOperation({ summary: '修改草稿轮次' })
  @ApiResult(Round)
  @ApiErrors({ 400: ['CITY_APPROVAL_RULE_INVALID', 'DEADLINE_AMBIGUOUS', 'DEADLINE_WORKDAYS_INVALID', 'INVALID_CALENDAR_DATE', 'INVALID_WORKDAY_COUNT', 'RECIPIENT_KIND_INVALID', 'REMINDER_POLICY_INVALID', 'ROUND_NUMBER_INVALID', 'UNIT_NOT_FOUND'], 403: ['OFFICE_ONLY'], 404: ['ROUND_NOT_FOUND', 'VERSION_NOT_FOUND'], 422: ['CALENDAR_NO_WORKDAY', 'CALENDAR_YEAR_UNKNOWN', 'ROUND_NOT_DRAFT'] })
  update(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: UpdateRoundDto): Promise<Round> {
    return this.rounds.update(actor, id, dto);
  }

  @Delete(':id')
  @ApiOperation({ summary: '删除草稿轮次' })
  @ApiResult(DeletedRound)
  @ApiErrors({ 403: ['OFFICE_ONLY'], 404: ['ROUND_NOT_FOUND'], 422: ['ROUND_NOT_DRAFT'] })
  remove(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<DeletedRound> {
    return this.rounds.remove(actor, id);
  }

  /** Responsible units that are not asked, and recipients that cannot be notified. */
  @Get(':id/coverage')
  @ApiOperation({ summary: '覆盖检查：未征求的责任单位、无法通知的单位' })
  @ApiResult(Coverage)
  @ApiErrors({ 403: ['OFFICE_ONLY'], 404: ['ROUND_NOT_FOUND'] })
  coverage(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<Coverage> {
    return this.rounds.coverage(actor, id);
  }

  @Post(':id/coverage/acknowledge')
  @HttpCode(200)
  @ApiOperation({ summary: '确认覆盖检查提示' })
  @ApiResult(Coverage)
  @ApiErrors({ 403: ['OFFICE_ONLY'], 404: ['ROUND_NOT_FOUND'], 422: ['ROUND_NOT_DRAFT'] })
  acknowledge(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: AcknowledgeCoverageDto): Promise<Coverage> {
    return this.rounds.acknowledgeCoverage(actor, id, dto.unitIds);
  }

  @Post(':id/launch')
  @HttpCode(200)
  @ApiOperation({ summary: '发出征求意见' })
  @ApiResult(LaunchResult)
  @ApiErrors({ 400: ['DEADLINE_WORKDAYS_INVALID', 'INVALID_CALENDAR_DATE', 'INVALID_WORKDAY_COUNT', 'REMINDER_EXTENSION_NOT_LATER', 'REMINDER_POLICY_INVALID'], 403: ['OFFICE_ONLY'], 404: ['ROUND_NOT_FOUND'], 422: ['CALENDAR_NO_WORKDAY', 'CALENDAR_YEAR_UNKNOWN', 'COVERAGE_NOT_ACKNOWLEDGED', 'DEADLINE_PASSED', 'ROUND_NO_RECIPIENTS'] })
  launch(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: LaunchDto): Promise<LaunchResult> {
    return this.rounds.launch(actor, id, dto);
  }

  @Post(':id/close')
  @HttpCode(200)
  @ApiOperation({ summary: '截止轮次' })
  @ApiResult(Round)
  @ApiErrors({ 403: ['OFFICE_ONLY'], 404: ['ROUND_NOT_FOUND'] })
  close(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<Round> {
    return this.rounds.close(actor, id);
  }

  @Post(':id/reopen')
  @HttpCode(200)
  @ApiOperation({ summary: '重新开放轮次' })
  @ApiResult(Round)
  @ApiErrors({ 403: ['OFFICE_ONLY'], 404: ['ROUND_NOT_FOUND'] })
  reopen(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<Round> {
    return this.rounds.reopen(actor, id);
  }

  /** 反馈进度: every recipient's state, counts, who has not replied; ?format=xlsx exports the latter. */
  @Get(':id/board')
  @ApiOperation({ summary: '反馈进度（?format=xlsx 导出未反馈单位）' })
  @ApiResultOrFile(Board, 'xlsx')
  @ApiErrors({ 403: ['OFFICE_ONLY'], 404: ['ROUND_NOT_FOUND'] })
  async board(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Query() query: BoardQuery) {
    return query.format === 'xlsx' ? fileResponse(await this.boards.notRepliedXlsx(actor, id)) : this.boards.board(actor, id, { state: query.state, limit: query.limit, offset: query.offset });
  }

  /** 未反馈单位 with whom to call: each unit's contacts (a prefecture city's through its offices). */
  @Get(':id/not-replied')
  @ApiOperation({ summary: '未反馈单位及联系人' })
  @ApiResult([NotRepliedContactsUnit])
  @ApiErrors({ 403: ['OFFICE_ONLY'], 404: ['ROUND_NOT_FOUND'] })
  notReplied(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<NotRepliedContactsUnit[]> {
    return this.boards.notReplied(actor, id);
  }

  /** 邮件记录: what was sent to whom, when and why. */
  @Get(':id/mails')
  @ApiOperation({ summary: '邮件记录' })
  @ApiResult(MailPage)
  @ApiErrors({ 403: ['OFFICE_ONLY'], 404: ['ROUND_NOT_FOUND'] })
  mails(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Query() query: MailsQuery): Promise<MailPage> {
    return this.boards.mails(actor, id, query);
  }

  /** 重发: a mail left failed, queued or stuck sending goes out again with the same Message-ID (audited). */
  @Post(':id/mails/:mailId/resend')
  @HttpCode(202)
  @ApiOperation({ summary: '重发邮件' })
  @ApiResult(MailResent)
  @ApiErrors({ 403: ['OFFICE_ONLY'], 404: ['MAIL_NOT_FOUND'], 409: ['MAIL_ALREADY_SENT', 'MAIL_BEING_SENT'] })
  resendMail(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Param('mailId', ParseUUIDPipe) mailId: string): Promise<MailResent> {
    return this.boards.resendMail(actor, id, mailId);
  }

  @Get(':id/extensions')
  @ApiOperation({ summary: '延期记录' })
  @ApiResult([Extension])
  @ApiErrors({ 403: ['OFFICE_ONLY'] })
  extensions(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<Extension[]> {
    return this.recipients.extensions(actor, id);
  }

  /** 延期: a later deadline for one unit; its reminders move with it. */
  @Post(':id/recipients/:unitId/extension')
  @HttpCode(200)
  @ApiOperation({ summary: '为单位延期' })
  @ApiResult(ExtensionResult)
  @ApiErrors({ 400: ['EXTENSION_IN_PAST', 'EXTENSION_NOT_LATER', 'INVALID_CALENDAR_DATE', 'INVALID_WORKDAY_COUNT', 'REASON_REQUIRED', 'REMINDER_EXTENSION_NOT_LATER', 'REMINDER_POLICY_INVALID'], 403: ['OFFICE_ONLY'], 404: ['RECIPIENT_NOT_FOUND', 'ROUND_NOT_FOUND'], 422: ['CALENDAR_NO_WORKDAY', 'CALENDAR_YEAR_UNKNOWN', 'RECIPIENT_ALREADY_REPLIED', 'ROUND_NOT_OPEN'] })
  extend(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Param('unitId', ParseUUIDPipe) unitId: string, @Body() dto: ExtensionDto): Promise<ExtensionResult> {
    return this.recipients.extend(actor, id, unitId, dto);
  }

  @Post(':id/recipients/:unitId/exempt')
  @HttpCode(200)
  @ApiOperation({ summary: '免于反馈' })
  @ApiResult(ExemptionResult)
  @ApiErrors({ 400: ['REASON_REQUIRED'], 403: ['OFFICE_ONLY'], 404: ['RECIPIENT_NOT_FOUND'], 422: ['RECIPIENT_TRANSITION_NOT_ALLOWED'] })
  exempt(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Param('unitId', ParseUUIDPipe) unitId: string, @Body() dto: ExemptDto): Promise<ExemptionResult> {
    return this.recipients.exempt(actor, id, unitId, dto.reason);
  }
}
