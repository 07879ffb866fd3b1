import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiOperation, ApiPropertyOptional, ApiQuery, ApiTags } from '@nestjs/swagger';
import { Actor, AuthService, isOffice } from '@zq/access';
import { ContactScope, DirectoryService, UNIT_KINDS, UnitKind } from '@zq/directory';
import { IsIn, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { ApiErrors, ApiResult } from '../http/api-docs';
import { CurrentActor } from '../http/auth.guard';
import { UnitResolution, UnitSummary, UnitUser } from './units.responses';

class UnitQuery {
  @ApiPropertyOptional({ description: '名称或别名（如 省市场监管局）', maxLength: 100 }) @IsOptional() @IsString() @MaxLength(100) q?: string;
  @ApiPropertyOptional({ enum: UNIT_KINDS }) @IsOptional() @IsIn(UNIT_KINDS) kind?: UnitKind;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() parentId?: string;
}

/** Whose contacts a signed-in user sees: the office all; a unit user only its own unit's and its city's. */
const contactScope = (actor: Actor): ContactScope => (isOffice(actor) ? 'all' : [actor.unitId, actor.parentUnitId]);

/**
 * The directory (names, kinds, hierarchy) is public knowledge among the units; contact names, e-mails
 * and phones are the office's address book: a unit user sees only those of its own unit (and city).
 */
@ApiTags('units')
@Controller('units')
export class UnitsController {
  constructor(
    private readonly directory: DirectoryService,
    private readonly auth: AuthService,
  ) {}

  @Get()
  @ApiOperation({ summary: '单位名录（按名称、类型、上级筛选）' })
  @ApiResult([UnitSummary])
  list(@CurrentActor() actor: Actor, @Query() query: UnitQuery): Promise<UnitSummary[]> {
    return this.directory.search(query, contactScope(actor));
  }

  @Get('resolve')
  @ApiOperation({ summary: '按名称识别单位（简称、全称或别名）' })
  @ApiQuery({ name: 'name', required: false, description: '单位名称', schema: { type: 'string', maxLength: 200 } })
  @ApiResult(UnitResolution)
  resolve(@Query('name') name: string): Promise<UnitResolution> {
    return this.directory.resolve(name ?? '');
  }

  @Get(':id/users')
  @ApiOperation({ summary: '单位的用户' })
  @ApiResult([UnitUser])
  @ApiErrors({ 404: ['NOT_FOUND'] })
  users(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<UnitUser[]> {
    return this.auth.listUnitUsers(actor, id);
  }

  @Get(':id')
  @ApiOperation({ summary: '单位详情（含联系人）' })
  @ApiResult(UnitSummary)
  @ApiErrors({ 404: ['UNIT_NOT_FOUND'] })
  get(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<UnitSummary> {
    return this.directory.get(id, contactScope(actor));
  }
}
