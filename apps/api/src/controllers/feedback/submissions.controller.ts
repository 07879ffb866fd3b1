import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Actor } from '@zq/access';
import { SubmissionService } from '@zq/feedback';
import { CurrentActor } from '../../http/auth.guard';
import { AcceptDto, ReturnDto, SubmissionListQuery } from './feedback.dto';

/** Sealed submissions: the office sees all of a round, a unit only its own; nobody sees another's drafts. */
@ApiTags('feedback')
@ApiBearerAuth()
@Controller()
export class SubmissionsController {
  constructor(private readonly submissions: SubmissionService) {}

  @Get('rounds/:roundId/submissions')
  list(@CurrentActor() actor: Actor, @Param('roundId', ParseUUIDPipe) roundId: string, @Query() query: SubmissionListQuery) {
    return this.submissions.list(actor, roundId, query);
  }

  /** One submission with its items; the office opening it is recorded (submission.viewed). */
  @Get('submissions/:id')
  get(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string) {
    return this.submissions.get(actor, id);
  }

  /** 退回补正 (office): the reply stays on record; the unit is told why by mail. */
  @Post('submissions/:id/return')
  @HttpCode(200)
  returnSubmission(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: ReturnDto) {
    return this.submissions.returnSubmission(actor, id, dto.reason);
  }

  @Post('submissions/:id/accept')
  @HttpCode(200)
  accept(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: AcceptDto) {
    return this.submissions.accept(actor, id, dto.note);
  }
}
