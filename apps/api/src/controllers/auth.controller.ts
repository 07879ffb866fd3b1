import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Actor, AuthService, ROLES, Role } from '@zq/access';
import { IsEmail, IsIn, IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { CurrentActor, Public } from '../http/auth.guard';

class LoginDto {
  @ApiProperty({ example: 'admin' }) @IsString() @IsNotEmpty() @MaxLength(100) username: string;
  @ApiProperty({ example: 'demo1234' }) @IsString() @IsNotEmpty() @MaxLength(200) password: string;
}

class InviteDto {
  @ApiProperty() @IsUUID() unitId: string;
  @ApiProperty() @IsEmail() email: string;
  @ApiProperty({ enum: ['unit_drafter', 'unit_approver'] }) @IsIn(ROLES) role: Role;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(50) name?: string;
}

class AcceptInvitationDto {
  @ApiProperty() @IsString() @MinLength(2) @MaxLength(100) username: string;
  @ApiProperty() @IsString() @MinLength(8) @MaxLength(200) password: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(50) displayName?: string;
}

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Public()
  @Post('login')
  @HttpCode(200)
  login(@Body() dto: LoginDto) {
    return this.auth.login(dto.username, dto.password);
  }

  /** Demo mode only: the accounts the login page offers (演示账号); empty in production. */
  @Public()
  @Get('demo-accounts')
  demoAccounts() {
    return this.auth.demoAccounts();
  }

  @ApiBearerAuth()
  @Get('me')
  me(@CurrentActor() actor: Actor) {
    return actor;
  }

  @ApiBearerAuth()
  @Post('invitations')
  invite(@CurrentActor() actor: Actor, @Body() dto: InviteDto) {
    return this.auth.invite(actor, dto);
  }

  @Public()
  @Post('invitations/:token/accept')
  accept(@Param('token') token: string, @Body() dto: AcceptInvitationDto) {
    return this.auth.acceptInvitation(token, dto);
  }
}
