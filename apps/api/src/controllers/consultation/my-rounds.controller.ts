import { Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Actor } from '@zq/access';
import { RecipientService } from '@zq/consultation';
import { CurrentActor } from '../../http/auth.guard';

/** The recipient side: a unit user's rounds (another unit's read as not found). */
@ApiTags('my rounds')
@ApiBearerAuth()
@Controller('my/rounds')
export class MyRoundsController {
  constructor(private readonly recipients: RecipientService) {}

  @Get()
  list(@CurrentActor() actor: Actor) {
    return this.recipients.myRounds(actor);
  }

  /** The letter, the draft and my deadline; opening it marks the round 已查看. */
  @Get(':id')
  get(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string) {
    return this.recipients.myRound(actor, id);
  }
}
