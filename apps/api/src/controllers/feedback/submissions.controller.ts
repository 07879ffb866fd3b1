import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor } from '@zq/access';
import { SubmissionService } from '@zq/feedback';
import { ApiErrors, ApiResult } from '../../http/api-docs';
import { CurrentActor } from '../../http/auth.guard';
import { SubmissionAccepted, SubmissionDetail, SubmissionReturned, SubmissionSummary } from './feedback.responses';
import { AcceptDto, ReturnDto, SubmissionListQuery } from './feedback.dto';

/** Sealed submissions: the office sees all of a round, a unit only its own; nobody sees another's drafts. */
@ApiTags('feedback')
@Controller()
export class SubmissionsController {
  constructor(private readonly submissions: SubmissionService) {}

  @Get('rounds/:roundId/submissions')
  @ApiOperation({ summary: '已提交的反馈列表' })
  @ApiResult([SubmissionSummary])
  @ApiErrors({ 404: ['ROUND_NOT_FOUND'] })
  list(@CurrentActor() actor: Actor, @Param('roundId', ParseUUIDPipe) roundId: string, @Query() query: SubmissionListQuery): Promise<SubmissionSummary[]> {
    return this.submissions.list(actor, roundId, query);
  }

  /** One submission with its items; the office opening it is recorded (submission.viewed). */
  @Get('submissions/:id')
  @ApiOperation({ summary: '已提交的反馈详情' })
  @ApiResult(SubmissionDetail)
  @ApiErrors({ 404: ['SUBMISSION_NOT_FOUND'] })
  get(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<SubmissionDetail> {
    return this.submissions.get(actor, id);
  }

  /** 退回补正 (office): the reply stays on record; the unit is told why by mail. */
  @Post('submissions/:id/return')
  @HttpCode(200)
  @ApiOperation({ summary: '退回补正' })
  @ApiResult(SubmissionReturned)
  @ApiErrors({ 403: ['OFFICE_ONLY'], 404: ['SUBMISSION_NOT_FOUND'], 409: ['SUBMISSION_ALREADY_REVIEWED'], 422: ['SUBMISSION_NOT_REVIEWABLE', 'SUBMISSION_SUPERSEDED'] })
  returnSubmission(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: ReturnDto): Promise<SubmissionReturned> {
    return this.submissions.returnSubmission(actor, id, dto.reason);
  }

  @Post('submissions/:id/accept')
  @HttpCode(200)
  @ApiOperation({ summary: '确认收到反馈' })
  @ApiResult(SubmissionAccepted)
  @ApiErrors({ 403: ['OFFICE_ONLY'], 404: ['SUBMISSION_NOT_FOUND'], 409: ['SUBMISSION_ALREADY_REVIEWED'], 422: ['SUBMISSION_NOT_REVIEWABLE', 'SUBMISSION_SUPERSEDED'] })
  accept(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: AcceptDto): Promise<SubmissionAccepted> {
    return this.submissions.accept(actor, id, dto.note);
  }
}
