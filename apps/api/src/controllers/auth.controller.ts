import { Body, Controller, Get, HttpCode, Ip, Param, Post } from '@nestjs/common';
import { ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Actor, AuthService, ROLES, Role } from '@zq/access';
import { IsEmail, IsIn, IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { ApiErrors, ApiResult } from '../http/api-docs';
import { CurrentActor, Public } from '../http/auth.guard';
import { DemoAccount, Invitation, LoginResult, SignedInUser } from './auth.responses';

class LoginDto {
  @ApiProperty({ example: 'admin', minLength: 1, maxLength: 100 }) @IsString() @IsNotEmpty() @MaxLength(100) username: string;
  @ApiProperty({ example: 'demo1234', minLength: 1, maxLength: 200 }) @IsString() @IsNotEmpty() @MaxLength(200) password: string;
}

class InviteDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() unitId: string;
  @ApiProperty({ format: 'email' }) @IsEmail() email: string;
  @ApiProperty({ enum: ['unit_drafter', 'unit_approver'] }) @IsIn(ROLES) role: Role;
  @ApiPropertyOptional({ maxLength: 50 }) @IsOptional() @IsString() @MaxLength(50) name?: string;
}

class AcceptInvitationDto {
  @ApiProperty({ minLength: 2, maxLength: 100 }) @IsString() @MinLength(2) @MaxLength(100) username: string;
  @ApiProperty({ minLength: 8, maxLength: 200 }) @IsString() @MinLength(8) @MaxLength(200) password: string;
  @ApiPropertyOptional({ maxLength: 50 }) @IsOptional() @IsString() @MaxLength(50) displayName?: string;
}

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Public()
  @Post('login')
  @HttpCode(200)
  @ApiOperation({ summary: '登录' })
  @ApiResult(LoginResult)
  @ApiErrors({ 401: ['LOGIN_FAILED'], 429: ['LOGIN_LOCKED'] })
  login(@Body() dto: LoginDto, @Ip() address: string): Promise<LoginResult> {
    return this.auth.login(dto.username, dto.password, address);
  }

  /** Demo mode only: the accounts the login page offers (演示账号); empty in production. */
  @Public()
  @Get('demo-accounts')
  @ApiOperation({ summary: '演示账号（仅演示模式，生产环境为空）' })
  @ApiResult([DemoAccount])
  demoAccounts(): Promise<DemoAccount[]> {
    return this.auth.demoAccounts();
  }

  @Get('me')
  @ApiOperation({ summary: '当前登录用户' })
  @ApiResult(SignedInUser)
  me(@CurrentActor() actor: Actor): SignedInUser {
    return actor;
  }

  @Post('invitations')
  @ApiOperation({ summary: '邀请单位用户（办公室）' })
  @ApiResult(Invitation)
  @ApiErrors({ 400: ['ROLE_NOT_INVITABLE'], 403: ['ADMIN_ONLY'], 404: ['UNIT_NOT_FOUND'] })
  invite(@CurrentActor() actor: Actor, @Body() dto: InviteDto): Promise<Invitation> {
    return this.auth.invite(actor, dto);
  }

  @Public()
  @Post('invitations/:token/accept')
  @ApiOperation({ summary: '接受邀请并设置账号' })
  @ApiResult(SignedInUser)
  @ApiErrors({ 400: ['PASSWORD_TOO_SHORT', 'UNIT_NOT_ALLOWED', 'UNIT_REQUIRED'], 404: ['INVITATION_NOT_FOUND'], 409: ['INVITATION_EXPIRED', 'INVITATION_USED', 'USERNAME_TAKEN'] })
  accept(@Param('token') token: string, @Body() dto: AcceptInvitationDto): Promise<SignedInUser> {
    return this.auth.acceptInvitation(token, dto);
  }
}
