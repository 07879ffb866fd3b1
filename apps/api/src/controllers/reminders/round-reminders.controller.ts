import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Actor } from '@zq/access';
import { REMINDER_STATUSES, ReminderStatus, RoundRemindersService } from '@zq/reminders';
import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { ApiErrors, ApiResult } from '../../http/api-docs';
import { CurrentActor } from '../../http/auth.guard';
import { ManualReminderResult, ReconcileResult, ReminderRow, SweepResult } from './reminders.responses';

class ManualReminderDto {
  @ApiPropertyOptional({ description: '催办的单位；缺省为全部未反馈单位' }) @IsOptional() @IsArray() @ArrayMaxSize(20_000) @IsUUID('all', { each: true }) unitIds?: string[];
  @ApiPropertyOptional({ description: '附言' }) @IsOptional() @IsString() @MaxLength(1000) note?: string;
}

class RemindersQuery {
  @ApiPropertyOptional() @IsOptional() @IsUUID() unitId?: string;
  @ApiPropertyOptional({ enum: REMINDER_STATUSES }) @IsOptional() @IsIn(REMINDER_STATUSES) status?: ReminderStatus;
}

/** 催办 of a round (office): the schedule, manual reminders, and rebuilding the queue. */
@ApiTags('reminders')
@Controller('rounds/:id/reminders')
export class RoundRemindersController {
  constructor(private readonly reminders: RoundRemindersService) {}

  @Get()
  @ApiOperation({ summary: '催办计划' })
  @ApiResult([ReminderRow])
  @ApiErrors({ 403: ['OFFICE_ONLY'] })
  list(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Query() query: RemindersQuery): Promise<ReminderRow[]> {
    return this.reminders.list(actor, id, query);
  }

  /** 手动催办: at once, to the given units or to all that have not replied; the schedule is untouched. */
  @Post('manual')
  @HttpCode(200)
  @ApiOperation({ summary: '手动催办' })
  @ApiResult(ManualReminderResult)
  @ApiErrors({ 400: ['INVALID_CALENDAR_DATE'], 403: ['OFFICE_ONLY'], 404: ['RECIPIENT_NOT_FOUND', 'ROUND_NOT_FOUND'], 422: ['ROUND_NOT_OPEN'] })
  manual(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: ManualReminderDto): Promise<ManualReminderResult> {
    return this.reminders.sendManual(actor, id, dto);
  }

  /** Re-adds the delayed jobs missing from the queue (e.g. after Redis lost them); reports counts. */
  @Post('reconcile')
  @HttpCode(200)
  @ApiOperation({ summary: '补齐丢失的催办任务' })
  @ApiResult(ReconcileResult)
  @ApiErrors({ 403: ['OFFICE_ONLY'], 404: ['ROUND_NOT_FOUND'] })
  reconcile(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<ReconcileResult> {
    return this.reminders.reconcile(actor, id);
  }

  /** Runs now the reminders whose time has come by the server clock (catch-up after downtime). */
  @Post('sweep')
  @HttpCode(200)
  @ApiOperation({ summary: '立即执行已到期的催办' })
  @ApiResult(SweepResult)
  @ApiErrors({ 403: ['OFFICE_ONLY'] })
  sweep(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<SweepResult> {
    return this.reminders.sweep(actor, id);
  }
}
