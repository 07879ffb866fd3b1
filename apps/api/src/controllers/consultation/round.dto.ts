import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { BOARD_STATES, BoardFilter, ROUND_STATUSES, RoundStatus, SILENCE_RULES, SilenceRule } from '@zq/consultation';
import { REMINDER_KINDS, ReminderKind } from '@zq/reminders';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const SEALS = ['construction_authority', 'beautiful_towns_office', 'general_office'] as const;

export class CityApprovalDto {
  @ApiProperty({ description: '设区市反馈须经市政府同意' }) @IsBoolean() required: boolean;
  @ApiProperty({ description: '由市政府办公厅（室）反馈即可' }) @IsBoolean() generalOfficeSuffices: boolean;
  @ApiProperty({ enum: SEALS, isArray: true, description: '注明“经市政府同意”时须加盖公章的市级单位' })
  @IsArray() @IsIn(SEALS, { each: true }) requiredSeals: (typeof SEALS)[number][];
}

export class ReminderStepDto {
  @ApiProperty({ enum: REMINDER_KINDS }) @IsIn(REMINDER_KINDS) kind: ReminderKind;
  @ApiProperty({ description: '相对截止日的工作日偏移：负数为截止前，0 为截止当日，正数为逾期后', example: -3 }) @IsInt() @Min(-60) @Max(60) offsetWorkdays: number;
  @ApiProperty({ example: '09:00' }) @Matches(/^([01]\d|2[0-3]):[0-5]\d$/) at: string;
}

export class ReminderPolicyDto {
  @ApiProperty({ type: [ReminderStepDto] }) @IsArray() @ArrayMaxSize(30) @ValidateNested({ each: true }) @Type(() => ReminderStepDto) steps: ReminderStepDto[];
}

export class CreateRoundDto {
  @ApiProperty({ description: '征求意见稿版本' }) @IsUUID() versionId: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(300) title?: string;
  @ApiPropertyOptional({ description: '第几次征求意见' }) @IsOptional() @IsInt() @Min(1) @Max(99) roundNumber?: number;
  @ApiPropertyOptional({ description: '征求意见函正文' }) @IsOptional() @IsString() @MaxLength(200_000) letterText?: string;
  @ApiPropertyOptional({ example: '2023-05-23', description: '截止日期（当日 24 时前，北京时间）' }) @IsOptional() @Matches(DATE) deadlineDate?: string;
  @ApiPropertyOptional({ example: 10, description: '或：发出后 N 个工作日' }) @IsOptional() @IsInt() @Min(1) @Max(120) deadlineWorkdays?: number;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(50) contactName?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100) contactPhone?: string;
  @ApiPropertyOptional({ description: '须加盖公章' }) @IsOptional() @IsBoolean() sealRequired?: boolean;
  @ApiPropertyOptional({ type: CityApprovalDto }) @IsOptional() @ValidateNested() @Type(() => CityApprovalDto) cityApproval?: CityApprovalDto;
  @ApiPropertyOptional({ enum: SILENCE_RULES }) @IsOptional() @IsIn(SILENCE_RULES) silenceRule?: SilenceRule;
  @ApiPropertyOptional({ type: ReminderPolicyDto, description: '催办规则（默认：截止前3、1个工作日，截止当日，逾期3个工作日，第4个工作日电话催办）' })
  @IsOptional() @ValidateNested() @Type(() => ReminderPolicyDto) reminderPolicy?: ReminderPolicyDto;
  @ApiPropertyOptional({ description: '电话催办名单（邮箱）' }) @IsOptional() @IsArray() @ArrayMaxSize(50) @IsEmail({}, { each: true }) escalationEmails?: string[];
  @ApiPropertyOptional({ description: '征求对象单位' }) @IsOptional() @IsArray() @ArrayMaxSize(20_000) @IsUUID('all', { each: true }) recipientUnitIds?: string[];
}

export class UpdateRoundDto extends PartialType(CreateRoundDto) {}

export class FromLetterDto {
  @ApiPropertyOptional({ description: '征求意见函全文（含附件）；先导入其中的征求意见稿' }) @IsOptional() @IsString() @MaxLength(5_000_000) text?: string;
  @ApiPropertyOptional({ description: '或：已导入的版本（导入时识别的函件信息）' }) @IsOptional() @IsUUID() versionId?: string;
}

export class AcknowledgeCoverageDto {
  @ApiPropertyOptional({ description: '确认的单位；缺省为当前全部提示' }) @IsOptional() @IsArray() @ArrayMaxSize(20_000) @IsUUID('all', { each: true }) unitIds?: string[];
}

export class LaunchDto {
  @ApiPropertyOptional({ description: '发出时一并确认的覆盖检查提示（单位）' }) @IsOptional() @IsArray() @ArrayMaxSize(20_000) @IsUUID('all', { each: true }) acknowledgedUnitIds?: string[];
}

export class RoundListQuery {
  @ApiPropertyOptional() @IsOptional() @IsUUID() policyId?: string;
  @ApiPropertyOptional({ enum: ROUND_STATUSES }) @IsOptional() @IsIn(ROUND_STATUSES) status?: RoundStatus;
}

const BOARD_FILTERS: BoardFilter[] = [...BOARD_STATES.map(([state]) => state), 'not_replied'];

export class BoardQuery {
  @ApiPropertyOptional({ enum: ['json', 'xlsx'], description: 'xlsx：导出未反馈单位' }) @IsOptional() @IsIn(['json', 'xlsx']) format?: 'json' | 'xlsx';
  @ApiPropertyOptional({ enum: BOARD_FILTERS, description: '只列出此状态的单位（not_replied：全部未反馈）；计数总是全轮的' })
  @IsOptional()
  @IsIn(BOARD_FILTERS)
  state?: BoardFilter;
  @ApiPropertyOptional({ description: '每页单位数（不填：全部）' }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(1000) limit?: number;
  @ApiPropertyOptional() @IsOptional() @Type(() => Number) @IsInt() @Min(0) offset?: number;
}

export class MailsQuery {
  @ApiPropertyOptional() @IsOptional() @IsUUID() unitId?: string;
  @ApiPropertyOptional({ enum: ['letter', 'reminder', 'manual_reminder', 'escalation'] }) @IsOptional() @IsString() @MaxLength(40) purpose?: string;
  @ApiPropertyOptional() @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(1000) limit?: number;
  @ApiPropertyOptional() @IsOptional() @Type(() => Number) @IsInt() @Min(0) @Max(1_000_000) offset?: number;
}

export class ExtensionDto {
  @ApiProperty({ example: '2023-05-30', description: '新的截止日期（当日 24 时前）' }) @Matches(DATE) deadlineDate: string;
  @ApiProperty({ example: '需提请市政府常务会议研究' }) @IsString() @IsNotEmpty() @MaxLength(500) reason: string;
}

export class ExemptDto {
  @ApiProperty({ example: '该单位职能已调整' }) @IsString() @IsNotEmpty() @MaxLength(500) reason: string;
}
