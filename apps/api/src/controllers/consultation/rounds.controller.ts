import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Actor } from '@zq/access';
import { BoardService, RecipientService, RoundService } from '@zq/consultation';
import { CurrentActor } from '../../http/auth.guard';
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
@ApiBearerAuth()
@Controller('rounds')
export class RoundsController {
  constructor(
    private readonly rounds: RoundService,
    private readonly boards: BoardService,
    private readonly recipients: RecipientService,
  ) {}

  @Get()
  list(@CurrentActor() actor: Actor, @Query() query: RoundListQuery) {
    return this.rounds.list(actor, query);
  }

  @Post()
  create(@CurrentActor() actor: Actor, @Body() dto: CreateRoundDto) {
    return this.rounds.create(actor, dto);
  }

  /** A draft round pre-filled from a letter (its text, or a version imported with its letter); never launched by itself. */
  @Post('from-letter')
  fromLetter(@CurrentActor() actor: Actor, @Body() dto: FromLetterDto) {
    return this.rounds.createFromLetter(actor, dto);
  }

  @Get(':id')
  get(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string) {
    return this.rounds.get(actor, id);
  }

  @Patch(':id')
  update(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: UpdateRoundDto) {
    return this.rounds.update(actor, id, dto);
  }

  @Delete(':id')
  remove(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string) {
    return this.rounds.remove(actor, id);
  }

  /** Responsible units that are not asked, and recipients that cannot be notified. */
  @Get(':id/coverage')
  coverage(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string) {
    return this.rounds.coverage(actor, id);
  }

  @Post(':id/coverage/acknowledge')
  @HttpCode(200)
  acknowledge(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: AcknowledgeCoverageDto) {
    return this.rounds.acknowledgeCoverage(actor, id, dto.unitIds);
  }

  @Post(':id/launch')
  @HttpCode(200)
  launch(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: LaunchDto) {
    return this.rounds.launch(actor, id, dto);
  }

  @Post(':id/close')
  @HttpCode(200)
  close(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string) {
    return this.rounds.close(actor, id);
  }

  @Post(':id/reopen')
  @HttpCode(200)
  reopen(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string) {
    return this.rounds.reopen(actor, id);
  }

  /** 反馈进度: every recipient's state, counts, who has not replied; ?format=xlsx exports the latter. */
  @Get(':id/board')
  board(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Query() query: BoardQuery) {
    return query.format === 'xlsx' ? this.boards.notRepliedXlsx(actor, id) : this.boards.board(actor, id, { state: query.state, limit: query.limit, offset: query.offset });
  }

  /** 未反馈单位 with whom to call: each unit's contacts (a prefecture city's through its offices). */
  @Get(':id/not-replied')
  notReplied(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string) {
    return this.boards.notReplied(actor, id);
  }

  /** 邮件记录: what was sent to whom, when and why. */
  @Get(':id/mails')
  mails(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Query() query: MailsQuery) {
    return this.boards.mails(actor, id, query);
  }

  /** 重发: a mail left failed, queued or stuck sending goes out again with the same Message-ID (audited). */
  @Post(':id/mails/:mailId/resend')
  @HttpCode(202)
  resendMail(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Param('mailId', ParseUUIDPipe) mailId: string) {
    return this.boards.resendMail(actor, id, mailId);
  }

  @Get(':id/extensions')
  extensions(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string) {
    return this.recipients.extensions(actor, id);
  }

  /** 延期: a later deadline for one unit; its reminders move with it. */
  @Post(':id/recipients/:unitId/extension')
  @HttpCode(200)
  extend(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Param('unitId', ParseUUIDPipe) unitId: string, @Body() dto: ExtensionDto) {
    return this.recipients.extend(actor, id, unitId, dto);
  }

  @Post(':id/recipients/:unitId/exempt')
  @HttpCode(200)
  exempt(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Param('unitId', ParseUUIDPipe) unitId: string, @Body() dto: ExemptDto) {
    return this.recipients.exempt(actor, id, unitId, dto.reason);
  }
}
