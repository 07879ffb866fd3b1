import { Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Actor } from '@zq/access';
import { FeedbackReviewService } from '@zq/adoption';
import { CurrentActor } from '../../http/auth.guard';

/** A unit in a later round: how each of its earlier items was decided, and what changed since. */
@ApiTags('my rounds')
@ApiBearerAuth()
@Controller('my/rounds')
export class MyEarlierItemsController {
  constructor(private readonly review: FeedbackReviewService) {}

  @Get(':roundId/earlier-items')
  earlierItems(@CurrentActor() actor: Actor, @Param('roundId', ParseUUIDPipe) roundId: string) {
    return this.review.earlierItems(actor, roundId);
  }
}
