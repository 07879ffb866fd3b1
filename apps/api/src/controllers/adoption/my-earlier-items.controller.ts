import { Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor } from '@zq/access';
import { FeedbackReviewService } from '@zq/adoption';
import { ApiErrors, ApiResult } from '../../http/api-docs';
import { CurrentActor } from '../../http/auth.guard';
import { EarlierItems, MyDecisions } from './adoption.responses';

/** A unit in a later round: how each of its earlier items was decided, and what changed since. */
@ApiTags('my rounds')
@Controller('my/rounds')
export class MyEarlierItemsController {
  constructor(private readonly review: FeedbackReviewService) {}

  @Get(':roundId/earlier-items')
  @ApiOperation({ summary: '本单位上一轮意见的处理情况' })
  @ApiResult(EarlierItems)
  @ApiErrors({ 403: ['UNIT_USER_ONLY'], 404: ['ROUND_NOT_FOUND', 'VERSION_NOT_FOUND'] })
  earlierItems(@CurrentActor() actor: Actor, @Param('roundId', ParseUUIDPipe) roundId: string): Promise<EarlierItems> {
    return this.review.earlierItems(actor, roundId);
  }

  /** After the round: how each of this unit's comments was decided (once 办结). */
  @Get(':roundId/decisions')
  @ApiOperation({ summary: '本单位本轮意见的处理情况' })
  @ApiResult(MyDecisions)
  @ApiErrors({ 403: ['UNIT_USER_ONLY'], 404: ['ROUND_NOT_FOUND', 'VERSION_NOT_FOUND'] })
  decisions(@CurrentActor() actor: Actor, @Param('roundId', ParseUUIDPipe) roundId: string): Promise<MyDecisions> {
    return this.review.myDecisions(actor, roundId);
  }
}
