import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Actor, AuthService } from '@zq/access';
import { DirectoryService, UNIT_KINDS, UnitKind } from '@zq/directory';
import { IsIn, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { CurrentActor } from '../http/auth.guard';

class UnitQuery {
  @ApiPropertyOptional({ description: '名称或别名（如 省市场监管局）' }) @IsOptional() @IsString() @MaxLength(100) q?: string;
  @ApiPropertyOptional({ enum: UNIT_KINDS }) @IsOptional() @IsIn(UNIT_KINDS) kind?: UnitKind;
  @ApiPropertyOptional() @IsOptional() @IsUUID() parentId?: string;
}

/** The directory is public knowledge among the units; contacts are shown to signed-in users only. */
@ApiTags('units')
@ApiBearerAuth()
@Controller('units')
export class UnitsController {
  constructor(
    private readonly directory: DirectoryService,
    private readonly auth: AuthService,
  ) {}

  @Get()
  list(@CurrentActor() _actor: Actor, @Query() query: UnitQuery) {
    return this.directory.search(query);
  }

  @Get('resolve')
  resolve(@Query('name') name: string) {
    return this.directory.resolve(name ?? '');
  }

  @Get(':id/users')
  users(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string) {
    return this.auth.listUnitUsers(actor, id);
  }

  @Get(':id')
  get(@Param('id', ParseUUIDPipe) id: string) {
    return this.directory.get(id);
  }
}
