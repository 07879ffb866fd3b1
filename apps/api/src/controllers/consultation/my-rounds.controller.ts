import { Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor } from '@zq/access';
import { RecipientService } from '@zq/consultation';
import { ApiErrors, ApiResult } from '../../http/api-docs';
import { CurrentActor } from '../../http/auth.guard';
import { MyRound, MyRoundListItem } from './consultation.responses';

/** The recipient side: a unit user's rounds (another unit's read as not found). */
@ApiTags('my rounds')
@Controller('my/rounds')
export class MyRoundsController {
  constructor(private readonly recipients: RecipientService) {}

  @Get()
  @ApiOperation({ summary: '本单位的征求意见' })
  @ApiResult([MyRoundListItem])
  @ApiErrors({ 403: ['UNIT_ONLY'] })
  list(@CurrentActor() actor: Actor): Promise<MyRoundListItem[]> {
    return this.recipients.myRounds(actor);
  }

  /** The letter, the draft and my deadline; opening it marks the round 已查看. */
  @Get(':id')
  @ApiOperation({ summary: '本单位查看征求意见（标记已查看）' })
  @ApiResult(MyRound)
  @ApiErrors({ 403: ['UNIT_ONLY'], 404: ['NOT_FOUND', 'ROUND_NOT_FOUND'], 422: ['RECIPIENT_TRANSITION_NOT_ALLOWED'] })
  get(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<MyRound> {
    return this.recipients.myRound(actor, id);
  }
}
